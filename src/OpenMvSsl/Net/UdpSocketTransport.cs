using System;
using System.Net;
using System.Net.Sockets;

namespace OpenMvSsl
{
    /// <summary>
    /// A connected UDP socket as an <see cref="IDatagramTransport"/>. Waiting is Socket.Poll,
    /// never the Blocking property (nanoFramework has none), so the same code runs on a device.
    /// </summary>
    internal sealed class UdpSocketTransport : IDatagramTransport
    {
        private readonly Socket socket;
        private readonly string peerName;
        private string lastTransientError;
        private int transientErrorCount;

        public UdpSocketTransport(Socket socket, IPEndPoint peer)
        {
            this.socket = socket;
            peerName = SocketSupport.Describe(peer);
        }

        public string PeerName { get { return peerName; } }

        public string LastTransientError { get { return lastTransientError; } }

        public int TransientErrorCount { get { return transientErrorCount; } }

        public void Send(byte[] buffer, int offset, int count)
        {
            try
            {
                socket.Send(buffer, offset, count, SocketFlags.None);
            }
            catch (SocketException e)
            {
                if (SocketSupport.IsTransient(e))
                {
                    Remember(e);
                    return;
                }
                throw SocketSupport.Wrap(e, "sending a datagram");
            }
            catch (ObjectDisposedException)
            {
                throw new SslException(SslError.SocketError, "the UDP socket was closed underneath the SslSocket");
            }
        }

        public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            try
            {
                if (!socket.Poll(SocketSupport.ToPollMicroseconds(timeoutMs), SelectMode.SelectRead)) return -1;
                return socket.Receive(buffer, offset, count, SocketFlags.None);
            }
            catch (SocketException e)
            {
                if (SocketSupport.IsTransient(e))
                {
                    Remember(e);
                    return -1;
                }
                if (SocketSupport.Code(e) == SocketError.MessageSize)
                    throw new SslException(SslError.RecordOverflow,
                        "a datagram larger than SslContext.ReceiveBufferSize (" + count + " bytes) arrived; raise it");
                throw SocketSupport.Wrap(e, "receiving a datagram");
            }
            catch (ObjectDisposedException)
            {
                throw new SslException(SslError.SocketError, "the UDP socket was closed underneath the SslSocket");
            }
        }

        private void Remember(SocketException e)
        {
            lastTransientError = SocketSupport.Describe(e);
            transientErrorCount++;
        }

        public void Close()
        {
            try
            {
                socket.Close();
            }
            catch (SocketException)
            {
                // Closing is final either way.
            }
        }
    }
}
