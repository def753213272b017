// Checked against nanoframework/System.Net, nanoFramework.System.Net/IPAddress.cs at commits
// 98a0c07b39be51bf817e3b8ab7cac532e51afd66 and 1168157b4ce3178f5b8349188c1c6d88c5b97a6a (same members
// for what is declared here). Absent on nanoFramework, and so here: IPv6Any, IPv6Loopback, TryParse,
// MapToIPv4 and the other IPv6 helpers. ToString is object's override, not declared again.
using System.Net.Sockets;

namespace System.Net
{
    public class IPAddress
    {
        public static readonly IPAddress Any = null;

        // nanoFramework's public constructors (long, byte[]) are not used by Net/; this private one
        // keeps the compiler from adding a public default.
        private IPAddress()
        {
        }

        public AddressFamily AddressFamily { get { throw new NotImplementedException(); } }

        public byte[] GetAddressBytes()
        {
            throw new NotImplementedException();
        }

        public static IPAddress Parse(string ipString)
        {
            throw new NotImplementedException();
        }
    }
}
