using System;
using System.IO;
using System.Text;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Our DTLS 1.2 engine against GnuTLS 3.7 (gnutls-serv --udp --echo, gnutls-cli --udp), both roles, on 127.0.0.1.</summary>
    public class DtlsGnuTlsInteropTests : IClassFixture<TestPki>
    {
        private const string Dtls12 = "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:";
        private readonly TestPki pki;

        public DtlsGnuTlsInteropTests(TestPki pki) => this.pki = pki;

        public static TheoryData<string, int> PskSuites => new()
        {
            { "+PSK:-CIPHER-ALL:+AES-128-CCM-8", CipherSuites.TlsPskWithAes128Ccm8 },
            { "+PSK:-CIPHER-ALL:+AES-128-GCM", CipherSuites.TlsPskWithAes128GcmSha256 },
            { "+PSK:-CIPHER-ALL:+CHACHA20-POLY1305", CipherSuites.TlsPskWithChaCha20Poly1305Sha256 },
        };

        public static TheoryData<string, int, bool> CertificateSuites => new()
        {
            { "+ECDHE-ECDSA:-CIPHER-ALL:+AES-128-CCM-8", CipherSuites.TlsEcdheEcdsaWithAes128Ccm8, false },
            { "+ECDHE-ECDSA:-CIPHER-ALL:+AES-128-GCM", CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, false },
            { "+ECDHE-ECDSA:-CIPHER-ALL:+CHACHA20-POLY1305", CipherSuites.TlsEcdheEcdsaWithChaCha20Poly1305Sha256, false },
            { "+ECDHE-RSA:-CIPHER-ALL:+AES-128-GCM", CipherSuites.TlsEcdheRsaWithAes128GcmSha256, true },
        };

        private string PskFile()
        {
            string path = pki.PathFor("psk-" + Guid.NewGuid().ToString("N") + ".txt");
            PskPasswordFile.Write(path, DtlsInterop.PskIdentity, DtlsInterop.PskKey);
            return path;
        }

        private static void EchoThroughServer(UdpEngineDriver ours)
        {
            for (int i = 0; i < 3; i++)
            {
                byte[] ping = Encoding.ASCII.GetBytes("ping " + i);
                ours.Send(ping);
                Assert.Equal(ping, ours.Receive(DtlsInterop.Timeout));
            }
        }

        [Theory]
        [MemberData(nameof(PskSuites))]
        public void OurClientGnuTlsServerPsk(string priority, int suite)
        {
            using var server = GnuTlsServer.Start(new GnuTlsServerOptions { Udp = true, Priority = Dtls12 + priority, PskPasswordFile = PskFile() });
            using var ours = UdpEngineDriver.Client(DtlsInterop.PskClient(suite), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            EchoThroughServer(ours);
            ours.Close();
        }

        [Theory]
        [MemberData(nameof(CertificateSuites))]
        public void OurClientGnuTlsServerCertificate(string priority, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Udp = true, Priority = Dtls12 + priority, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.CertClient(suite, pki), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            EchoThroughServer(ours);
        }

        [Fact]
        public void MutualAuthenticationWithGnuTlsServer()
        {
            using var server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Udp = true, Priority = Dtls12 + "+ECDHE-ECDSA:-CIPHER-ALL:+AES-128-CCM-8",
                CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                CaFile = pki.RootsPemPath, RequireClientCert = true, VerifyClientCert = true,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128Ccm8, pki, pki.EcdsaClient), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            EchoThroughServer(ours);
        }

        [Theory]
        [MemberData(nameof(PskSuites))]
        public void GnuTlsClientOurServerPsk(string priority, int suite)
        {
            using var ours = UdpEngineDriver.Server();
            using var client = GnuTlsClient.Start(new GnuTlsClientOptions
            {
                Udp = true, Port = ours.LocalPort, Priority = Dtls12 + priority,
                PskUsername = DtlsInterop.PskIdentity, PskKeyHex = DtlsInterop.PskHex,
            });
            ours.AcceptFirstPeer(DtlsInterop.PskServer(), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ExchangeWithClient(ours, client);
        }

        [Theory]
        [MemberData(nameof(CertificateSuites))]
        public void GnuTlsClientOurServerCertificate(string priority, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var ours = UdpEngineDriver.Server();
            using var client = GnuTlsClient.Start(new GnuTlsClientOptions
            {
                Udp = true, Port = ours.LocalPort, Priority = Dtls12 + priority, CaFile = pki.RootsPemPath,
                VerifyHostname = TestPki.ServerDnsName,
            });
            ours.AcceptFirstPeer(DtlsInterop.CertServer(credential, pki), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ExchangeWithClient(ours, client);
        }

        [Fact]
        public void MutualAuthenticationWithGnuTlsClient()
        {
            using var ours = UdpEngineDriver.Server();
            using var client = GnuTlsClient.Start(new GnuTlsClientOptions
            {
                Udp = true, Port = ours.LocalPort, Priority = Dtls12 + "+ECDHE-ECDSA:-CIPHER-ALL:+AES-128-GCM", CaFile = pki.RootsPemPath,
                VerifyHostname = TestPki.ServerDnsName,
                CertFile = pki.EcdsaClient.CertificatePemPath, KeyFile = pki.EcdsaClient.PrivateKeyPemPath,
            });
            ours.AcceptFirstPeer(DtlsInterop.CertServer(pki.EcdsaServer, pki, VerifyMode.CertRequired), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(pki.EcdsaClient.CertificateDer, ours.Engine.PeerCertificates[0]);
            ExchangeWithClient(ours, client);
        }

        private static void ExchangeWithClient(UdpEngineDriver ours, PeerProcess client)
        {
            Assert.True(client.WaitForOutput(GnuTlsClient.HandshakeCompletedPattern, DtlsInterop.Timeout), client.Describe());
            client.WriteLine("hello from gnutls");
            Assert.Equal("hello from gnutls\n", Encoding.ASCII.GetString(ours.Receive(DtlsInterop.Timeout)));
            ours.Send(Encoding.ASCII.GetBytes("hello from openmvssl\n"));
            Assert.True(client.WaitForOutput("hello from openmvssl", DtlsInterop.Timeout), client.Describe());
        }
    }
}
