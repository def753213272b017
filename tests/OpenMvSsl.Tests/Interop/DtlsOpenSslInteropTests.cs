using System;
using System.Text;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Our DTLS 1.2 engine against OpenSSL 3.0 (s_server -dtls1_2 -listen, s_client -dtls1_2), both roles, on 127.0.0.1.</summary>
    public class DtlsOpenSslInteropTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;

        public DtlsOpenSslInteropTests(TestPki pki) => this.pki = pki;

        public static TheoryData<string, int> PskSuites => new()
        {
            { "PSK-AES128-CCM8", CipherSuites.TlsPskWithAes128Ccm8 },
            { "PSK-AES128-GCM-SHA256", CipherSuites.TlsPskWithAes128GcmSha256 },
            { "PSK-CHACHA20-POLY1305", CipherSuites.TlsPskWithChaCha20Poly1305Sha256 },
        };

        public static TheoryData<string, int, bool> CertificateSuites => new()
        {
            { "ECDHE-ECDSA-AES128-CCM8", CipherSuites.TlsEcdheEcdsaWithAes128Ccm8, false },
            { "ECDHE-ECDSA-AES128-GCM-SHA256", CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, false },
            { "ECDHE-ECDSA-CHACHA20-POLY1305", CipherSuites.TlsEcdheEcdsaWithChaCha20Poly1305Sha256, false },
            { "ECDHE-RSA-AES128-GCM-SHA256", CipherSuites.TlsEcdheRsaWithAes128GcmSha256, true },
        };

        private static void ExchangeWithServer(UdpEngineDriver ours, PeerProcess server)
        {
            ours.Send(Encoding.ASCII.GetBytes("ping from openmvssl\n"));
            Assert.True(server.WaitForOutput("ping from openmvssl", DtlsInterop.Timeout), server.Describe());
            server.WriteLine("pong from openssl");
            byte[] reply = ours.Receive(DtlsInterop.Timeout);
            Assert.Equal("pong from openssl\n", Encoding.ASCII.GetString(reply));
        }

        [Theory]
        [MemberData(nameof(PskSuites))]
        public void OurClientOpenSslServerPsk(string opensslName, int suite)
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, PskKeyHex = DtlsInterop.PskHex, PskIdentity = DtlsInterop.PskIdentity,
                PskHint = "hint", Cipher = opensslName, NAccept = 1,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.PskClient(suite), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ExchangeWithServer(ours, server);
            ours.Close();
        }

        [Theory]
        [MemberData(nameof(CertificateSuites))]
        public void OurClientOpenSslServerCertificate(string opensslName, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath,
                Cipher = opensslName, NAccept = 1,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.CertClient(suite, pki), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Assert.Equal(credential.CertificateDer, ours.Engine.PeerCertificates[0]);
            ExchangeWithServer(ours, server);
        }

        [Fact]
        public void MutualAuthenticationWithOpenSslServer()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                CaFile = pki.RootsPemPath, ClientCertificate = ClientCertificateMode.Require, NAccept = 1,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, pki, pki.EcdsaClient), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            ExchangeWithServer(ours, server);
        }

        [Theory]
        [MemberData(nameof(PskSuites))]
        public void OpenSslClientOurServerPsk(string opensslName, int suite)
        {
            using var ours = UdpEngineDriver.Server();
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, PskKeyHex = DtlsInterop.PskHex,
                PskIdentity = DtlsInterop.PskIdentity, Cipher = opensslName,
            });
            ours.AcceptFirstPeer(DtlsInterop.PskServer(), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ExchangeWithClient(ours, client);
        }

        [Theory]
        [MemberData(nameof(CertificateSuites))]
        public void OpenSslClientOurServerCertificate(string opensslName, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var ours = UdpEngineDriver.Server();
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, CaFile = pki.RootsPemPath,
                VerifyHostname = TestPki.ServerDnsName, ServerName = TestPki.ServerDnsName, Cipher = opensslName,
            });
            ours.AcceptFirstPeer(DtlsInterop.CertServer(credential, pki), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Assert.Equal(TestPki.ServerDnsName, ours.Engine.RequestedServerName);
            ExchangeWithClient(ours, client);
        }

        [Fact]
        public void MutualAuthenticationWithOpenSslClient()
        {
            using var ours = UdpEngineDriver.Server();
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, CaFile = pki.RootsPemPath,
                CertFile = pki.EcdsaClient.CertificatePemPath, KeyFile = pki.EcdsaClient.PrivateKeyPemPath,
            });
            ours.AcceptFirstPeer(DtlsInterop.CertServer(pki.EcdsaServer, pki, VerifyMode.CertRequired), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(pki.EcdsaClient.CertificateDer, ours.Engine.PeerCertificates[0]);
            ExchangeWithClient(ours, client);
        }

        private static void ExchangeWithClient(UdpEngineDriver ours, PeerProcess client)
        {
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", DtlsInterop.Timeout), client.Describe());
            client.WriteLine("hello from openssl");
            Assert.Equal("hello from openssl\n", Encoding.ASCII.GetString(ours.Receive(DtlsInterop.Timeout)));
            ours.Send(Encoding.ASCII.GetBytes("hello from openmvssl\n"));
            Assert.True(client.WaitForOutput("hello from openmvssl", DtlsInterop.Timeout), client.Describe());
        }
    }
}
