// Checked against nanoframework/System.Net, nanoFramework.System.Net/IPEndPoint.cs at commit
// a86584d2c88b6d206cb61ee1bce85a8f88784e6e: derives from EndPoint; Address and Port are read-only.
namespace System.Net
{
    public class IPEndPoint : EndPoint
    {
        public IPEndPoint(IPAddress address, int port)
        {
            throw new NotImplementedException();
        }

        public IPAddress Address { get { throw new NotImplementedException(); } }

        public int Port { get { throw new NotImplementedException(); } }
    }
}
