using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>The seed chapter's TLS use, through the public API, against real OpenSSL peers on 127.0.0.1.</summary>
    public class TlsSocketTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public TlsSocketTests(TestPki pki) => this.pki = pki;

        private static Socket ConnectTcp(int port)
        {
            var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sock.Connect(new IPEndPoint(IPAddress.Loopback, port));
            sock.ReceiveTimeout = 10_000;
            return sock;
        }

        private PeerProcess WwwServer(PkiCredential credential, PeerProtocol protocol = PeerProtocol.Tls) =>
            OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = protocol, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
            });

        [Fact]
        public void DefaultWrapSocketTalksToAnUnverifiedServerLikeTheSeed()
        {
            // The seed: s = ssl.wrap_socket(sock); s.send(b"GET / ..."); print(s.recv(4096)) - no certificates configured.
            using var server = WwwServer(pki.UnrelatedServer);
            using var sock = ConnectTcp(server.Port);
            using SslSocket s = Ssl.WrapSocket(sock);
            s.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"));
            string reply = Encoding.ASCII.GetString(s.Recv(4096));
            Assert.StartsWith("HTTP/1.0 200", reply);
            Assert.Equal("TLSv1.3", s.Cipher()[1]);
            s.Close();
        }

        [Theory]
        [InlineData(PeerProtocol.Tls12, "TLSv1.2")]
        [InlineData(PeerProtocol.Tls13, "TLSv1.3")]
        public void CertRequiredWithTheRightCaConnects(PeerProtocol protocol, string version)
        {
            using var server = WwwServer(pki.EcdsaServer, protocol);
            using var sock = ConnectTcp(server.Port);
            using SslSocket s = Ssl.WrapSocket(sock, certReqs: VerifyMode.CertRequired, caData: pki.EcdsaRoot.CertificatePemBytes,
                serverHostname: TestPki.ServerDnsName);
            Assert.Equal(version, s.Cipher()[1]);
            Assert.Equal(pki.EcdsaServer.CertificateDer, s.GetPeerCert(true));
            s.Write(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
            Assert.Equal("HTTP/1.0 200 ok", Encoding.ASCII.GetString(s.ReadLine()).TrimEnd());
        }

        [Theory]
        [InlineData("wrong-ca", SslError.CertificateUntrusted)]
        [InlineData("wrong-host", SslError.CertificateHostnameMismatch)]
        [InlineData("expired", SslError.CertificateExpired)]
        [InlineData("not-yet-valid", SslError.CertificateNotYetValid)]
        public void CertRequiredRefusesWithTheSpecificError(string problem, SslError expected)
        {
            PkiCredential credential = problem switch
            {
                "wrong-ca" => pki.UnrelatedServer,
                "wrong-host" => pki.OtherHostServer,
                "expired" => pki.ExpiredServer,
                _ => pki.NotYetValidServer,
            };
            using var server = WwwServer(credential);
            using var sock = ConnectTcp(server.Port);
            var e = Assert.Throws<SslException>(() => Ssl.WrapSocket(sock, certReqs: VerifyMode.CertRequired,
                caData: pki.EcdsaRoot.CertificatePemBytes, serverHostname: TestPki.ServerDnsName));
            Assert.Equal(expected, e.Error);
        }

        [Fact]
        public void CertRequiredWithoutHostnameIsRefusedBeforeConnecting()
        {
            using var server = WwwServer(pki.EcdsaServer);
            using var sock = ConnectTcp(server.Port);
            var e = Assert.Throws<SslException>(() => Ssl.WrapSocket(sock, certReqs: VerifyMode.CertRequired, caData: pki.EcdsaRoot.CertificatePemBytes));
            Assert.Equal(SslError.InvalidArgument, e.Error);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ServerSideWrapAndMutualTls(bool mutual)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            int port = ((IPEndPoint)listener.LocalEndPoint).Port;
            var options = new OpenSslClientOptions { Port = port, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName };
            if (mutual) { options.CertFile = pki.EcdsaClient.CertificatePemPath; options.KeyFile = pki.EcdsaClient.PrivateKeyPemPath; }
            using var client = OpenSslClient.Start(options);
            Assert.True(listener.Poll(10_000_000, SelectMode.SelectRead));
            using Socket accepted = listener.Accept();
            accepted.ReceiveTimeout = 10_000;
            using SslSocket s = Ssl.WrapSocket(accepted, serverSide: true, key: pki.EcdsaServer.PrivateKeyPemBytes, cert: pki.EcdsaServer.CertificatePemBytes,
                certReqs: mutual ? VerifyMode.CertRequired : VerifyMode.CertNone, caData: mutual ? pki.EcdsaRoot.CertificatePemBytes : null);
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", Timeout), client.Describe());
            if (mutual) Assert.Equal(pki.EcdsaClient.CertificateDer, s.GetPeerCert(true));
            client.WriteLine("hello server");
            Assert.Equal("hello server\n", Encoding.ASCII.GetString(s.ReadLine()));
            s.Write(Encoding.ASCII.GetBytes("hello client\n"));
            Assert.True(client.WaitForOutput("hello client", Timeout), client.Describe());
        }

        [Fact]
        public void NonBlockingHandshakeDrivenByTheCaller()
        {
            // MicroPython: ssl.wrap_socket(sock, do_handshake=False), setblocking(False), then
            // call do_handshake until it is done, doing other work in between.
            using var server = WwwServer(pki.EcdsaServer);
            using var sock = ConnectTcp(server.Port);
            using SslSocket s = Ssl.WrapSocket(sock, doHandshake: false);
            s.SetBlocking(false);
            var deadline = DateTime.UtcNow + Timeout;
            while (!s.DoHandshake())
            {
                Assert.True(DateTime.UtcNow < deadline, "handshake did not finish");
                System.Threading.Thread.Sleep(1);
            }
            Assert.Null(s.Recv(100)); // nothing sent yet: would-block is null, not an exception
            s.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
            byte[] reply = null;
            while (reply == null && DateTime.UtcNow < deadline) reply = s.Recv(4096);
            Assert.StartsWith("HTTP/1.0 200", Encoding.ASCII.GetString(reply));
        }
    }
}
