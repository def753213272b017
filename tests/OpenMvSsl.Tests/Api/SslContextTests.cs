using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>SslContext: cipher names, credentials, PSK conveniences and the per-connection settings it builds.</summary>
    public class SslContextTests
    {
        private static SslContext Client() => new SslContext(SslProtocol.DtlsClient) { Provider = new DotNetCryptoProvider() };
        private static SslContext Server() => new SslContext(SslProtocol.DtlsServer) { Provider = new DotNetCryptoProvider() };

        private static SslException Throws(SslError expected, Action action)
        {
            var e = Assert.Throws<SslException>(action);
            Assert.Equal(expected, e.Error);
            return e;
        }

        private static (byte[] Cert, byte[] Key) EcCertificate(string name = "device.test")
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var cert = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            return (Encoding.ASCII.GetBytes(cert.ExportCertificatePem()), Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        }

        // ---- defaults ---------------------------------------------------------------------

        [Fact]
        public void DefaultsFollowMicroPython()
        {
            var context = new SslContext(SslProtocol.DtlsClient);
            Assert.Equal(VerifyMode.CertNone, context.VerifyMode);
            Assert.True(context.CookiesRequired);
            Assert.Equal(1400, context.Mtu);
            Assert.False(context.IsServer);
            Assert.True(context.IsDatagram);
            Assert.True(new SslContext(SslProtocol.DtlsServer).IsServer);
            Assert.False(new SslContext(SslProtocol.TlsClient).IsDatagram);
            Throws(SslError.InvalidArgument, () => new SslContext((SslProtocol)7));
        }

        [Fact]
        public void TheDesktopProviderIsFoundWithoutBeingSet()
        {
            Assert.IsType<DotNetCryptoProvider>(CryptoProviders.Default);
            Assert.IsType<DotNetCryptoProvider>(new SslContext(SslProtocol.DtlsClient).Provider);
        }

        [Fact]
        public void NoProviderIsAClearError()
        {
            var context = new SslContext(SslProtocol.DtlsClient) { Provider = null };
            var (cert, key) = EcCertificate();
            Assert.Contains("CryptoProviders.Default", Throws(SslError.InvalidState, () => context.LoadCertChain(cert, key)).Message);
            Assert.Contains("no crypto provider", Throws(SslError.InvalidState, () => context.CreateEngineSettings(false, null, null)).Message);
        }

        // ---- cipher suites ----------------------------------------------------------------

        [Fact]
        public void GetCiphersListsDtlsSuitesByIanaNameWithoutTls13()
        {
            string[] names = Client().GetCiphers();
            Assert.Contains("TLS_PSK_WITH_AES_128_CCM_8", names);
            Assert.Contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", names);
            Assert.DoesNotContain("TLS_AES_128_GCM_SHA256", names);
            Assert.All(names, n => Assert.StartsWith("TLS_", n));
            Assert.Contains("TLS_AES_128_GCM_SHA256", new SslContext(SslProtocol.TlsClient).GetCiphers());
        }

        [Theory]
        [InlineData("TLS_PSK_WITH_AES_128_CCM_8:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")]
        [InlineData("PSK-AES128-CCM8,ECDHE-ECDSA-AES128-GCM-SHA256")]
        [InlineData(" tls-psk-with-aes-128-ccm-8 , ECDHE-ECDSA-AES128-GCM-SHA256 ,")]
        [InlineData("TLS_PSK_WITH_AES_128_CCM_8:PSK-AES128-CCM8:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")]
        public void SetCiphersTakesIanaOpenSslAndMbedTlsNamesInOrder(string names)
        {
            var context = Client();
            context.SetCiphers(names);
            Assert.Equal(new[] { "TLS_PSK_WITH_AES_128_CCM_8", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" }, context.GetCiphers());
            Assert.Equal(new[] { 0xC0A8, 0xC02B }, context.CreateEngineSettings(false, null, null).CipherSuites);
        }

        [Fact]
        public void SetCiphersTakesAList()
        {
            var context = Client();
            context.SetCiphers(new[] { "TLS_PSK_WITH_AES_128_GCM_SHA256" });
            Assert.Equal(new[] { "TLS_PSK_WITH_AES_128_GCM_SHA256" }, context.GetCiphers());
        }

        [Fact]
        public void AnUnknownNameIsNamed()
        {
            var context = Client();
            var e = Throws(SslError.InvalidArgument, () => context.SetCiphers("TLS_PSK_WITH_AES_128_CCM_8:TLS_MADE_UP_SUITE"));
            Assert.Contains("TLS_MADE_UP_SUITE", e.Message);
            Assert.Null(context.CreateEngineSettings(false, null, null).CipherSuites);
        }

        [Theory]
        [InlineData("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")]
        [InlineData("ECDHE-ECDSA-AES128-SHA256")]
        [InlineData("PSK-AES128-CBC-SHA")]
        [InlineData("AES256-SHA")]
        public void CbcNamesAreRefusedSayingOnlyAeadExists(string name)
        {
            var e = Throws(SslError.InvalidArgument, () => Client().SetCiphers(name));
            Assert.Contains(name, e.Message);
            Assert.Contains("AEAD", e.Message);
        }

        [Fact]
        public void Tls13SuitesAreRefusedForDtlsAndEmptyListsToo()
        {
            Assert.Contains("TLS 1.3", Throws(SslError.InvalidArgument, () => Client().SetCiphers("TLS_AES_128_GCM_SHA256")).Message);
            Throws(SslError.InvalidArgument, () => Client().SetCiphers(" , :"));
            Throws(SslError.InvalidArgument, () => Client().SetCiphers((string)null));
        }

        // ---- certificates -----------------------------------------------------------------

        [Fact]
        public void LoadCertChainTakesPemOrDerAndOpenSslKeys()
        {
            var context = Server();
            context.LoadCertChain(OpenSslPem.Bytes(OpenSslPem.Certificate), OpenSslPem.Bytes(OpenSslPem.EcKeyWithParameters));
            Assert.True(context.HasCertificate);

            var (certPem, keyPem) = EcCertificate();
            byte[] certDer = Util.Pem.DecodeCertificates(certPem, "cert")[0];
            byte[] keyDer = Util.Pem.DecodePrivateKey(keyPem, "key");
            context.LoadCertChain(certDer, keyDer);
            var settings = context.CreateEngineSettings(true, null, null);
            Assert.Equal(certDer, settings.CertificateChain[0]);
            Assert.NotNull(settings.PrivateKey);
        }

        [Fact]
        public void AKeyOfAnotherCertificateIsCaught()
        {
            var (cert, _) = EcCertificate();
            var (_, otherKey) = EcCertificate();
            var e = Throws(SslError.BadKeyOrCertificate, () => Server().LoadCertChain(cert, otherKey));
            Assert.Contains("does not belong", e.Message);

            using var rsa = RSA.Create(2048);
            byte[] rsaKey = Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem());
            Assert.Contains("RSA", Throws(SslError.BadKeyOrCertificate, () => Server().LoadCertChain(cert, rsaKey)).Message);
        }

        [Fact]
        public void BadCertificateInputSaysWhatWasWrong()
        {
            var (cert, key) = EcCertificate();
            Assert.Contains("swapped", Throws(SslError.BadKeyOrCertificate, () => Server().LoadCertChain(key, cert)).Message);
            Assert.Contains("cert is missing", Throws(SslError.BadKeyOrCertificate, () => Server().LoadCertChain(null, key)).Message);
            Assert.Contains("key", Throws(SslError.BadKeyOrCertificate, () => Server().LoadCertChain(cert, new byte[] { 0x30, 0x03, 2, 1, 0 })).Message);
            Assert.False(Server().HasCertificate);
        }

        [Fact]
        public void LoadVerifyLocationsAddsUpAcrossCalls()
        {
            var context = Client();
            var (a, _) = EcCertificate("a");
            var (b, _) = EcCertificate("b");
            context.LoadVerifyLocations(a);
            Assert.Equal(1, context.TrustedCertificateCount);
            byte[] both = new byte[a.Length + b.Length];
            a.CopyTo(both, 0);
            b.CopyTo(both, a.Length);
            context.LoadVerifyLocations(both);
            context.LoadVerifyLocations(Util.Pem.DecodeCertificates(b, "b")[0]);
            Assert.Equal(4, context.TrustedCertificateCount);
            Assert.Equal(4, context.CreateEngineSettings(false, null, null).TrustAnchors.Length);
            Throws(SslError.BadKeyOrCertificate, () => context.LoadVerifyLocations(Encoding.ASCII.GetBytes("not a certificate")));
        }

        // ---- PSK --------------------------------------------------------------------------

        [Fact]
        public void PskConveniencesAndTheKeyTable()
        {
            var context = Client();
            context.SetPskIdentity("device-1");
            context.SetPskKey("00112233 44:55");
            Assert.Equal(Encoding.UTF8.GetBytes("device-1"), context.PskIdentity);
            Assert.Equal(new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 }, context.PskKey);
            Assert.Contains("hex", Throws(SslError.InvalidArgument, () => context.SetPskKey("00zz")).Message);
            Assert.Contains("odd", Throws(SslError.InvalidArgument, () => context.SetPskKey("001")).Message);
            context.SetPskIdentity("é");
            Assert.Equal(new byte[] { 0xC3, 0xA9 }, context.PskIdentity);

            var table = new PskKeyTable();
            table.Add("one", "0101");
            table.Add(Encoding.UTF8.GetBytes("two"), new byte[] { 2 });
            table.Add("one", "ffff");
            Assert.Equal(2, table.Count);
            Assert.Equal(new byte[] { 0xff, 0xff }, table.GetKey(Encoding.UTF8.GetBytes("one")));
            Assert.Null(table.GetKey(Encoding.UTF8.GetBytes("three")));
            Assert.True(table.Remove(Encoding.UTF8.GetBytes("two")));
            Assert.Null(table.GetKey(Encoding.UTF8.GetBytes("two")));
            Throws(SslError.InvalidArgument, () => table.Add(new byte[0], new byte[] { 1 }));
        }

        // ---- per-connection settings --------------------------------------------------------

        [Fact]
        public void EngineSettingsCarryTheContext()
        {
            var context = Client();
            context.SetPskIdentity("id");
            context.SetPskKey("0102");
            context.Mtu = 1200;
            context.RetransmitInitialMs = 250;
            context.RetransmitMaxMs = 4000;
            context.MaxRetransmissions = 5;
            var settings = context.CreateEngineSettings(false, "host.test", null);
            Assert.False(settings.IsServer);
            Assert.Equal("host.test", settings.ServerName);
            Assert.Equal(1200, settings.Mtu);
            Assert.Equal(250, settings.RetransmitInitialMs);
            Assert.Equal(4000, settings.RetransmitMaxMs);
            Assert.Equal(5, settings.MaxRetransmissions);
            Assert.Equal(new byte[] { 1, 2 }, settings.PskKey);
            Assert.False(settings.RequireCookie);
            Assert.Same(context.Provider, settings.Provider);

            var server = Server();
            server.ServerPskKeys = new PskKeyTable();
            server.CookiesRequired = false;
            var serverSettings = server.CreateEngineSettings(true, null, new byte[] { 127, 0, 0, 1, 0, 80 });
            Assert.True(serverSettings.IsServer);
            Assert.False(serverSettings.RequireCookie);
            Assert.Equal(new byte[] { 127, 0, 0, 1, 0, 80 }, serverSettings.PeerAddress);
            Assert.Null(serverSettings.ServerName);
        }

        [Fact]
        public void ConnectionSettingsAreCheckedBeforeAnyEngineExists()
        {
            Assert.Contains("serverHostname", Throws(SslError.InvalidArgument, () =>
            {
                var c = Client();
                c.VerifyMode = VerifyMode.CertRequired;
                c.LoadVerifyLocations(EcCertificate().Cert);
                c.CreateEngineSettings(false, null, null);
            }).Message);
            Assert.Contains("LoadVerifyLocations", Throws(SslError.InvalidArgument, () =>
            {
                var c = Client();
                c.VerifyMode = VerifyMode.CertRequired;
                c.CreateEngineSettings(false, "host", null);
            }).Message);
            Assert.Contains("PskKey", Throws(SslError.InvalidArgument, () =>
            {
                var c = Client();
                c.SetPskIdentity("id");
                c.CreateEngineSettings(false, null, null);
            }).Message);
            Assert.Contains("LoadCertChain", Throws(SslError.InvalidArgument, () => Server().CreateEngineSettings(true, null, null)).Message);
            Assert.Contains("DtlsServer", Throws(SslError.InvalidArgument, () => Client().CreateEngineSettings(true, null, null)).Message);
            Assert.Contains("serverSide", Throws(SslError.InvalidArgument, () => Server().CreateEngineSettings(false, null, null)).Message);
        }

        [Fact]
        public void OutOfRangeSettingsAreRefused()
        {
            var context = Client();
            Throws(SslError.InvalidArgument, () => context.Mtu = 100);
            Throws(SslError.InvalidArgument, () => context.RetransmitInitialMs = 0);
            Throws(SslError.InvalidArgument, () => context.RetransmitMaxMs = -1);
            Throws(SslError.InvalidArgument, () => context.MaxRetransmissions = -1);
            Throws(SslError.InvalidArgument, () => context.ReceiveBufferSize = 10);
            Throws(SslError.InvalidArgument, () => context.VerifyMode = (VerifyMode)9);
        }
    }
}
