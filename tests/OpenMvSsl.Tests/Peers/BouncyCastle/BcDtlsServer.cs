using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// A BouncyCastle DTLS 1.2 server on 127.0.0.1:<see cref="Port"/> that serves the first client
    /// on a background thread: cookie exchange through DtlsVerifier (unless switched off), then
    /// DtlsServerProtocol.Accept over a socket connected to that client, then an echo loop. It
    /// stops on the client's close_notify, on Dispose, or when <see cref="BcServerOptions.LifetimeMs"/>
    /// runs out. Failures never throw into the test; they appear in <see cref="Error"/>.
    /// </summary>
    public sealed class BcDtlsServer : IDisposable
    {
        private const int PollMs = 20;

        private readonly BcServerOptions options;
        private readonly Socket socket;
        private readonly Thread thread;
        private readonly Timer lifetime;
        private readonly ConcurrentQueue<byte[]> outgoing = new ConcurrentQueue<byte[]>();
        private volatile bool stopping;
        private volatile bool lifetimeExpired;

        public BcDtlsServer(BcServerOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)socket.LocalEndPoint).Port;
            thread = new Thread(Run) { IsBackground = true, Name = "BcDtlsServer:" + Port };
            thread.Start();
            lifetime = new Timer(_ => { lifetimeExpired = true; Stop(); }, null, options.LifetimeMs, Timeout.Infinite);
        }

        /// <summary>UDP port on 127.0.0.1.</summary>
        public int Port { get; }

        /// <summary>Everything the server saw; also forwarded by the properties below.</summary>
        public BcPeerObservations Observations { get; } = new BcPeerObservations();

        public bool HandshakeCompleted => Observations.HandshakeCompleted;

        /// <summary>Negotiated IANA suite, -1 before the handshake completed.</summary>
        public int NegotiatedCipherSuite => Observations.CipherSuite;

        /// <summary>Client certificate (DER) or null.</summary>
        public byte[] PeerCertificate => Observations.PeerCertificate;

        /// <summary>Application datagrams received, oldest first.</summary>
        public byte[][] ReceivedDatagrams => Observations.Received;

        /// <summary>First failure as text, or null.</summary>
        public string Error => Observations.Error;

        /// <summary>Remote address the server bound to after the cookie exchange, or null.</summary>
        public IPEndPoint ClientEndPoint { get; private set; }

        /// <summary>Number of HelloVerifyRequests sent (ClientHellos without a valid cookie).</summary>
        public int HelloVerifyRequestsSent { get; private set; }

        /// <summary>True once the serving thread has ended.</summary>
        public bool Finished => !thread.IsAlive;

        public bool WaitForHandshake(int timeoutMs) => Observations.WaitForHandshake(timeoutMs);

        public bool WaitForDatagrams(int count, int timeoutMs) => Observations.WaitForReceived(count, timeoutMs);

        /// <summary>Queues an application datagram for the client (sent by the serving thread).</summary>
        public void Send(byte[] data)
        {
            outgoing.Enqueue((byte[])data.Clone());
        }

        /// <summary>Waits for the serving thread to end by itself (e.g. after close_notify).</summary>
        public bool WaitForExit(int timeoutMs) => thread.Join(timeoutMs);

        public string Describe() => "BcDtlsServer:" + Port + " " + Observations.Describe();

        public override string ToString() => Describe();

        private void Run()
        {
            DtlsTransport dtls = null;
            try
            {
                var crypto = new BcTlsCrypto();
                var server = new BcConfigurableServer(crypto, options, Observations, datagram: true);
                if (!WaitForClient(crypto, out EndPoint client, out DtlsRequest request, out byte[] firstDatagram)) return;

                ClientEndPoint = (IPEndPoint)client;
                socket.Connect(client);
                var transport = new UdpDatagramTransport(socket, client, options.Mtu, firstDatagram);
                dtls = new DtlsServerProtocol().Accept(server, transport, request);
                Serve(dtls);
            }
            catch (Exception e)
            {
                // Closing the socket on Dispose/lifetime, or after close_notify, is not a failure.
                if (!stopping && !Observations.PeerClosed) Observations.RecordError(e);
            }
            finally
            {
                if (lifetimeExpired && !Observations.HandshakeCompleted)
                    Observations.RecordError("BcDtlsServer lifetime of " + options.LifetimeMs + " ms ran out before a handshake completed");
                try { dtls?.Close(); } catch (Exception) { /* already failed or closed */ }
                Observations.Settle();
            }
        }

        /// <summary>Reads datagrams until a client is accepted: with cookie exchange, a ClientHello
        /// carrying a valid cookie (DtlsVerifier answers the others with HelloVerifyRequest);
        /// without, the first datagram at all.</summary>
        private bool WaitForClient(BcTlsCrypto crypto, out EndPoint client, out DtlsRequest request, out byte[] firstDatagram)
        {
            var verifier = options.CookieExchange ? new DtlsVerifier(crypto) : null;
            var buffer = new byte[65535];
            request = null;
            firstDatagram = null;
            client = null;
            while (!stopping)
            {
                if (!socket.Poll(PollMs * 1000, SelectMode.SelectRead)) continue;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int length;
                try
                {
                    length = socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    continue;
                }

                if (verifier == null)
                {
                    firstDatagram = new byte[length];
                    Buffer.BlockCopy(buffer, 0, firstDatagram, 0, length);
                    client = from;
                    return true;
                }

                // The cookie is an HMAC over the client's address (RFC 6347 4.2.1).
                byte[] clientId = Encoding.ASCII.GetBytes(from.ToString());
                var sender = new EndPointSender(socket, from, options.Mtu);
                request = verifier.VerifyRequest(clientId, buffer, 0, length, sender);
                HelloVerifyRequestsSent += sender.Sent;
                if (request != null)
                {
                    client = from;
                    return true;
                }
            }
            return false;
        }

        private void Serve(DtlsTransport dtls)
        {
            var buffer = new byte[dtls.GetReceiveLimit()];
            while (!stopping && !Observations.PeerClosed)
            {
                while (outgoing.TryDequeue(out byte[] data)) dtls.Send(data, 0, data.Length);
                int length = dtls.Receive(buffer, 0, buffer.Length, PollMs);
                if (length < 0) continue;
                Observations.RecordReceived(buffer, 0, length);
                if (options.Echo) dtls.Send(buffer, 0, length);
            }
        }

        private void Stop()
        {
            stopping = true;
            try { socket.Close(); } catch (Exception) { /* closing is best effort */ }
        }

        /// <summary>Stops the server: closes the socket and joins the thread (at most 5 s).</summary>
        public void Dispose()
        {
            lifetime.Dispose();
            Stop();
            thread.Join(5000);
            Observations.Settle();
        }

        /// <summary>Sends HelloVerifyRequests back to the address the ClientHello came from.</summary>
        private sealed class EndPointSender : DatagramSender
        {
            private readonly Socket socket;
            private readonly EndPoint to;
            private readonly int mtu;

            public EndPointSender(Socket socket, EndPoint to, int mtu)
            {
                this.socket = socket;
                this.to = to;
                this.mtu = mtu;
            }

            public int Sent { get; private set; }

            public int GetSendLimit() => mtu - 28;

            public void Send(byte[] buf, int off, int len) => Send(new ReadOnlySpan<byte>(buf, off, len));

            public void Send(ReadOnlySpan<byte> buffer)
            {
                socket.SendTo(buffer, SocketFlags.None, to);
                Sent++;
            }
        }
    }
}
