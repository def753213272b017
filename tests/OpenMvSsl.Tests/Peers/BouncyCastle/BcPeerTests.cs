using System;
using System.Diagnostics;
using System.Text;
using Org.BouncyCastle.Tls;
using Xunit;
using Xunit.Abstractions;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// Proves the in-process BouncyCastle peers: BC client against BC server for the suites the
    /// interop tests use (cookie exchange, echo, certificates checked against the test PKI), the
    /// failure paths the interop tests will rely on, and BC against `openssl s_server` /
    /// `s_client`, which shows the peers speak standard (D)TLS rather than BC-to-BC only.
    /// Every wait is bounded by a few seconds.
    /// </summary>
    public sealed class BcPeerTests : IClassFixture<TestPki>
    {
        private const int StepMs = 5000;
        private const string PskIdentity = "bc-client";
        private const string PskHex = "00112233445566778899aabbccddeeff";
        private static readonly byte[] PskKey = Convert.FromHexString(PskHex);
        private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(StepMs);

        private readonly TestPki pki;
        private readonly ITestOutputHelper log;

        public BcPeerTests(TestPki pki, ITestOutputHelper log)
        {
            this.pki = pki;
            this.log = log;
        }

        private static BcServerOptions PskServer(params int[] suites)
        {
            return new BcServerOptions { CipherSuites = suites, LifetimeMs = 10000 }.WithPsk(PskIdentity, PskKey);
        }

        private static BcClientOptions PskClient(params int[] suites)
        {
            return new BcClientOptions { CipherSuites = suites, HandshakeTimeoutMs = StepMs }.WithPsk(PskIdentity, PskKey);
        }

        private BcServerOptions CertServer(PkiCredential credential, params int[] suites)
        {
            return new BcServerOptions { CipherSuites = suites, LifetimeMs = 10000 }
                .WithCertificate(credential.CertificateDer, credential.PrivateKeyDer);
        }

        private BcClientOptions VerifyingClient(PkiCredential root, params int[] suites)
        {
            return new BcClientOptions { CipherSuites = suites, HandshakeTimeoutMs = StepMs }
                .WithTrustAnchor(root.CertificateDer, TestPki.ServerDnsName);
        }

        // ---- DTLS, BC to BC ----

        [Theory]
        [InlineData(BcCipherSuites.PskWithAes128Ccm8)]
        [InlineData(BcCipherSuites.PskWithAes128GcmSha256)]
        public void Dtls_Psk_CookieExchange_EchoesThreeDatagrams(int suite)
        {
            using var server = new BcDtlsServer(PskServer(suite));
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, PskClient(suite));

            AssertEchoes(client, server, 3);
            Assert.Equal(suite, client.NegotiatedCipherSuite);
            Assert.Equal(suite, server.NegotiatedCipherSuite);
            Assert.Equal(ProtocolVersion.DTLSv12, server.Observations.NegotiatedVersion);
            Assert.Equal(PskIdentity, server.Observations.PskIdentity);
            Assert.Equal(1, server.HelloVerifyRequestsSent);
            AssertSecureDefaults(client.Observations, server.Observations);
            // BC's own RFC 5746 signal is the SCSV, not the extension.
            Assert.True(server.Observations.ClientSentRenegotiationScsv, server.Describe());
            // BouncyCastle zeroes the PSK arrays it is handed; the peers must pass it copies.
            Assert.Equal(PskHex, Convert.ToHexString(PskKey).ToLowerInvariant());
            log.WriteLine(server.Describe());
            log.WriteLine(client.Describe());
        }

        [Theory]
        [InlineData(BcCipherSuites.EcdheEcdsaWithAes128GcmSha256)]
        [InlineData(BcCipherSuites.EcdheEcdsaWithAes128Ccm8)]
        [InlineData(BcCipherSuites.EcdheEcdsaWithChaCha20Poly1305Sha256)]
        public void Dtls_EcdheEcdsa_VerifiedServer_EchoesThreeDatagrams(int suite)
        {
            using var server = new BcDtlsServer(CertServer(pki.EcdsaServer, suite));
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, VerifyingClient(pki.EcdsaRoot, suite));

            AssertEchoes(client, server, 3);
            Assert.Equal(suite, client.NegotiatedCipherSuite);
            Assert.Equal(pki.EcdsaServer.CertificateDer, client.PeerCertificate);
            Assert.Null(server.PeerCertificate);
            AssertSecureDefaults(client.Observations, server.Observations);
        }

        [Fact]
        public void Dtls_EcdheRsa_MutualAuthentication_SmallMtuFragmentsHandshake()
        {
            BcServerOptions serverOptions = CertServer(pki.RsaServer, BcCipherSuites.EcdheRsaWithAes128GcmSha256)
                .WithClientCertificate(BcClientCertificateMode.Required, pki.RsaRoot.CertificateDer);
            serverOptions.Mtu = 300;
            BcClientOptions clientOptions = VerifyingClient(pki.RsaRoot, BcCipherSuites.EcdheRsaWithAes128GcmSha256)
                .WithCertificate(pki.RsaClient.CertificateDer, pki.RsaClient.PrivateKeyDer);
            clientOptions.Mtu = 300;

            using var server = new BcDtlsServer(serverOptions);
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, clientOptions);

            AssertEchoes(client, server, 3);
            Assert.Equal(pki.RsaClient.CertificateDer, server.PeerCertificate);
            Assert.Equal(pki.RsaServer.CertificateDer, client.PeerCertificate);
            // An RSA-2048 certificate does not fit in 272 bytes, so the flights were fragmented.
            Assert.True(client.DatagramsReceived > 10, "datagrams received: " + client.DatagramsReceived);
        }

        [Fact]
        public void Dtls_WithoutCookieExchange_HandshakesOnFirstClientHello()
        {
            BcServerOptions options = PskServer(BcCipherSuites.PskWithAes128Ccm8);
            options.CookieExchange = false;
            using var server = new BcDtlsServer(options);
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, PskClient(BcCipherSuites.PskWithAes128Ccm8));

            AssertEchoes(client, server, 1);
            Assert.Equal(0, server.HelloVerifyRequestsSent);
        }

        [Fact]
        public void Dtls_ClientCanSendRenegotiationInfoExtensionInsteadOfScsv()
        {
            BcClientOptions options = PskClient(BcCipherSuites.PskWithAes128Ccm8);
            options.SendRenegotiationInfoExtension = true;
            using var server = new BcDtlsServer(PskServer(BcCipherSuites.PskWithAes128Ccm8));
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, options);

            Assert.True(server.WaitForHandshake(StepMs), server.Describe());
            Assert.True(server.Observations.PeerSentRenegotiationInfoExtension, server.Describe());
            Assert.False(server.Observations.ClientSentRenegotiationScsv, server.Describe());
            Assert.True(server.Observations.SecureRenegotiation, server.Describe());
        }

        [Fact]
        public void Dtls_CloseNotify_EndsTheServer()
        {
            using var server = new BcDtlsServer(PskServer(BcCipherSuites.PskWithAes128Ccm8));
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, PskClient(BcCipherSuites.PskWithAes128Ccm8));
            AssertEchoes(client, server, 1);

            client.Close();

            Assert.True(server.WaitForExit(StepMs), server.Describe());
            Assert.True(server.Observations.PeerClosed, server.Describe());
            Assert.Null(server.Error);
        }

        [Fact]
        public void Dtls_ServerSendsQueuedDatagramWithoutEcho()
        {
            BcServerOptions options = PskServer(BcCipherSuites.PskWithAes128GcmSha256);
            options.Echo = false;
            using var server = new BcDtlsServer(options);
            using BcDtlsClient client = BcDtlsClient.Connect(server.Port, PskClient(BcCipherSuites.PskWithAes128GcmSha256));
            Assert.True(server.WaitForHandshake(StepMs), server.Describe());

            client.Send(Encoding.ASCII.GetBytes("not echoed"));
            Assert.True(server.WaitForDatagrams(1, StepMs), server.Describe());
            server.Send(Encoding.ASCII.GetBytes("from server"));

            Assert.Equal("from server", Encoding.ASCII.GetString(client.Receive(StepMs) ?? new byte[0]));
            Assert.Null(client.Receive(200));
        }

        // ---- DTLS failure paths ----

        [Fact]
        public void Dtls_WrongPskKey_FailsOnBothSides()
        {
            // DTLS drops records that fail to decrypt (RFC 6347 4.1.2.7), so neither side gets an
            // alert: the server never sees a valid Finished and both handshakes time out.
            BcClientOptions clientOptions = PskClient(BcCipherSuites.PskWithAes128Ccm8);
            clientOptions.PskKey = Convert.FromHexString("ffeeddccbbaa99887766554433221100");
            clientOptions.HandshakeTimeoutMs = 1500;
            BcServerOptions serverOptions = PskServer(BcCipherSuites.PskWithAes128Ccm8);
            serverOptions.HandshakeTimeoutMs = 1500;
            using var server = new BcDtlsServer(serverOptions);
            using var client = new BcDtlsClient(server.Port, clientOptions);

            Assert.False(client.TryConnect(), client.Describe());
            Assert.False(server.WaitForHandshake(StepMs));
            Assert.Contains("timed out", client.Error);
            Assert.Contains("timed out", server.Error);
            log.WriteLine(server.Describe());
            log.WriteLine(client.Describe());
        }

        [Fact]
        public void Dtls_ClientRejectsServerFromUnrelatedCa()
        {
            using var server = new BcDtlsServer(CertServer(pki.UnrelatedServer, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256));
            using var client = new BcDtlsClient(server.Port, VerifyingClient(pki.EcdsaRoot, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256));

            Assert.False(client.TryConnect());
            log.WriteLine(client.Describe());
            log.WriteLine(server.Describe());
            Assert.Contains("does not chain", client.Error);
            Assert.Contains(client.Observations.Alerts, a => a.StartsWith("sent fatal(2) bad_certificate(42)"));
        }

        [Fact]
        public void Dtls_ClientRejectsServerNameMismatch()
        {
            using var server = new BcDtlsServer(CertServer(pki.OtherHostServer, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256));
            using var client = new BcDtlsClient(server.Port, VerifyingClient(pki.EcdsaRoot, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256));

            Assert.False(client.TryConnect());
            Assert.Contains("does not match server name 'localhost'", client.Error);
        }

        [Fact]
        public void Dtls_ServerRequiringClientCertificate_RejectsClientWithout()
        {
            BcServerOptions options = CertServer(pki.EcdsaServer, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256)
                .WithClientCertificate(BcClientCertificateMode.Required, pki.EcdsaRoot.CertificateDer);
            using var server = new BcDtlsServer(options);
            using var client = new BcDtlsClient(server.Port, VerifyingClient(pki.EcdsaRoot, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256));

            Assert.False(client.TryConnect());
            Assert.False(server.WaitForHandshake(StepMs));
            Assert.Contains("client certificate required", server.Error);
            log.WriteLine(client.Describe());
            log.WriteLine(server.Describe());
        }

        [Fact]
        public void Dtls_ClientRequiringExtendedMasterSecret_RefusesServerWithout()
        {
            BcServerOptions serverOptions = PskServer(BcCipherSuites.PskWithAes128Ccm8);
            serverOptions.RequireExtendedMasterSecret = false;
            serverOptions.OfferExtendedMasterSecret = false;
            using var server = new BcDtlsServer(serverOptions);
            using var client = new BcDtlsClient(server.Port, PskClient(BcCipherSuites.PskWithAes128Ccm8));

            Assert.False(client.TryConnect());
            log.WriteLine(client.Describe());
            Assert.Contains(client.Observations.Alerts, a => a.StartsWith("sent fatal(2) handshake_failure(40)"));
        }

        [Fact]
        public void Dtls_ServerLifetimeEndsAnIdleServer()
        {
            BcServerOptions options = PskServer(BcCipherSuites.PskWithAes128Ccm8);
            options.LifetimeMs = 300;
            var watch = Stopwatch.StartNew();
            using var server = new BcDtlsServer(options);

            Assert.True(server.WaitForExit(StepMs));
            Assert.InRange(watch.ElapsedMilliseconds, 250, StepMs);
            Assert.Contains("lifetime", server.Error);
        }

        // ---- DTLS against OpenSSL ----

        [Fact]
        public void Dtls_BcClient_OpenSslServer_PskCcm8()
        {
            using PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, PskKeyHex = PskHex, PskIdentity = PskIdentity,
                Cipher = "PSK-AES128-CCM8", NAccept = 1, Lifetime = TimeSpan.FromSeconds(20),
            });
            using var client = new BcDtlsClient(server.Port, PskClient(BcCipherSuites.PskWithAes128Ccm8));
            Assert.True(client.TryConnect(), client.Describe() + "\n" + server.Describe());

            client.Send(Encoding.ASCII.GetBytes("ping from bouncycastle\n"));
            Assert.True(server.WaitForOutput("ping from bouncycastle", Step), server.Describe());
            server.WriteLine("pong from openssl");
            Assert.Equal("pong from openssl\n", Encoding.ASCII.GetString(client.Receive(StepMs) ?? new byte[0]));
            Assert.Equal(BcCipherSuites.PskWithAes128Ccm8, client.NegotiatedCipherSuite);
            Assert.True(client.Observations.ExtendedMasterSecret, client.Describe());
            Assert.True(client.Observations.PeerSentRenegotiationInfoExtension, client.Describe());
        }

        [Fact]
        public void Dtls_OpenSslClient_BcServer_EcdsaGcm()
        {
            using var server = new BcDtlsServer(CertServer(pki.EcdsaServer, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256));
            using PeerProcess client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = server.Port, CaFile = pki.EcdsaRoot.CertificatePemPath,
                VerifyHostname = TestPki.ServerDnsName, ServerName = TestPki.ServerDnsName,
                Cipher = "ECDHE-ECDSA-AES128-GCM-SHA256", Lifetime = TimeSpan.FromSeconds(20),
            });

            Assert.True(server.WaitForHandshake(StepMs), server.Describe() + "\n" + client.Describe());
            client.WriteLine("echo me");
            Assert.True(client.WaitForOutput("echo me", Step), client.Describe() + "\n" + server.Describe());
            Assert.Equal(BcCipherSuites.EcdheEcdsaWithAes128GcmSha256, server.NegotiatedCipherSuite);
            Assert.True(server.Observations.ExtendedMasterSecret, server.Describe());
            Assert.Equal(1, server.HelloVerifyRequestsSent);
        }

        // ---- TLS ----

        [Theory]
        [InlineData(BcCipherSuites.TlsAes128GcmSha256)]
        [InlineData(BcCipherSuites.TlsAes256GcmSha384)]
        [InlineData(BcCipherSuites.TlsChaCha20Poly1305Sha256)]
        [InlineData(BcCipherSuites.TlsAes128CcmSha256)]
        public void Tls13_Ecdsa_VerifiedServer_Echoes(int suite)
        {
            BcServerOptions serverOptions = CertServer(pki.EcdsaServer, suite);
            serverOptions.ProtocolVersions = ProtocolVersion.TLSv13.Only();
            using var server = new BcTlsServer(serverOptions);
            using BcTlsClient client = BcTlsClient.Connect(server.Port, VerifyingClient(pki.EcdsaRoot, suite));

            AssertEchoes(client, server);
            Assert.Equal(ProtocolVersion.TLSv13, client.NegotiatedVersion);
            Assert.Equal(suite, client.NegotiatedCipherSuite);
            Assert.Equal(pki.EcdsaServer.CertificateDer, client.PeerCertificate);
        }

        [Fact]
        public void Tls13_Rsa_MutualAuthentication()
        {
            BcServerOptions serverOptions = CertServer(pki.RsaServer, BcCipherSuites.TlsAes128GcmSha256)
                .WithClientCertificate(BcClientCertificateMode.Required, pki.EcdsaRoot.CertificateDer);
            using var server = new BcTlsServer(serverOptions);
            BcClientOptions clientOptions = VerifyingClient(pki.RsaRoot, BcCipherSuites.TlsAes128GcmSha256)
                .WithCertificate(pki.EcdsaClient.CertificateDer, pki.EcdsaClient.PrivateKeyDer);
            using BcTlsClient client = BcTlsClient.Connect(server.Port, clientOptions);

            AssertEchoes(client, server);
            Assert.Equal(ProtocolVersion.TLSv13, server.NegotiatedVersion);
            Assert.Equal(pki.EcdsaClient.CertificateDer, server.PeerCertificate);
        }

        [Fact]
        public void Tls13_ExternalPsk()
        {
            using var server = new BcTlsServer(PskServer(BcCipherSuites.TlsAes128GcmSha256));
            using BcTlsClient client = BcTlsClient.Connect(server.Port, PskClient(BcCipherSuites.TlsAes128GcmSha256));

            AssertEchoes(client, server);
            Assert.Equal(ProtocolVersion.TLSv13, client.NegotiatedVersion);
        }

        [Theory]
        [InlineData(BcCipherSuites.EcdheRsaWithAes128GcmSha256, true)]
        [InlineData(BcCipherSuites.EcdheEcdsaWithAes128Ccm8, false)]
        public void Tls12_Certificate_MutualAuthentication(int suite, bool rsa)
        {
            PkiCredential serverCredential = rsa ? pki.RsaServer : pki.EcdsaServer;
            PkiCredential root = rsa ? pki.RsaRoot : pki.EcdsaRoot;
            PkiCredential clientCredential = rsa ? pki.RsaClient : pki.EcdsaClient;
            BcServerOptions serverOptions = CertServer(serverCredential, suite)
                .WithClientCertificate(BcClientCertificateMode.Required, root.CertificateDer);
            BcClientOptions clientOptions = VerifyingClient(root, suite)
                .WithCertificate(clientCredential.CertificateDer, clientCredential.PrivateKeyDer);
            clientOptions.ProtocolVersions = ProtocolVersion.TLSv12.Only();
            using var server = new BcTlsServer(serverOptions);
            using BcTlsClient client = BcTlsClient.Connect(server.Port, clientOptions);

            AssertEchoes(client, server);
            Assert.Equal(ProtocolVersion.TLSv12, client.NegotiatedVersion);
            Assert.Equal(suite, server.NegotiatedCipherSuite);
            Assert.Equal(clientCredential.CertificateDer, server.PeerCertificate);
            AssertSecureDefaults(client.Observations, server.Observations);
        }

        [Fact]
        public void Tls12_Psk_CloseNotifyEndsTheServer()
        {
            using var server = new BcTlsServer(PskServer(BcCipherSuites.PskWithAes128Ccm8));
            BcClientOptions clientOptions = PskClient(BcCipherSuites.PskWithAes128Ccm8);
            clientOptions.ProtocolVersions = ProtocolVersion.TLSv12.Only();
            using BcTlsClient client = BcTlsClient.Connect(server.Port, clientOptions);
            AssertEchoes(client, server);

            client.Close();

            Assert.True(server.WaitForExit(StepMs), server.Describe());
            Assert.True(server.Observations.PeerClosed, server.Describe());
            Assert.Null(server.Error);
        }

        [Theory]
        [InlineData(PeerProtocol.Tls13, BcCipherSuites.TlsAes128GcmSha256)]
        [InlineData(PeerProtocol.Tls12, BcCipherSuites.EcdheEcdsaWithAes128GcmSha256)]
        public void Tls_BcClient_OpenSslServer(PeerProtocol protocol, int suite)
        {
            using PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = protocol, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                NAccept = 1, Lifetime = TimeSpan.FromSeconds(20),
            });
            using BcTlsClient client = BcTlsClient.Connect(server.Port, VerifyingClient(pki.EcdsaRoot, suite));

            client.Send(Encoding.ASCII.GetBytes("ping from bouncycastle\n"));
            Assert.True(server.WaitForOutput("ping from bouncycastle", Step), server.Describe());
            server.WriteLine("pong from openssl");
            Assert.Equal("pong from openssl\n", Encoding.ASCII.GetString(client.ReceiveExactly(18, StepMs) ?? new byte[0]));
            Assert.Equal(suite, client.NegotiatedCipherSuite);
        }

        [Fact]
        public void Tls13_OpenSslClient_BcServer()
        {
            using var server = new BcTlsServer(CertServer(pki.EcdsaServer, BcCipherSuites.TlsAes128GcmSha256));
            using PeerProcess client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Tls13, Port = server.Port, CaFile = pki.EcdsaRoot.CertificatePemPath,
                VerifyHostname = TestPki.ServerDnsName, ServerName = TestPki.ServerDnsName, Lifetime = TimeSpan.FromSeconds(20),
            });

            Assert.True(server.WaitForHandshake(StepMs), server.Describe() + "\n" + client.Describe());
            client.WriteLine("echo me");
            Assert.True(client.WaitForOutput("echo me", Step), client.Describe() + "\n" + server.Describe());
            Assert.Equal(ProtocolVersion.TLSv13, server.NegotiatedVersion);
        }

        // ---- helpers ----

        private static void AssertEchoes(BcDtlsClient client, BcDtlsServer server, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte[] message = Encoding.ASCII.GetBytes("datagram " + i + " " + new string('x', i * 100));
                client.Send(message);
                byte[] echoed = client.Receive(StepMs);
                Assert.True(echoed != null, "no echo for datagram " + i + ": " + server.Describe() + " / " + client.Describe());
                Assert.Equal(message, echoed);
            }
            Assert.Equal(count, server.ReceivedDatagrams.Length);
        }

        private static void AssertEchoes(BcTlsClient client, BcTlsServer server)
        {
            byte[] message = Encoding.ASCII.GetBytes("hello over tls " + new string('y', 3000));
            client.Send(message);
            byte[] echoed = client.ReceiveExactly(message.Length, StepMs);
            Assert.True(echoed != null, "no echo: " + server.Describe() + " / " + client.Describe());
            Assert.Equal(message, echoed);
            Assert.Equal(message, server.ReceivedBytes);
        }

        private static void AssertSecureDefaults(BcPeerObservations client, BcPeerObservations server)
        {
            Assert.True(client.ExtendedMasterSecret, client.Describe());
            Assert.True(server.ExtendedMasterSecret, server.Describe());
            Assert.True(client.SecureRenegotiation, client.Describe());
            Assert.True(server.SecureRenegotiation, server.Describe());
            Assert.True(client.PeerSentRenegotiationInfoExtension, "server sent no renegotiation_info: " + client.Describe());
            Assert.True(server.PeerSentExtendedMasterSecretExtension, server.Describe());
            Assert.Null(client.Error);
            Assert.Null(server.Error);
        }
    }
}
