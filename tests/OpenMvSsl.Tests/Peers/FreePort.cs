using System.Net;
using System.Net.Sockets;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Picks a loopback port that is free right now: bind port 0, read the port the kernel chose,
    /// close. Another process can still take it before the peer binds, so launchers retry with a
    /// fresh port when the peer fails to start.
    /// </summary>
    public static class FreePort
    {
        /// <summary>A TCP port on 127.0.0.1 that nothing listens on at the moment.</summary>
        public static int Tcp()
        {
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                return ((IPEndPoint)socket.LocalEndPoint).Port;
            }
        }

        /// <summary>A UDP port on 127.0.0.1 that nothing is bound to at the moment.</summary>
        public static int Udp()
        {
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                return ((IPEndPoint)socket.LocalEndPoint).Port;
            }
        }

        /// <summary>A free port for the given transport (datagram: UDP, otherwise TCP).</summary>
        public static int For(bool datagram)
        {
            return datagram ? Udp() : Tcp();
        }
    }
}
