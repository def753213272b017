using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// A BouncyCastle DTLS 1.2 client for 127.0.0.1:port. <see cref="Connect"/> runs the whole
    /// handshake (HelloVerifyRequest, retransmissions) on the calling thread and throws an
    /// IOException whose message is <see cref="Describe"/> when it fails.
    /// </summary>
    public sealed class BcDtlsClient : IDisposable
    {
        private readonly BcClientOptions options;
        private readonly Socket socket;
        private readonly UdpDatagramTransport transport;
        private DtlsTransport dtls;
        private byte[] receiveBuffer;

        /// <summary>Creates the socket (127.0.0.1, random port, connected to the server); does not
        /// send anything until <see cref="Connect"/>.</summary>
        public BcDtlsClient(int serverPort, BcClientOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new IPEndPoint(IPAddress.Loopback, serverPort);
            socket.Connect(server);
            transport = new UdpDatagramTransport(socket, server, options.Mtu, null);
        }

        /// <summary>Connects and completes a handshake in one call.</summary>
        public static BcDtlsClient Connect(int serverPort, BcClientOptions options)
        {
            var client = new BcDtlsClient(serverPort, options);
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

        /// <summary>Local UDP port of this client.</summary>
        public int LocalPort => ((IPEndPoint)socket.LocalEndPoint).Port;

        public int NegotiatedCipherSuite => Observations.CipherSuite;

        /// <summary>Server certificate (DER) or null.</summary>
        public byte[] PeerCertificate => Observations.PeerCertificate;

        public string Error => Observations.Error;

        /// <summary>UDP datagrams sent and received so far (handshake included).</summary>
        public int DatagramsSent => transport.DatagramsSent;

        public int DatagramsReceived => transport.DatagramsReceived;

        /// <summary>Runs the handshake; throws IOException (message: <see cref="Describe"/>) on failure.</summary>
        public void Connect()
        {
            if (!TryConnect()) throw new IOException("BcDtlsClient handshake failed: " + Describe());
        }

        /// <summary>Runs the handshake; false on failure (see <see cref="Error"/>).</summary>
        public bool TryConnect()
        {
            if (dtls != null) throw new InvalidOperationException("already connected");
            try
            {
                var client = new BcConfigurableClient(new BcTlsCrypto(), options, Observations, datagram: true);
                dtls = new DtlsClientProtocol().Connect(client, transport);
                receiveBuffer = new byte[dtls.GetReceiveLimit()];
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

        /// <summary>Sends one application datagram.</summary>
        public void Send(byte[] data)
        {
            RequireConnected().Send(data, 0, data.Length);
        }

        /// <summary>Next application datagram, or null when none arrives within the timeout.</summary>
        public byte[] Receive(int timeoutMs)
        {
            DtlsTransport connection = RequireConnected();
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                int left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
                if (left <= 0) return null;
                int length = connection.Receive(receiveBuffer, 0, receiveBuffer.Length, left);
                if (length < 0)
                {
                    if (Observations.PeerClosed) return null;
                    continue;
                }
                Observations.RecordReceived(receiveBuffer, 0, length);
                var data = new byte[length];
                Buffer.BlockCopy(receiveBuffer, 0, data, 0, length);
                return data;
            }
        }

        /// <summary>Sends close_notify (DtlsTransport.Close) without closing the socket.</summary>
        public void Close()
        {
            DtlsTransport connection = dtls;
            dtls = null;
            try { connection?.Close(); } catch (Exception) { /* peer may be gone */ }
        }

        public string Describe() => "BcDtlsClient datagrams sent=" + DatagramsSent + " received=" + DatagramsReceived + " "
            + Observations.Describe();

        public override string ToString() => Describe();

        private DtlsTransport RequireConnected()
        {
            return dtls ?? throw new InvalidOperationException("BcDtlsClient is not connected: " + Describe());
        }

        public void Dispose()
        {
            Close();
            transport.Close();
            socket.Close();
        }
    }
}
