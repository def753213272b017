using System;
using System.Text;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using Xunit;

namespace OpenMvSsl.Tests.Engine
{
    /// <summary>Our TLS client against our TLS server through an in-memory byte pipe.</summary>
    public class TlsEngineTests
    {
        internal static bool Pump(TlsEngine a, TlsEngine b, Func<bool> done, int chunk = 4096, int maxSteps = 10_000)
        {
            var buffer = new byte[chunk];
            for (int i = 0; i < maxSteps && !done(); i++)
            {
                bool moved = Move(a, b, buffer) | Move(b, a, buffer);
                if (!moved) break;
            }
            return done();
        }

        private static bool Move(TlsEngine from, TlsEngine to, byte[] buffer)
        {
            bool moved = false;
            while (from.HasOutgoing && to.InputSpace > 0)
            {
                int n = from.TakeOutgoing(buffer.AsSpan(0, Math.Min(buffer.Length, to.InputSpace)));
                to.Feed(buffer.AsSpan(0, n));
                moved = true;
            }
            return moved;
        }

        private static (TlsEngine client, TlsEngine server) Connect(EngineSettings client, EngineSettings server, int chunk = 4096)
        {
            var c = new TlsEngine(client);
            var s = new TlsEngine(server);
            c.Start();
            s.Start();
            Pump(c, s, () => (c.IsHandshakeComplete && s.IsHandshakeComplete) || c.State == EngineState.Failed || s.State == EngineState.Failed, chunk);
            return (c, s);
        }

        [Theory]
        [InlineData(CipherSuites.TlsPskWithAes128GcmSha256, 4096)]
        [InlineData(CipherSuites.TlsPskWithAes128Ccm8, 1)]
        [InlineData(CipherSuites.TlsPskWithChaCha20Poly1305Sha256, 7)]
        public void PskHandshakeAndData(int suite, int chunk)
        {
            var (c, s) = Connect(DtlsEngineTests.PskClient(suite), DtlsEngineTests.PskServer(), chunk);
            Assert.True(c.IsHandshakeComplete, c.Failure?.Message);
            Assert.True(s.IsHandshakeComplete, s.Failure?.Message);
            Assert.Equal("TLSv1.2", c.VersionName);
            Assert.Equal(CipherSuites.Name(suite), s.CipherSuiteName);

            byte[] big = new byte[50_000];
            new Random(1).NextBytes(big);
            c.Write(big);
            var received = new byte[big.Length];
            int got = 0;
            var buffer = new byte[1000];
            Pump(c, s, () =>
            {
                int n;
                while ((n = s.Read(buffer)) > 0) { Array.Copy(buffer, 0, received, got, n); got += n; }
                return got == big.Length;
            }, chunk, 1_000_000);
            Assert.Equal(big, received);
        }

        [Fact]
        public void EcdsaWithVerificationAndCloseNotify()
        {
            var creds = TestCredentials.Valid("device.test");
            var (c, s) = Connect(DtlsEngineTests.CertClient(0, creds, "device.test"), DtlsEngineTests.CertServer(creds));
            Assert.True(c.IsHandshakeComplete && s.IsHandshakeComplete, c.Failure?.Message + s.Failure?.Message);
            s.Write(Encoding.ASCII.GetBytes("hello"));
            s.Close();
            var buffer = new byte[100];
            Pump(c, s, () => c.HasApplicationData);
            Assert.Equal(5, c.Read(buffer));
            Pump(c, s, () => c.PeerClosed);
            Assert.Equal(0, c.Read(buffer));
        }

        [Fact]
        public void TruncationIsReportedNotTakenForAnEnd()
        {
            var (c, s) = Connect(DtlsEngineTests.PskClient(0), DtlsEngineTests.PskServer());
            c.TransportClosed();
            Assert.Equal(SslError.Truncated, c.Failure?.Error);
        }
    
        [Theory]
        [InlineData(CipherSuites.TlsAes128GcmSha256, false)]
        [InlineData(CipherSuites.TlsAes256GcmSha384, false)]
        [InlineData(CipherSuites.TlsChaCha20Poly1305Sha256, false)]
        [InlineData(CipherSuites.TlsAes128GcmSha256, true)]
        [InlineData(CipherSuites.TlsAes128CcmSha256, false)]
        public void Tls13HandshakeAndData(int suite, bool rsa)
        {
            var creds = TestCredentials.Valid("device.test", rsa);
            var client = DtlsEngineTests.CertClient(suite, creds, "device.test");
            var (c, s) = Connect(client, DtlsEngineTests.CertServer(creds));
            Assert.True(c.IsHandshakeComplete && s.IsHandshakeComplete, c.Failure?.Message + " / " + s.Failure?.Message);
            Assert.Equal("TLSv1.3", c.VersionName);
            Assert.Equal("TLSv1.3", s.VersionName);
            Assert.Equal(CipherSuites.Name(suite), c.CipherSuiteName);
            c.Write(Encoding.ASCII.GetBytes("over 1.3"));
            var buffer = new byte[100];
            Assert.True(Pump(c, s, () => s.HasApplicationData));
            Assert.Equal(8, s.Read(buffer));
            c.UpdateKeys(requestPeerUpdate: true);
            c.Write(Encoding.ASCII.GetBytes("after key update"));
            Assert.True(Pump(c, s, () => s.HasApplicationData));
            Assert.Equal(16, s.Read(buffer));
            s.Write(Encoding.ASCII.GetBytes("reply"));
            Assert.True(Pump(c, s, () => c.HasApplicationData));
            Assert.Equal(5, c.Read(buffer));
        }

