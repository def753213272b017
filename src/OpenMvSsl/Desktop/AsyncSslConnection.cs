using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace OpenMvSsl
{
    /// <summary>
    /// What <c>asyncio.open_connection</c> returns: <see cref="Reader"/> and <see cref="Writer"/>
    /// over one TLS connection. One read and one drain may run at the same time; two reads at
    /// once are refused (as in asyncio).
    /// </summary>
    public sealed class AsyncSslConnection : IDisposable
    {
        // Every call into the SslSocket holds this: the engine is not thread-safe.
        internal readonly object Gate = new object();
        private readonly Socket tcp;

        internal AsyncSslConnection(Socket tcp, SslSocket ssl)
        {
            this.tcp = tcp;
            Socket = ssl;
            PollingReader = new PollingReader(ssl);
            PollingWriter = new PollingWriter(ssl);
            Reader = new AsyncSslReader(this);
            Writer = new AsyncSslWriter(this);
        }

        public AsyncSslReader Reader { get; }

        public AsyncSslWriter Writer { get; }

        /// <summary>The SslSocket underneath (non-blocking), for Cipher(), GetPeerCert(), AlpnProtocol.</summary>
        public SslSocket Socket { get; }

        internal PollingReader PollingReader { get; }

        internal PollingWriter PollingWriter { get; }

        /// <summary>Closes at once (close_notify, best effort), dropping unsent writes.</summary>
        public void Dispose()
        {
            lock (Gate) Socket.Close();
        }

        internal bool StepHandshake()
        {
            lock (Gate) return Socket.DoHandshake();
        }

        /// <summary>Completes when the TCP socket has bytes (or the peer closed it).</summary>
        internal async Task WaitReadableAsync(CancellationToken ct)
        {
            try
            {
                await tcp.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new SslException(SslError.SocketError, "reading from the TCP socket: " + e.Message);
            }
            catch (ObjectDisposedException)
            {
                throw new SslException(SslError.Closed, "the connection was closed");
            }
        }
    }
}
