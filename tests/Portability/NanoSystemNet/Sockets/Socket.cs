// Checked against nanoframework/System.Net, nanoFramework.System.Net/Sockets/Socket.cs at commits
// 3526b4a025faa78dba4d3aad9a07359846202cd0 and 165240f8d65e3e85b72bc35d5427ec9e788820d6 (same public
// surface). Only the members src/OpenMvSsl/Net uses are declared. Absent on nanoFramework, and so
// here: Blocking, Connected, NoDelay, Shutdown, a public Dispose() (IDisposable is implemented
// explicitly there), IPv6 and every async member.
namespace System.Net.Sockets
{
    public class Socket
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType)
        {
            throw new NotImplementedException();
        }

        public EndPoint LocalEndPoint { get { throw new NotImplementedException(); } }

        public EndPoint RemoteEndPoint { get { throw new NotImplementedException(); } }

        // nanoFramework has a setter too; Net/ only reads it.
        public int ReceiveTimeout { get { throw new NotImplementedException(); } }

        public SocketType SocketType { get { throw new NotImplementedException(); } }

        public void Bind(EndPoint localEP)
        {
            throw new NotImplementedException();
        }

        public void Close()
        {
            throw new NotImplementedException();
        }

        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags)
        {
            throw new NotImplementedException();
        }

        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP)
        {
            throw new NotImplementedException();
        }

        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags)
        {
            throw new NotImplementedException();
        }

        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP)
        {
            throw new NotImplementedException();
        }

        public bool Poll(int microSeconds, SelectMode mode)
        {
            throw new NotImplementedException();
        }
    }
}
