using System;
using System.Text;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>DTLS failures against real peers: each ends with its own clear error on our side, and the peer sees the alert.</summary>
    public class DtlsNegativeInteropTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;

        public DtlsNegativeInteropTests(TestPki pki) => this.pki = pki;

        private static SslException HandshakeFails(UdpEngineDriver ours)
        {
            var e = Assert.Throws<SslException>(() => ours.Handshake(DtlsInterop.Timeout));
            Assert.Equal(EngineState.Failed, ours.Engine.State);
            return e;
        }

        [Theory]
        [InlineData("expired")]
        [InlineData("untrusted")]
        [InlineData("hostname")]
        [InlineData("notyetvalid")]
        public void OurClientRefusesBadServerCertificates(string problem)
        {
            PkiCredential credential = problem switch
            {
                "expired" => pki.ExpiredServer,
                "untrusted" => pki.UnrelatedServer,
                "hostname" => pki.OtherHostServer,
                _ => pki.NotYetValidServer,
            };
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath, NAccept = 1,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, pki), server.Port);
            SslException e = HandshakeFails(ours);
            SslError expected = problem switch
            {
                "expired" => SslError.CertificateExpired,
                "untrusted" => SslError.CertificateUntrusted,
                "hostname" => SslError.CertificateHostnameMismatch,
                _ => SslError.CertificateNotYetValid,
            };
            Assert.Equal(expected, e.Error);
            if (problem == "hostname") Assert.Contains(TestPki.OtherHostName, e.Message);
            if (problem == "expired" || problem == "notyetvalid") Assert.Contains("device clock", e.Message);
            // s_server prints the alert it received.
            Assert.True(server.WaitForOutput("alert", DtlsInterop.Timeout), server.Describe());
        }

        [Fact]
        public void OpenSslClientRefusesOurExpiredCertificate()
        {
            using var ours = UdpEngineDriver.Server();
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName,
            });
            ours.AcceptFirstPeer(DtlsInterop.CertServer(pki.ExpiredServer, pki), DtlsInterop.Timeout);
            SslException e = HandshakeFails(ours);
            Assert.Equal(SslError.PeerAlert, e.Error);
            Assert.Equal(AlertDescription.CertificateExpired, e.Alert);
            Assert.True(client.WaitForOutput("expired", DtlsInterop.Timeout), client.Describe());
        }

        [Fact]
        public void WrongPskIsReportedByOurServerAndSeenByOpenSsl()
        {
            using var ours = UdpEngineDriver.Server();
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, PskKeyHex = "ffeeddccbbaa99887766554433221100",
                PskIdentity = DtlsInterop.PskIdentity, Cipher = "PSK-AES128-CCM8",
            });
            ours.AcceptFirstPeer(DtlsInterop.PskServer(), DtlsInterop.Timeout);
            SslException e = HandshakeFails(ours);
            Assert.Equal(SslError.DecryptError, e.Error);
            Assert.Contains("wrong PSK", e.Message);
            Assert.True(client.WaitForOutput("decrypt error", DtlsInterop.Timeout), client.Describe());
        }

        [Fact]
        public void PeerOfferingOnlyCbcSuitesIsRefusedByOurServer()
        {
            using var ours = UdpEngineDriver.Server();
            using var client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, PskKeyHex = DtlsInterop.PskHex,
                PskIdentity = DtlsInterop.PskIdentity, Cipher = "PSK-AES128-CBC-SHA256",
            });
            ours.AcceptFirstPeer(DtlsInterop.PskServer(), DtlsInterop.Timeout);
            SslException e = HandshakeFails(ours);
            Assert.Equal(SslError.HandshakeFailure, e.Error);
            Assert.Contains("no cipher suite in common", e.Message);
            Assert.True(client.WaitForOutput("handshake failure", DtlsInterop.Timeout), client.Describe());
        }

        [Fact]
        public void ServerOfferingOnlyCbcSuitesIsRefusedByOurClient()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, PskKeyHex = DtlsInterop.PskHex, PskIdentity = DtlsInterop.PskIdentity,
                Cipher = "PSK-AES128-CBC-SHA256", NAccept = 1,
            });
            using var ours = UdpEngineDriver.Client(DtlsInterop.PskClient(CipherSuites.TlsPskWithAes128Ccm8), server.Port);
            SslException e = HandshakeFails(ours);
            Assert.Equal(SslError.PeerAlert, e.Error);
            Assert.Equal(AlertDescription.HandshakeFailure, e.Alert);
            Assert.True(server.WaitForOutput("no shared cipher", DtlsInterop.Timeout), server.Describe());
        }
    }
}