        [Fact]
        public void Tls13HelloRetryRequestAndMutualAuthentication()
        {
            var serverCreds = TestCredentials.Valid("device.test");
            var clientCreds = TestCredentials.Valid("client-1");
            var client = DtlsEngineTests.CertClient(0, serverCreds, "device.test");
            client.KeyShareGroups = new[] { OpenMvSsl.Crypto.NamedGroup.Secp384r1 }; // the server prefers secp256r1: HelloRetryRequest
            client.CertificateChain = new[] { clientCreds.LeafDer };
            client.PrivateKey = new OpenMvSsl.Host.DotNetCryptoProvider().ImportPrivateKey(clientCreds.LeafKeyPkcs8);
            var server = DtlsEngineTests.CertServer(serverCreds, VerifyMode.CertRequired);
            server.TrustAnchors = new[] { clientCreds.CaDer };
            var (c, s) = Connect(client, server);
            Assert.True(c.IsHandshakeComplete && s.IsHandshakeComplete, c.Failure?.Message + " / " + s.Failure?.Message);
            Assert.Equal("TLSv1.3", c.VersionName);
            Assert.Equal(clientCreds.LeafDer, s.PeerCertificates[0]);
        }

        [Fact]
        public void Tls12OnlyServerMeansTls12AndNoFalseDowngradeAlarm()
        {
            var creds = TestCredentials.Valid("device.test");
            var server = DtlsEngineTests.CertServer(creds);
            server.MaxVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
            var (c, s) = Connect(DtlsEngineTests.CertClient(0, creds, "device.test"), server);
            Assert.True(c.IsHandshakeComplete && s.IsHandshakeComplete, c.Failure?.Message + " / " + s.Failure?.Message);
            Assert.Equal("TLSv1.2", c.VersionName);
        }

        [Fact]
        public void DowngradeSentinelIsDetected()
        {
            // A TLS 1.3-capable server forced to 1.2 by a client that hides 1.3 marks its random;
            // a client that did offer 1.3 and sees the mark refuses.
            var creds = TestCredentials.Valid("device.test");
            var honestClient = DtlsEngineTests.CertClient(0, creds, "device.test");
            honestClient.MaxVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
            var (c, s) = Connect(honestClient, DtlsEngineTests.CertServer(creds));
            Assert.True(c.IsHandshakeComplete, c.Failure?.Message);
            Assert.Equal("TLSv1.2", s.VersionName);
        }

        [Theory]
        [InlineData(CipherSuites.TlsEcdheRsaWithAes128GcmSha256, false)]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, true)]
        public void ServerWithEcdsaAndRsaCertificatesPicksTheOneTheSuiteNeeds(int suite, bool expectEcdsa)
        {
            var ecdsa = TestCredentials.Valid("device.test");
            var rsa = TestCredentials.Valid("device.test", rsa: true);
            var provider = new OpenMvSsl.Host.DotNetCryptoProvider();
            var server = DtlsEngineTests.CertServer(ecdsa);
            server.AlternateCertificateChain = new[] { rsa.LeafDer };
            server.AlternatePrivateKey = provider.ImportPrivateKey(rsa.LeafKeyPkcs8);
            var client = DtlsEngineTests.CertClient(suite);
            client.MaxVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
            var (c, s) = Connect(client, server);
            Assert.True(c.IsHandshakeComplete, c.Failure?.Message + " / " + s.Failure?.Message);
            Assert.Equal(expectEcdsa ? ecdsa.LeafDer : rsa.LeafDer, c.PeerCertificates[0]);
        }

        [Fact]
        public void AnEndlessStreamOfEmptyRecordsIsCutOff()
        {
            // Our engine never sends empty records, so the client's own record layer (reached by
            // reflection) plays the misbehaving peer: 32 in a row are tolerated, the 33rd is not.
            var creds = TestCredentials.Valid("device.test");
            var (c, s) = Connect(DtlsEngineTests.CertClient(0, creds, "device.test"), DtlsEngineTests.CertServer(creds));
            Assert.True(c.IsHandshakeComplete && s.IsHandshakeComplete);
            var records = (OpenMvSsl.Record.TlsRecordLayer)typeof(TlsEngine)
                .GetField("records", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).GetValue(c);
            var wire = new byte[64];
            for (int i = 0; i < 32; i++)
            {
                int n = records.WriteRecord(OpenMvSsl.Record.ContentType.ApplicationData, Span<byte>.Empty, wire);
                s.Feed(wire.AsSpan(0, n));
            }
            Assert.Equal(EngineState.Established, s.State);
            int last = records.WriteRecord(OpenMvSsl.Record.ContentType.ApplicationData, Span<byte>.Empty, wire);
            s.Feed(wire.AsSpan(0, last));
            Assert.Equal(EngineState.Failed, s.State);
            Assert.Equal(SslError.UnexpectedMessage, s.Failure.Error);
        }
    }
}
