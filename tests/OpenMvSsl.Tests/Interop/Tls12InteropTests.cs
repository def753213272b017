using System;
using System.Security.Authentication;
using System.Text;
using System.Threading.Tasks;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Our TLS 1.2 engine against OpenSSL, GnuTLS and .NET SslStream over TCP on 127.0.0.1, both roles.</summary>
    public class Tls12InteropTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public Tls12InteropTests(TestPki pki) => this.pki = pki;

        public static TheoryData<string, int, bool> Suites => new()
        {
            { "ECDHE-ECDSA-AES128-GCM-SHA256", CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, false },
            { "ECDHE-ECDSA-AES256-GCM-SHA384", CipherSuites.TlsEcdheEcdsaWithAes256GcmSha384, false },
            { "ECDHE-ECDSA-CHACHA20-POLY1305", CipherSuites.TlsEcdheEcdsaWithChaCha20Poly1305Sha256, false },
            { "ECDHE-RSA-AES128-GCM-SHA256", CipherSuites.TlsEcdheRsaWithAes128GcmSha256, true },
            { "ECDHE-RSA-AES256-GCM-SHA384", CipherSuites.TlsEcdheRsaWithAes256GcmSha384, true },
            { "ECDHE-RSA-CHACHA20-POLY1305", CipherSuites.TlsEcdheRsaWithChaCha20Poly1305Sha256, true },
            { "PSK-AES128-GCM-SHA256", CipherSuites.TlsPskWithAes128GcmSha256, false },
            { "PSK-AES128-CCM8", CipherSuites.TlsPskWithAes128Ccm8, false },
        };

        private static bool IsPsk(int suite) => CipherSuites.FindByCode(suite).KeyExchange == KeyExchange.Psk;

        [Theory]
        [MemberData(nameof(Suites))]
        public void OurClientOpenSslServer(string opensslName, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            var options = new OpenSslServerOptions { Protocol = PeerProtocol.Tls12, Cipher = opensslName, Mode = OpenSslServerMode.Reverse, NAccept = 1 };
            if (IsPsk(suite)) { options.PskKeyHex = DtlsInterop.PskHex; options.PskIdentity = DtlsInterop.PskIdentity; }
            else { options.CertFile = credential.CertificatePemPath; options.KeyFile = credential.PrivateKeyPemPath; }
            using var server = OpenSslServer.Start(options);
            var settings = IsPsk(suite) ? DtlsInterop.PskClient(suite) : DtlsInterop.CertClient(suite, pki);
            using var ours = TcpEngineDriver.Connect(settings, server.Port);
            ours.Handshake(Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ours.Write(Encoding.ASCII.GetBytes("hello openssl\n"));
            Assert.Equal("lssnepo olleh\n", Encoding.ASCII.GetString(ours.Read(14, Timeout)));
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void OpenSslClientOurServer(string opensslName, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var listener = TcpEngineDriver.Listen(out int port);
            var options = new OpenSslClientOptions { Protocol = PeerProtocol.Tls12, Port = port, Cipher = opensslName };
            if (IsPsk(suite)) { options.PskKeyHex = DtlsInterop.PskHex; options.PskIdentity = DtlsInterop.PskIdentity; }
            else { options.CaFile = pki.RootsPemPath; options.VerifyHostname = TestPki.ServerDnsName; }
            using var client = OpenSslClient.Start(options);
            var settings = IsPsk(suite) ? DtlsInterop.PskServer() : DtlsInterop.CertServer(credential, pki);
            using var ours = TcpEngineDriver.Accept(listener, settings, Timeout);
            ours.Handshake(Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", Timeout), client.Describe());
            client.WriteLine("from openssl");
            Assert.Equal("from openssl\n", Encoding.ASCII.GetString(ours.Read(13, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl\n"));
            Assert.True(client.WaitForOutput("from openmvssl", Timeout), client.Describe());
        }

        [Fact]
        public void RenegotiationFromOpenSslClientIsRefused()
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Tls12, Port = port, CaFile = pki.RootsPemPath, OutputMode = OpenSslClientOutput.Full,
            });
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.True(client.WaitForOutput("Verify return code: 0", Timeout), client.Describe());
            client.WriteLine("R"); // s_client: renegotiate
            // s_client may end the connection when refused; our side then sees the stream end.
            ours.Pump(() => client.Output.Contains("no renegotiation"), Timeout);
            Assert.True(client.WaitForOutput("no renegotiation", Timeout), client.Describe());
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void OurClientGnuTlsServer(bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Priority = GnuTlsPriorities.Tls12, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath,
            });
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(rsa ? CipherSuites.TlsEcdheRsaWithAes128GcmSha256 : CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, pki), server.Port);
            ours.Handshake(Timeout);
            ours.Write(Encoding.ASCII.GetBytes("echo me\n"));
            Assert.Equal("echo me\n", Encoding.ASCII.GetString(ours.Read(8, Timeout)));
            ours.Close();
        }

        [Fact]
        public void GnuTlsClientOurServerWithMutualAuthentication()
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            using var client = GnuTlsClient.Start(new GnuTlsClientOptions
            {
                Port = port, Priority = GnuTlsPriorities.Tls12, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName,
                CertFile = pki.EcdsaClient.CertificatePemPath, KeyFile = pki.EcdsaClient.PrivateKeyPemPath,
            });
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki, VerifyMode.CertRequired), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal(pki.EcdsaClient.CertificateDer, ours.Engine.PeerCertificates[0]);
            Assert.True(client.WaitForOutput(GnuTlsClient.HandshakeCompletedPattern, Timeout), client.Describe());
            client.WriteLine("from gnutls");
            Assert.Equal("from gnutls\n", Encoding.ASCII.GetString(ours.Read(12, Timeout)));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task OurClientSslStreamServer(bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var listener = TcpEngineDriver.Listen(out int port);
            using var certificate = SslStreamPeer.LoadWithKey(credential);
            Task<string> serverTask = SslStreamPeer.EchoOnceAsServer(listener, certificate, SslProtocols.Tls12, 5);
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(rsa ? CipherSuites.TlsEcdheRsaWithAes128GcmSha256 : CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, pki), port);
            ours.Handshake(Timeout);
            ours.Write(Encoding.ASCII.GetBytes("hello"));
            Assert.Equal("hello", Encoding.ASCII.GetString(ours.Read(5, Timeout)));
            Assert.True(serverTask.Wait(Timeout));
            Assert.Equal("Tls12 " + ours.Engine.CipherSuiteName, await serverTask);
        }

        [Fact]
        public async Task SslStreamClientOurServer()
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            Task<string> clientTask = SslStreamPeer.SendOnceAsClient(port, SslProtocols.Tls12, "from sslstream");
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal("from sslstream", Encoding.ASCII.GetString(ours.Read(14, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl"));
            Assert.True(clientTask.Wait(Timeout));
            Assert.Equal("Tls12 from openmvssl", await clientTask);
        }
    }
}
