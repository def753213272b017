using System;
using System.Net;
using System.Net.Sockets;

namespace OpenMvSsl
{
    /// <summary>Socket helpers shared by the drivers, limited to what nanoFramework's Socket has.</summary>
    internal static class SocketSupport
    {
        /// <summary>Poll takes microseconds in an int: clamp, and keep -1 as "forever".</summary>
        public static int ToPollMicroseconds(int waitMs)
        {
            if (waitMs < 0) return -1;
            if (waitMs > int.MaxValue / 1000) return int.MaxValue / 1000 * 1000;
            return waitMs * 1000;
        }

        public static SslException Wrap(SocketException e, string doing)
        {
            return new SslException(SslError.SocketError, doing + " failed: " + Describe(e));
        }

        /// <summary>The portable error code: nanoFramework's ErrorCode holds SocketError values, desktop's the OS errno.</summary>
        public static SocketError Code(SocketException e)
        {
#if NANOFRAMEWORK
            return (SocketError)e.ErrorCode;
#else
            return e.SocketErrorCode;
#endif
        }

        public static string Describe(SocketException e)
        {
            SocketError code = Code(e);
            string name;
            switch (code)
            {
                case SocketError.ConnectionRefused: name = "connection refused (ICMP port unreachable)"; break;
                case SocketError.ConnectionReset: name = "connection reset"; break;
                case SocketError.HostUnreachable: name = "host unreachable"; break;
                case SocketError.NetworkUnreachable: name = "network unreachable"; break;
                case SocketError.MessageSize: name = "datagram too large"; break;
                case SocketError.AddressAlreadyInUse: name = "address already in use"; break;
                case SocketError.AddressNotAvailable: name = "address not available"; break;
                case SocketError.AccessDenied: name = "access denied"; break;
                default: name = e.Message; break;
            }
            return name + " (socket error " + (int)code + ")";
        }

        /// <summary>ICMP-driven errors a UDP socket reports on a later call; not fatal by themselves.</summary>
        public static bool IsTransient(SocketException e)
        {
            SocketError code = Code(e);
            return code == SocketError.ConnectionRefused || code == SocketError.ConnectionReset
                || code == SocketError.HostUnreachable || code == SocketError.NetworkUnreachable;
        }

        /// <summary>The peer a socket is connected to, or null when it is not connected.</summary>
        public static IPEndPoint RemoteEndPointOrNull(Socket socket)
        {
            try
            {
                return socket.RemoteEndPoint as IPEndPoint;
            }
            catch (SocketException)
            {
                // nanoFramework's getpeername throws on an unconnected socket; desktop returns null.
                return null;
            }
        }

        /// <summary>Address bytes then the port (big-endian): what DTLS cookies are bound to.</summary>
        public static byte[] AddressBytes(IPEndPoint endPoint)
        {
            byte[] address = endPoint.Address.GetAddressBytes();
            byte[] bytes = new byte[address.Length + 2];
            Array.Copy(address, bytes, address.Length);
            bytes[address.Length] = (byte)(endPoint.Port >> 8);
            bytes[address.Length + 1] = (byte)endPoint.Port;
            return bytes;
        }

        public static string Describe(IPEndPoint endPoint)
        {
            return endPoint == null ? null : endPoint.Address.ToString() + ":" + endPoint.Port;
        }
    }
}
