using System;
using System.Text;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using OpenMvSsl.Tests.Peers.BouncyCastle;
using Org.BouncyCastle.Tls;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Our TLS engine against BouncyCastle's in-process TLS 1.3 and TLS 1.2 peers over TCP on 127.0.0.1, both roles.</summary>
    public class TlsBouncyCastleInteropTests : IClassFixture<TestPki>
    {
        private const int StepMs = 5000;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private readonly TestPki pki;

        public TlsBouncyCastleInteropTests(TestPki pki) => this.pki = pki;

        public static TheoryData<int, string, bool> Suites => new()
        {
            { CipherSuites.TlsAes128GcmSha256, "1.3", false },
            { CipherSuites.TlsAes256GcmSha384, "1.3", false },
            { CipherSuites.TlsChaCha20Poly1305Sha256, "1.3", true },
            { CipherSuites.TlsAes128CcmSha256, "1.3", false },
            { CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, "1.2", false },
            { CipherSuites.TlsEcdheRsaWithAes128GcmSha256, "1.2", true },
            { CipherSuites.TlsPskWithAes128GcmSha256, "1.2", false },
        };

        private static bool IsPsk(int suite) => CipherSuites.FindByCode(suite).KeyExchange == KeyExchange.Psk;

        private static ProtocolVersion[] Versions(string version) =>
            version == "1.3" ? ProtocolVersion.TLSv13.Only() : ProtocolVersion.TLSv12.Only();

        private BcServerOptions BcServer(int suite, string version, bool rsa)
        {
            var options = new BcServerOptions { CipherSuites = new[] { suite }, ProtocolVersions = Versions(version), LifetimeMs = 10000 };
            if (IsPsk(suite)) return options.WithPsk(DtlsInterop.PskIdentity, DtlsInterop.PskKey);
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            return options.WithCertificate(credential.CertificateDer, credential.PrivateKeyDer);
        }

        private BcClientOptions BcClient(int suite, string version, bool rsa)
        {
            var options = new BcClientOptions { CipherSuites = new[] { suite }, ProtocolVersions = Versions(version), HandshakeTimeoutMs = StepMs };
            if (IsPsk(suite)) return options.WithPsk(DtlsInterop.PskIdentity, DtlsInterop.PskKey);
            return options.WithTrustAnchor((rsa ? pki.RsaRoot : pki.EcdsaRoot).CertificateDer, TestPki.ServerDnsName);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void OurClientBcServer(int suite, string version, bool rsa)
        {
            using var server = new BcTlsServer(BcServer(suite, version, rsa));
            var settings = IsPsk(suite) ? DtlsInterop.PskClient(suite) : DtlsInterop.CertClient(suite, pki);
            using var ours = TcpEngineDriver.Connect(settings, server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv" + version, ours.Engine.VersionName);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            byte[] message = Encoding.ASCII.GetBytes("to bouncycastle " + new string('z', 20000)); // more than one record
            ours.Write(message);
            Assert.Equal(message, ours.Read(message.Length, Timeout));
            Assert.True(server.WaitForHandshake(StepMs), server.Describe());
            Assert.Equal(suite, server.NegotiatedCipherSuite);
            Assert.Null(server.Error);
        }

        [Theory]
        [MemberData(nameof(Suites))]
        public void BcClientOurServer(int suite, string version, bool rsa)
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            using var client = new BcTlsClient(port, BcClient(suite, version, rsa));
            var settings = IsPsk(suite) ? DtlsInterop.PskServer() : DtlsInterop.CertServer(rsa ? pki.RsaServer : pki.EcdsaServer, pki);
            var connect = System.Threading.Tasks.Task.Run(() => client.TryConnect());
            using var ours = TcpEngineDriver.Accept(listener, settings, Timeout);
            ours.Handshake(Timeout);
            Assert.True(connect.Wait(Timeout) && connect.Result, client.Describe());
            Assert.Equal("TLSv" + version, ours.Engine.VersionName);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Assert.Equal(suite, client.NegotiatedCipherSuite);

            byte[] message = Encoding.ASCII.GetBytes("from bouncycastle " + new string('q', 20000));
            client.Send(message);
            Assert.Equal(message, ours.Read(message.Length, Timeout));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl"));
            Assert.Equal("from openmvssl", Encoding.ASCII.GetString(client.ReceiveExactly(14, StepMs) ?? new byte[0]));
            Assert.Null(client.Error);
        }

        [Theory]
        [InlineData(CipherSuites.TlsAes128GcmSha256, "1.3")]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, "1.2")]
        public void OurClientBcServerWithMutualAuthentication(int suite, string version)
        {
            BcServerOptions options = BcServer(suite, version, rsa: false)
                .WithClientCertificate(BcClientCertificateMode.Required, pki.RsaRoot.CertificateDer);
            using var server = new BcTlsServer(options);
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(suite, pki, pki.RsaClient), server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv" + version, ours.Engine.VersionName);
            ours.Write(Encoding.ASCII.GetBytes("mutual"));
            Assert.Equal("mutual", Encoding.ASCII.GetString(ours.Read(6, Timeout)));
            Assert.Equal(pki.RsaClient.CertificateDer, server.PeerCertificate);
        }

        [Theory]
        [InlineData(CipherSuites.TlsAes128GcmSha256, "1.3")]
        [InlineData(CipherSuites.TlsEcdheRsaWithAes128GcmSha256, "1.2")]
        public void BcClientOurServerWithMutualAuthentication(int suite, string version)
        {
            bool rsa = suite == CipherSuites.TlsEcdheRsaWithAes128GcmSha256;
            using var listener = TcpEngineDriver.Listen(out int port);
            BcClientOptions options = BcClient(suite, version, rsa)
                .WithCertificate(pki.EcdsaClient.CertificateDer, pki.EcdsaClient.PrivateKeyDer);
            using var client = new BcTlsClient(port, options);
            var connect = System.Threading.Tasks.Task.Run(() => client.TryConnect());
            var settings = DtlsInterop.CertServer(rsa ? pki.RsaServer : pki.EcdsaServer, pki, VerifyMode.CertRequired);
            using var ours = TcpEngineDriver.Accept(listener, settings, Timeout);
            ours.Handshake(Timeout);
            Assert.True(connect.Wait(Timeout) && connect.Result, client.Describe());
            Assert.Equal("TLSv" + version, ours.Engine.VersionName);
            Assert.Equal(pki.EcdsaClient.CertificateDer, ours.Engine.PeerCertificates[0]);
            client.Send(Encoding.ASCII.GetBytes("mutual"));
            Assert.Equal("mutual", Encoding.ASCII.GetString(ours.Read(6, Timeout)));
        }
    }
}
