using System;
using System.Text;
using System.Threading.Tasks;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using OpenMvSsl.Tests.Peers.BouncyCastle;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Our DTLS 1.2 engine against BouncyCastle 2.7 in process (over UDP on 127.0.0.1), both roles.</summary>
    public class DtlsBouncyCastleInteropTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;

        public DtlsBouncyCastleInteropTests(TestPki pki) => this.pki = pki;

        public static TheoryData<int> PskSuites => new()
        {
            CipherSuites.TlsPskWithAes128Ccm8, CipherSuites.TlsPskWithAes128GcmSha256, CipherSuites.TlsPskWithChaCha20Poly1305Sha256,
        };

        public static TheoryData<int, bool> CertificateSuites => new()
        {
            { CipherSuites.TlsEcdheEcdsaWithAes128Ccm8, false },
            { CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, false },
            { CipherSuites.TlsEcdheEcdsaWithChaCha20Poly1305Sha256, false },
            { CipherSuites.TlsEcdheRsaWithAes128GcmSha256, true },
        };

        private static void Echo(UdpEngineDriver ours)
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
        public void OurClientBouncyCastleServerPsk(int suite)
        {
            using var server = new BcDtlsServer(new BcServerOptions { CipherSuites = new[] { suite } }.WithPsk(DtlsInterop.PskIdentity, DtlsInterop.PskKey));
            using var ours = UdpEngineDriver.Client(DtlsInterop.PskClient(suite), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Echo(ours);
            Assert.Equal(1, server.HelloVerifyRequestsSent);
        }

        [Theory]
        [MemberData(nameof(CertificateSuites))]
        public void OurClientBouncyCastleServerCertificate(int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var server = new BcDtlsServer(new BcServerOptions { CipherSuites = new[] { suite } }
                .WithCertificate(credential.CertificateDer, credential.PrivateKeyDer));
            using var ours = UdpEngineDriver.Client(DtlsInterop.CertClient(suite, pki), server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Echo(ours);
        }

        [Fact]
        public void MutualAuthenticationWithBouncyCastleServer()
        {
            using var server = new BcDtlsServer(new BcServerOptions { CipherSuites = new[] { CipherSuites.TlsEcdheEcdsaWithAes128Ccm8 }, Mtu = 400 }
                .WithCertificate(pki.EcdsaServer.CertificateDer, pki.EcdsaServer.PrivateKeyDer)
                .WithClientCertificate(BcClientCertificateMode.Required, pki.EcdsaRoot.CertificateDer));
            var settings = DtlsInterop.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128Ccm8, pki, pki.EcdsaClient);
            settings.Mtu = 400;
            using var ours = UdpEngineDriver.Client(settings, server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Echo(ours);
            Assert.Equal(pki.EcdsaClient.CertificateDer, server.PeerCertificate);
        }

        private static BcDtlsClient ConnectInBackground(int port, BcClientOptions options, out Task connecting)
        {
            var client = new BcDtlsClient(port, options);
            connecting = Task.Run(() => client.Connect());
            return client;
        }

        private static void ExchangeWithClient(UdpEngineDriver ours, BcDtlsClient client, Task connecting)
        {
            Assert.True(connecting.Wait(DtlsInterop.Timeout), "BouncyCastle client did not connect: " + client.Describe());
            client.Send(Encoding.ASCII.GetBytes("hello from bouncycastle"));
            Assert.Equal("hello from bouncycastle", Encoding.ASCII.GetString(ours.Receive(DtlsInterop.Timeout)));
            ours.Send(Encoding.ASCII.GetBytes("hello from openmvssl"));
            Assert.Equal("hello from openmvssl", Encoding.ASCII.GetString(client.Receive(10_000) ?? Array.Empty<byte>()));
        }

        [Theory]
        [MemberData(nameof(PskSuites))]
        public void BouncyCastleClientOurServerPsk(int suite)
        {
            using var ours = UdpEngineDriver.Server();
            using var client = ConnectInBackground(ours.LocalPort, new BcClientOptions { CipherSuites = new[] { suite } }
                .WithPsk(DtlsInterop.PskIdentity, DtlsInterop.PskKey), out Task connecting);
            ours.AcceptFirstPeer(DtlsInterop.PskServer(), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ExchangeWithClient(ours, client, connecting);
        }

        [Theory]
        [MemberData(nameof(CertificateSuites))]
        public void BouncyCastleClientOurServerCertificate(int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            PkiCredential root = rsa ? pki.RsaRoot : pki.EcdsaRoot;
            using var ours = UdpEngineDriver.Server();
            using var client = ConnectInBackground(ours.LocalPort, new BcClientOptions { CipherSuites = new[] { suite } }
                .WithTrustAnchor(root.CertificateDer, TestPki.ServerDnsName), out Task connecting);
            ours.AcceptFirstPeer(DtlsInterop.CertServer(credential, pki), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            ExchangeWithClient(ours, client, connecting);
        }

        [Fact]
        public void MutualAuthenticationWithBouncyCastleClient()
        {
            using var ours = UdpEngineDriver.Server();
            using var client = ConnectInBackground(ours.LocalPort, new BcClientOptions { CipherSuites = new[] { CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256 } }
                .WithTrustAnchor(pki.EcdsaRoot.CertificateDer, TestPki.ServerDnsName)
                .WithCertificate(pki.EcdsaClient.CertificateDer, pki.EcdsaClient.PrivateKeyDer), out Task connecting);
            ours.AcceptFirstPeer(DtlsInterop.CertServer(pki.EcdsaServer, pki, VerifyMode.CertRequired), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(pki.EcdsaClient.CertificateDer, ours.Engine.PeerCertificates[0]);
            ExchangeWithClient(ours, client, connecting);
        }
    }
}
