using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// A BouncyCastle TLS 1.2/1.3 server on 127.0.0.1:<see cref="Port"/> that serves the first
    /// TCP client on a background thread (TlsServerProtocol in non-blocking mode), echoing
    /// application data unless switched off. It stops on the client's close, on Dispose, or when
    /// <see cref="BcServerOptions.LifetimeMs"/> runs out; failures appear in <see cref="Error"/>.
    /// </summary>
    public sealed class BcTlsServer : IDisposable
    {
        private const int PollMs = 20;

        private readonly BcServerOptions options;
        private readonly Socket listener;
        private readonly Thread thread;
        private readonly Timer lifetime;
        private readonly ConcurrentQueue<byte[]> outgoing = new ConcurrentQueue<byte[]>();
        private Socket connection;
        private volatile bool stopping;
        private volatile bool lifetimeExpired;

        public BcTlsServer(BcServerOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            Port = ((IPEndPoint)listener.LocalEndPoint).Port;
            thread = new Thread(Run) { IsBackground = true, Name = "BcTlsServer:" + Port };
            thread.Start();
            lifetime = new Timer(_ => { lifetimeExpired = true; Stop(); }, null, options.LifetimeMs, Timeout.Infinite);
        }

        /// <summary>TCP port on 127.0.0.1.</summary>
        public int Port { get; }

        public BcPeerObservations Observations { get; } = new BcPeerObservations();

        public bool HandshakeCompleted => Observations.HandshakeCompleted;

        public int NegotiatedCipherSuite => Observations.CipherSuite;

        /// <summary>Negotiated version (ProtocolVersion.TLSv12 / TLSv13) or null.</summary>
        public ProtocolVersion NegotiatedVersion => Observations.NegotiatedVersion;

        /// <summary>Client certificate (DER) or null.</summary>
        public byte[] PeerCertificate => Observations.PeerCertificate;

        /// <summary>All application bytes received so far.</summary>
        public byte[] ReceivedBytes => Observations.ReceivedBytes;

        public string Error => Observations.Error;

        public bool Finished => !thread.IsAlive;

        public bool WaitForHandshake(int timeoutMs) => Observations.WaitForHandshake(timeoutMs);

        /// <summary>Waits until at least <paramref name="count"/> application bytes arrived.</summary>
        public bool WaitForBytes(int count, int timeoutMs)
        {
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (Observations.ReceivedBytes.Length < count)
            {
                int left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
                if (left <= 0 || Observations.Error != null) return false;
                Observations.WaitForReceived(Observations.Received.Length + 1, Math.Min(left, 100));
            }
            return true;
        }

        /// <summary>Queues application data for the client (sent by the serving thread).</summary>
        public void Send(byte[] data)
        {
            outgoing.Enqueue((byte[])data.Clone());
        }

        public bool WaitForExit(int timeoutMs) => thread.Join(timeoutMs);

        public string Describe() => "BcTlsServer:" + Port + " " + Observations.Describe();

        public override string ToString() => Describe();

        private void Run()
        {
            BcTlsConnection tls = null;
            try
            {
                while (!stopping && !listener.Poll(PollMs * 1000, SelectMode.SelectRead)) { }
                if (stopping) return;
                connection = listener.Accept();
                connection.NoDelay = true;

                var server = new BcConfigurableServer(new BcTlsCrypto(), options, Observations, datagram: false);
                var protocol = new TlsServerProtocol();
                tls = new BcTlsConnection(connection, protocol);
                protocol.Accept(server);
                tls.CompleteHandshake(options.HandshakeTimeoutMs);
                Serve(tls);
            }
            catch (Exception e)
            {
                if (!stopping && !Observations.PeerClosed) Observations.RecordError(e);
            }
            finally
            {
                if (lifetimeExpired && !Observations.HandshakeCompleted)
                    Observations.RecordError("BcTlsServer lifetime of " + options.LifetimeMs + " ms ran out before a handshake completed");
                tls?.Close();
                Observations.Settle();
            }
        }

        private void Serve(BcTlsConnection tls)
        {
            while (!stopping)
            {
                while (outgoing.TryDequeue(out byte[] data)) tls.Write(data);
                bool open = tls.PumpInput(PollMs);
                byte[] received = tls.ReadAvailable();
                if (received != null)
                {
                    Observations.RecordReceived(received, 0, received.Length);
                    if (options.Echo && !tls.IsClosed) tls.Write(received);
                }
                if (!open) return;
            }
        }

        private void Stop()
        {
            stopping = true;
            try { connection?.Close(); } catch (Exception) { /* best effort */ }
            try { listener.Close(); } catch (Exception) { /* best effort */ }
        }

        /// <summary>Stops the server: closes the sockets and joins the thread (at most 5 s).</summary>
        public void Dispose()
        {
            lifetime.Dispose();
            Stop();
            thread.Join(5000);
            Observations.Settle();
        }
    }
}
