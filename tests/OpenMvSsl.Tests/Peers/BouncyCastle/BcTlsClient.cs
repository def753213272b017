using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// A BouncyCastle TLS 1.2/1.3 client for 127.0.0.1:port (TlsClientProtocol in non-blocking
    /// mode on the calling thread). <see cref="Connect"/> throws an IOException whose message is
    /// <see cref="Describe"/> when the handshake fails.
    /// </summary>
    public sealed class BcTlsClient : IDisposable
    {
        private readonly BcClientOptions options;
        private readonly int serverPort;
        private Socket socket;
        private BcTlsConnection tls;

        /// <summary>Stores the settings; nothing is sent until <see cref="Connect"/>.</summary>
        public BcTlsClient(int serverPort, BcClientOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.serverPort = serverPort;
        }

        /// <summary>Connects and completes a handshake in one call.</summary>
        public static BcTlsClient Connect(int serverPort, BcClientOptions options)
        {
            var client = new BcTlsClient(serverPort, options);
            try
            {
                client.Connect();
                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public BcPeerObservations Observations { get; } = new BcPeerObservations();

        public int NegotiatedCipherSuite => Observations.CipherSuite;

        /// <summary>Negotiated version (ProtocolVersion.TLSv12 / TLSv13) or null.</summary>
        public ProtocolVersion NegotiatedVersion => Observations.NegotiatedVersion;

        /// <summary>Server certificate (DER) or null.</summary>
        public byte[] PeerCertificate => Observations.PeerCertificate;

        public string Error => Observations.Error;

        /// <summary>True after the server's close_notify or TCP close.</summary>
        public bool PeerClosed => Observations.PeerClosed || (tls != null && tls.InputClosed);

        /// <summary>TCP connect plus handshake; throws IOException (message: <see cref="Describe"/>).</summary>
        public void Connect()
        {
            if (!TryConnect()) throw new IOException("BcTlsClient handshake failed: " + Describe());
        }

        /// <summary>TCP connect plus handshake; false on failure (see <see cref="Error"/>).</summary>
        public bool TryConnect()
        {
            if (socket != null) throw new InvalidOperationException("already connected");
            try
            {
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Connect(new IPEndPoint(IPAddress.Loopback, serverPort));
                var protocol = new TlsClientProtocol();
                tls = new BcTlsConnection(socket, protocol);
                protocol.Connect(new BcConfigurableClient(new BcTlsCrypto(), options, Observations, datagram: false));
                tls.CompleteHandshake(options.HandshakeTimeoutMs);
                return true;
            }
            catch (Exception e)
            {
                Observations.RecordError(e);
                return false;
            }
            finally
            {
                Observations.Settle();
            }
        }

        public void Send(byte[] data)
        {
            RequireConnected().Write(data);
        }

        /// <summary>Whatever application data arrives first (TLS is a byte stream, so this may be
        /// part of a message or several), or null when nothing arrives within the timeout.</summary>
        public byte[] Receive(int timeoutMs)
        {
            BcTlsConnection connection = RequireConnected();
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                byte[] data = connection.ReadAvailable();
                if (data != null)
                {
                    Observations.RecordReceived(data, 0, data.Length);
                    return data;
                }
                int left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
                if (left <= 0) return null;
                if (!connection.PumpInput(Math.Min(left, 50)))
                {
                    data = connection.ReadAvailable();
                    if (data != null) Observations.RecordReceived(data, 0, data.Length);
                    return data;
                }
            }
        }

        /// <summary>Exactly <paramref name="count"/> bytes, or null if they do not all arrive in time.</summary>
        public byte[] ReceiveExactly(int count, int timeoutMs)
        {
            var collected = new MemoryStream();
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (collected.Length < count)
            {
                int left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
                if (left <= 0) return null;
                byte[] data = Receive(left);
                if (data == null) return null;
                collected.Write(data, 0, data.Length);
            }
            if (collected.Length > count)
                throw new InvalidDataException("received " + collected.Length + " bytes, expected " + count);
            return collected.ToArray();
        }

        /// <summary>Sends close_notify; the socket stays open until Dispose.</summary>
        public void Close()
        {
            tls?.Close();
        }

        public string Describe() => "BcTlsClient " + Observations.Describe();

        public override string ToString() => Describe();

        private BcTlsConnection RequireConnected()
        {
            if (tls == null || !Observations.HandshakeCompleted)
                throw new InvalidOperationException("BcTlsClient is not connected: " + Describe());
            return tls;
        }

        public void Dispose()
        {
            Close();
            socket?.Close();
        }
    }
}
