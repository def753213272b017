using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenMvSsl.Tests.Engine;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// The public API over the real DTLS engine and loopback UDP sockets: our client against our
    /// DtlsListener and against a MicroPython-style connected server socket, PSK and
    /// certificates, the non-blocking rule, failures, and OpenSSL (the command line: CliEndToEndTests).
    /// </summary>
    [Trait("needs", "engine")]
    public class EndToEndTests
    {
        private const string PskHex = "00112233445566778899aabbccddeeff";
        private const int Limit = 10000;

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        private static SslContext PskServer()
        {
            var context = new SslContext(SslProtocol.DtlsServer);
            var keys = new PskKeyTable();
            keys.Add("device-1", PskHex);
            context.ServerPskKeys = keys;
            return context;
        }

        private static SslContext PskClient(string key = PskHex)
        {
            var context = new SslContext(SslProtocol.DtlsClient);
            context.SetPskIdentity("device-1");
            context.SetPskKey(key);
            return context;
        }

        private static Socket ConnectedUdp(int port)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return udp;
        }

        // Runs an echo server for one peer on the listener; the task's result is the peer's PSK identity.
        private static Task<string> EchoOnePeer(DtlsListener listener)
        {
            // Its own thread, not the pool's: with many tests blocking pool threads, a pooled server
            // could start a second late and the client would retransmit meanwhile.
            return Task.Factory.StartNew(() =>
            {
                SslSocket peer = listener.AcceptPeer(Limit);
                Assert.NotNull(peer);
                peer.Timeout = Limit;
                while (true)
                {
                    byte[] data = peer.Recv(2048);
                    if (data.Length == 0) break;
                    peer.Send(data);
                }
                peer.Close();
                return peer.PeerPskIdentity == null ? null : Encoding.UTF8.GetString(peer.PeerPskIdentity);
            }, System.Threading.CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        [Fact]
        public void PskPingThroughTheListener()
        {
            using DtlsListener listener = DtlsListener.Bind(PskServer(), "127.0.0.1", 0);
            Task<string> server = EchoOnePeer(listener);
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            SslSocket s = PskClient().WrapSocket(udp);
            Assert.Equal("DTLSv1.2", s.Cipher()[1]);
            Assert.StartsWith("TLS_PSK_WITH_", s.Cipher()[0]);
            Assert.Equal(4, s.Send(Ascii("ping")));
            Assert.Equal("ping", Encoding.ASCII.GetString(s.Recv(64)));
            s.Close();
            Join(server);
            Assert.Equal("device-1", Join(server));
            Assert.Equal(1, listener.EnginesCreated);
            Assert.Equal(1, listener.HelloVerifyRequestsSent);
        }

        [Fact]
        public void CertificateVerifiedByNameThroughTheListener()
        {
            TestCredentials credentials = TestCredentials.Valid("device.test");
            var serverContext = new SslContext(SslProtocol.DtlsServer);
            serverContext.LoadCertChain(credentials.LeafDer, credentials.LeafKeyPkcs8);
            using DtlsListener listener = DtlsListener.Bind(serverContext, "127.0.0.1", 0);
            Task<string> server = EchoOnePeer(listener);

            var clientContext = new SslContext(SslProtocol.DtlsClient) { VerifyMode = VerifyMode.CertRequired };
            clientContext.LoadVerifyLocations(credentials.CaDer);
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            SslSocket s = clientContext.WrapSocket(udp, serverHostname: "device.test");
            Assert.StartsWith("TLS_ECDHE_ECDSA_WITH_", s.Cipher()[0]);
            Assert.Equal(credentials.LeafDer, s.GetPeerCert(true));
            s.Send(Ascii("hello"));
            Assert.Equal("hello", Encoding.ASCII.GetString(s.Recv(64)));
            s.Close();
            Join(server);
        }

        [Fact]
        public void AWrongNameFailsTheClientWithTheNamesCompared()
        {
            TestCredentials credentials = TestCredentials.Valid("device.test");
            var serverContext = new SslContext(SslProtocol.DtlsServer);
            serverContext.LoadCertChain(credentials.LeafDer, credentials.LeafKeyPkcs8);
            using DtlsListener listener = DtlsListener.Bind(serverContext, "127.0.0.1", 0);
            Task serverSide = Task.Run(() => { try { listener.AcceptPeer(Limit); } catch (SslException) { } });

            var clientContext = new SslContext(SslProtocol.DtlsClient) { VerifyMode = VerifyMode.CertRequired };
            clientContext.LoadVerifyLocations(credentials.CaDer);
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            var e = Assert.Throws<SslException>(() => clientContext.WrapSocket(udp, serverHostname: "other.test"));
            Assert.Equal(SslError.CertificateHostnameMismatch, e.Error);
            Assert.Contains("other.test", e.Message);
        }

        [Fact]
        public void AWrongPskFailsBothSides()
        {
            using DtlsListener listener = DtlsListener.Bind(PskServer(), "127.0.0.1", 0);
            Task<SslException> server = Task.Run(() =>
            {
                try
                {
                    listener.AcceptPeer(Limit);
                    return null;
                }
                catch (SslException e)
                {
                    return e;
                }
            });
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            Assert.Throws<SslException>(() => PskClient("ffeeddccbbaa99887766554433221100").WrapSocket(udp));
            Join(server);
            Assert.NotNull(Join(server));
            Assert.Contains("peer 127.0.0.1:", Join(server).Message);
        }

        [Fact]
        public void MicroPythonStyleServerOnAConnectedSocket()
        {
            using var serverUdp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            serverUdp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            using var clientUdp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            clientUdp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            serverUdp.Connect(clientUdp.LocalEndPoint);
            clientUdp.Connect(serverUdp.LocalEndPoint);
            serverUdp.ReceiveTimeout = Limit;
            clientUdp.ReceiveTimeout = Limit;

            Task server = Task.Run(() =>
            {
                SslSocket s = PskServer().WrapSocket(serverUdp, serverSide: true);
                byte[] data = s.Recv(64);
                s.Send(data);
                Assert.Empty(s.Recv(64));
                s.Close();
            });
            SslSocket client = PskClient().WrapSocket(clientUdp);
            client.Send(Ascii("micropython"));
            Assert.Equal("micropython", Encoding.ASCII.GetString(client.Recv(64)));
            client.Close();
            Join(server);
        }

        [Fact]
        public void NonBlockingPollLoopAfterABlockingHandshake()
        {
            using DtlsListener listener = DtlsListener.Bind(PskServer(), "127.0.0.1", 0);
            Task<string> server = EchoOnePeer(listener);
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            SslSocket s = PskClient().WrapSocket(udp);
            s.SetBlocking(false);
            Assert.Null(s.Recv(64));
            Assert.Equal(-1, s.NextTimerMs);
            var clock = Stopwatch.StartNew();
            int replies = 0;
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(6, s.Send(Ascii("ping " + i)));
                byte[] reply = null;
                while (reply == null && clock.ElapsedMilliseconds < Limit)
                {
                    reply = s.Recv(64);
                    if (reply == null) Thread.Sleep(1);
                }
                Assert.Equal("ping " + i, Encoding.ASCII.GetString(reply));
                replies++;
            }
            Assert.Equal(5, replies);
            s.Close();
            Join(server);
        }

        [Fact]
        public void NonBlockingHandshakeWithDoHandshake()
        {
            using DtlsListener listener = DtlsListener.Bind(PskServer(), "127.0.0.1", 0);
            Task<string> server = EchoOnePeer(listener);
            using Socket udp = ConnectedUdp(listener.Port);
            SslSocket s = PskClient().WrapSocket(udp, doHandshakeOnConnect: false);
            s.SetBlocking(false);
            var clock = Stopwatch.StartNew();
            int calls = 0;
            while (!s.DoHandshake())
            {
                calls++;
                Assert.True(clock.ElapsedMilliseconds < Limit, "handshake did not finish");
                long timer = s.NextTimerMs;
                Thread.Sleep(timer < 0 ? 1 : (int)Math.Clamp(timer - MonotonicClock.NowMs, 0, 5));
            }
            Assert.True(calls > 0);
            Assert.True(s.IsHandshakeComplete);
            s.Close();
            Join(server);
        }

        [Fact]
        public void ModuleWrapSocketPicksDtlsForAUdpSocket()
        {
            TestCredentials credentials = TestCredentials.Valid("device.test");
            var serverContext = new SslContext(SslProtocol.DtlsServer);
            serverContext.LoadCertChain(credentials.LeafDer, credentials.LeafKeyPkcs8);
            using DtlsListener listener = DtlsListener.Bind(serverContext, "127.0.0.1", 0);
            Task<string> server = EchoOnePeer(listener);
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            SslSocket s = Ssl.WrapSocket(udp);
            Assert.Equal("DTLSv1.2", s.Cipher()[1]);
            s.Close();
            Join(server);
        }

        [Fact]
        public void OurClientAgainstOpenSslServer()
        {
            using PeerProcess openssl = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12,
                PskKeyHex = PskHex,
                PskIdentity = "device-1",
                Lifetime = TimeSpan.FromSeconds(30),
            });
            using Socket udp = ConnectedUdp(openssl.Port);
            udp.ReceiveTimeout = Limit;
            SslSocket s = PskClient().WrapSocket(udp);
            s.Send(Ascii("from-openmvssl\n"));
            Assert.True(openssl.WaitForOutput("from-openmvssl", TimeSpan.FromSeconds(10)), openssl.Describe());
            openssl.WriteLine("from-openssl");
            s.Timeout = Limit;
            Assert.Equal("from-openssl\n", Encoding.ASCII.GetString(s.Recv(100)));
            s.Close();
        }

        [Fact]
        public void HandshakeWithACookieNeedsNoRetransmission()
        {
            using DtlsListener listener = DtlsListener.Bind(PskServer(), "127.0.0.1", 0);
            Task<string> server = EchoOnePeer(listener);
            using Socket udp = ConnectedUdp(listener.Port);
            udp.ReceiveTimeout = Limit;
            SslSocket s = PskClient().WrapSocket(udp);
            // The cookie round trip must not cost a flight: nothing resent, nothing dropped.
            Assert.Equal(0, s.Retransmissions);
            Assert.Equal(0, s.DroppedRecords);
            s.Close();
            Join(server);
        }

        // Waits for a background side of a test, which must finish within the limit.
        private static void Join(Task task)
        {
            Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit), "the other side did not finish");
            task.GetAwaiter().GetResult();
        }

        private static T Join<T>(Task<T> task)
        {
            Join((Task)task);
            return task.GetAwaiter().GetResult();
        }
    }
}
