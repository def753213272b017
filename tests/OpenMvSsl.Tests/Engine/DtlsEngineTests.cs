using System;
using System.Linq;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Engine
{
    /// <summary>Our DTLS client against our DTLS server, in memory: every suite, every authentication mode, and the failures.</summary>
    public class DtlsEngineTests
    {
        private static readonly DotNetCryptoProvider Provider = new DotNetCryptoProvider();
        private static readonly byte[] Psk = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10");

        private sealed class OneKey : IPskKeyStore
        {
            private readonly byte[] identity, key;
            public OneKey(string identity, byte[] key) { this.identity = Encoding.ASCII.GetBytes(identity); this.key = key; }
            public byte[] GetKey(byte[] id) => id.AsSpan().SequenceEqual(identity) ? key : null;
        }

        internal static EngineSettings PskClient(int suite, byte[] key = null, string identity = "device-1") => new EngineSettings
        {
            Provider = Provider, PskIdentity = Encoding.ASCII.GetBytes(identity), PskKey = key ?? Psk,
            CipherSuites = suite == 0 ? null : new[] { suite },
        };

        internal static EngineSettings PskServer() => new EngineSettings
        {
            Provider = Provider, IsServer = true, PskKeys = new OneKey("device-1", Psk), PeerAddress = new byte[] { 127, 0, 0, 1, 0x12, 0x34 },
        };

        internal static EngineSettings CertServer(TestCredentials creds, VerifyMode clientAuth = VerifyMode.CertNone) => new EngineSettings
        {
            Provider = Provider, IsServer = true, CertificateChain = new[] { creds.LeafDer },
            PrivateKey = Provider.ImportPrivateKey(creds.LeafKeyPkcs8), VerifyMode = clientAuth,
            TrustAnchors = new[] { creds.CaDer }, PeerAddress = new byte[] { 127, 0, 0, 1, 0, 1 },
        };

        internal static EngineSettings CertClient(int suite, TestCredentials trust = null, string hostname = null) => new EngineSettings
        {
            Provider = Provider, CipherSuites = suite == 0 ? null : new[] { suite },
            VerifyMode = trust == null ? VerifyMode.CertNone : VerifyMode.CertRequired,
            TrustAnchors = trust == null ? null : new[] { trust.CaDer }, ServerName = hostname,
        };

        internal static DatagramPipe Connect(EngineSettings clientSettings, EngineSettings serverSettings, int seed = 1)
        {
            var pipe = new DatagramPipe(new DtlsEngine(clientSettings), new DtlsEngine(serverSettings), seed);
            pipe.Client.Start(pipe.Now);
            pipe.Server.Start(pipe.Now);
            return pipe;
        }

        private static bool Settled(DatagramPipe p) =>
            (p.Client.IsHandshakeComplete && p.Server.IsHandshakeComplete)
            || p.Client.State == EngineState.Failed || p.Server.State == EngineState.Failed;

        private static void AssertEstablished(DatagramPipe pipe)
        {
            Assert.True(pipe.RunUntil(() => Settled(pipe)), "handshake did not settle");
            Assert.True(pipe.Client.State == EngineState.Established, "client: " + pipe.Client.Failure?.Message);
            Assert.True(pipe.Server.State == EngineState.Established, "server: " + pipe.Server.Failure?.Message);
        }

        internal static void Exchange(DatagramPipe pipe, int count = 5)
        {
            var buffer = new byte[2048];
            for (int i = 0; i < count; i++)
            {
                byte[] ping = Encoding.ASCII.GetBytes("ping " + i);
                pipe.Client.SendApplicationData(ping);
                Assert.True(pipe.RunUntil(() => pipe.Server.HasApplicationData, 1000));
                int n = pipe.Server.ReadApplicationData(buffer);
                Assert.Equal(ping, buffer.AsSpan(0, n).ToArray());
                pipe.Server.SendApplicationData(buffer.AsSpan(0, n));
                Assert.True(pipe.RunUntil(() => pipe.Client.HasApplicationData, 1000));
                n = pipe.Client.ReadApplicationData(buffer);
                Assert.Equal(ping, buffer.AsSpan(0, n).ToArray());
            }
        }

        [Theory]
        [InlineData(CipherSuites.TlsPskWithAes128Ccm8)]
        [InlineData(CipherSuites.TlsPskWithAes128GcmSha256)]
        [InlineData(CipherSuites.TlsPskWithChaCha20Poly1305Sha256)]
        public void PskSuites(int suite)
        {
            var pipe = Connect(PskClient(suite), PskServer());
            AssertEstablished(pipe);
            Assert.Equal(CipherSuites.Name(suite), pipe.Client.CipherSuiteName);
            Assert.Equal(CipherSuites.Name(suite), pipe.Server.CipherSuiteName);
            Assert.Equal("DTLSv1.2", pipe.Client.VersionName);
            Assert.Equal("device-1", Encoding.ASCII.GetString(pipe.Server.PeerPskIdentity));
            Exchange(pipe);
        }

        [Theory]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithAes128Ccm8)]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256)]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithAes256GcmSha384)]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithChaCha20Poly1305Sha256)]
        public void EcdsaSuitesWithVerification(int suite)
        {
            var creds = TestCredentials.Valid("device.test");
            var pipe = Connect(CertClient(suite, creds, "device.test"), CertServer(creds));
            AssertEstablished(pipe);
            Assert.Equal(CipherSuites.Name(suite), pipe.Client.CipherSuiteName);
            Assert.Equal(creds.LeafDer, pipe.Client.PeerCertificates[0]);
            Exchange(pipe);
        }

        [Fact]
        public void RsaServerCertificate()
        {
            var creds = TestCredentials.Valid("device.test", rsa: true);
            var pipe = Connect(CertClient(0, creds, "device.test"), CertServer(creds));
            AssertEstablished(pipe);
            Assert.Equal("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", pipe.Client.CipherSuiteName);
            Exchange(pipe, 2);
        }

        [Fact]
        public void MutualAuthentication()
        {
            var serverCreds = TestCredentials.Valid("device.test");
            var clientCreds = TestCredentials.Valid("client-7");
            var server = CertServer(serverCreds, VerifyMode.CertRequired);
            server.TrustAnchors = new[] { clientCreds.CaDer };
            var client = CertClient(0, serverCreds, "device.test");
            client.CertificateChain = new[] { clientCreds.LeafDer };
            client.PrivateKey = Provider.ImportPrivateKey(clientCreds.LeafKeyPkcs8);
            var pipe = Connect(client, server);
            AssertEstablished(pipe);
            Assert.Equal(clientCreds.LeafDer, pipe.Server.PeerCertificates[0]);
            Exchange(pipe, 2);
        }

        [Fact]
        public void ServerRequiringClientCertificateRefusesClientWithout()
        {
            var creds = TestCredentials.Valid("device.test");
            var pipe = Connect(CertClient(0, creds, "device.test"), CertServer(creds, VerifyMode.CertRequired));
            pipe.RunUntil(() => Settled(pipe) && pipe.Client.State == EngineState.Failed);
            Assert.Equal(SslError.CertificateRequired, pipe.Server.Failure?.Error);
            Assert.Equal(SslError.PeerAlert, pipe.Client.Failure?.Error);
        }

        [Fact]
        public void WrongPskFailsOnBothSidesWithClearErrors()
        {
            var pipe = Connect(PskClient(0, key: new byte[16]), PskServer());
            pipe.RunUntil(() => pipe.Client.State == EngineState.Failed && pipe.Server.State == EngineState.Failed);
            Assert.Equal(SslError.DecryptError, pipe.Server.Failure?.Error);
            Assert.Equal(SslError.PeerAlert, pipe.Client.Failure?.Error);
            Assert.Equal(AlertDescription.DecryptError, pipe.Client.Failure.Alert);
        }

        [Fact]
        public void UnknownPskIdentityIsNamed()
        {
            var pipe = Connect(PskClient(0, identity: "stranger"), PskServer());
            pipe.RunUntil(() => pipe.Client.State == EngineState.Failed && pipe.Server.State == EngineState.Failed);
            Assert.Equal(SslError.UnknownPskIdentity, pipe.Server.Failure?.Error);
            Assert.Equal(AlertDescription.UnknownPskIdentity, pipe.Client.Failure?.Alert);
        }

        [Fact]
        public void UntrustedHostnameMismatchAndExpiredCertificates()
        {
            var creds = TestCredentials.Valid("device.test");
            var other = TestCredentials.EcdsaSignedBy("Other CA", "device.test", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var pipe = Connect(CertClient(0, other, "device.test"), CertServer(creds));
            pipe.RunUntil(() => Settled(pipe) && pipe.Server.State == EngineState.Failed);
            Assert.Equal(SslError.CertificateUntrusted, pipe.Client.Failure?.Error);
            Assert.Contains("Test CA", pipe.Client.Failure.Message);
            Assert.Equal(AlertDescription.UnknownCa, pipe.Server.Failure?.Alert);

            pipe = Connect(CertClient(0, creds, "other.test"), CertServer(creds));
            pipe.RunUntil(() => Settled(pipe));
            Assert.Equal(SslError.CertificateHostnameMismatch, pipe.Client.Failure?.Error);
            Assert.Contains("other.test", pipe.Client.Failure.Message);
            Assert.Contains("device.test", pipe.Client.Failure.Message);

            var expired = TestCredentials.EcdsaSignedBy("Test CA", "device.test", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
            pipe = Connect(CertClient(0, expired, "device.test"), CertServer(expired));
            pipe.RunUntil(() => Settled(pipe));
            Assert.Equal(SslError.CertificateExpired, pipe.Client.Failure?.Error);
            Assert.Contains("device clock", pipe.Client.Failure.Message);
        }

        [Fact]
        public void CookieExchangeHappensAndServerKeepsNoStateBeforeIt()
        {
            var pipe = Connect(PskClient(0), PskServer());
            int helloVerifyRequests = 0;
            pipe.Tap = (toServer, d) => { if (!toServer && d[0] == 22 && d[13] == 3) helloVerifyRequests++; };
            AssertEstablished(pipe);
            Assert.Equal(1, helloVerifyRequests);
            // The cookie round trip costs no flight (on the virtual clock no timer fires unless something is lost).
            Assert.Equal(0, pipe.Client.Retransmissions);
            Assert.Equal(0, pipe.Server.Retransmissions);
        }

        [Fact]
        public void LossyNetworkStillCompletesAndDeliversIntactRecords()
        {
            for (int seed = 1; seed <= 10; seed++)
            {
                var creds = TestCredentials.Valid("device.test");
                var client = CertClient(CipherSuites.TlsEcdheEcdsaWithAes128Ccm8, creds, "device.test");
                client.Mtu = 400; // forces fragmented certificate messages
                var server = CertServer(creds);
                server.Mtu = 400;
                var pipe = Connect(client, server, seed);
                pipe.LossRate = 0.3; pipe.DuplicateRate = 0.3; pipe.ReorderRate = 0.3;
                Assert.True(pipe.RunUntil(() => Settled(pipe), 20_000), "seed " + seed + " did not settle");
                Assert.True(pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete,
                    "seed " + seed + ": client " + pipe.Client.Failure?.Message + " / server " + pipe.Server.Failure?.Message);
            }
        }

        [Fact]
        public void LossyNetworkDeliversEveryRecordIntactAtMostOnce()
        {
            var pipe = Connect(PskClient(CipherSuites.TlsPskWithAes128Ccm8), PskServer(), seed: 42);
            pipe.LossRate = 0.3; pipe.DuplicateRate = 0.3; pipe.ReorderRate = 0.3;
            Assert.True(pipe.RunUntil(() => Settled(pipe), 20_000));
            Assert.True(pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete);
            Assert.True(pipe.DatagramsSent < 200, "handshake took " + pipe.DatagramsSent + " datagrams");

            var seen = new System.Collections.Generic.HashSet<int>();
            var buffer = new byte[2048];
            for (int i = 0; i < 500; i++)
            {
                var record = new byte[100];
                BitConverter.GetBytes(i).CopyTo(record, 0);
                for (int k = 4; k < record.Length; k++) record[k] = (byte)(i * 7 + k);
                pipe.Client.SendApplicationData(record);
                pipe.RunUntil(() => false, 50);
                while (pipe.Server.HasApplicationData)
                {
                    int n = pipe.Server.ReadApplicationData(buffer);
                    Assert.Equal(100, n);
                    int id = BitConverter.ToInt32(buffer, 0);
                    for (int k = 4; k < n; k++) Assert.Equal((byte)(id * 7 + k), buffer[k]);
                    Assert.True(seen.Add(id), "record " + id + " delivered twice");
                }
            }
            // About 70% arrive; duplicates never count twice.
            Assert.InRange(seen.Count, 250, 450);
        }

        [Fact]
        public void ReplayedDatagramIsNeverDeliveredTwice()
        {
            var pipe = Connect(PskClient(0), PskServer());
            AssertEstablished(pipe);
            byte[] captured = null;
            pipe.Tap = (toServer, d) => { if (toServer && d[0] == 23) captured ??= d; };
            pipe.Client.SendApplicationData(Encoding.ASCII.GetBytes("once"));
            Assert.True(pipe.RunUntil(() => pipe.Server.HasApplicationData, 100));
            Assert.Equal(4, pipe.Server.ReadApplicationData(new byte[100]));
            for (int i = 0; i < 3; i++) pipe.Server.ProcessDatagram((byte[])captured.Clone(), pipe.Now);
            Assert.False(pipe.Server.HasApplicationData);
            Assert.Equal(3, pipe.Server.DroppedRecords);
        }

        [Fact]
        public void LargestRecordsArriveAndAFullQueueDropsCountably()
        {
            var client = PskClient(0);
            client.Mtu = 16384 + 64;
            var server = PskServer();
            server.Mtu = 16384 + 64;
            var pipe = Connect(client, server);
            AssertEstablished(pipe);
            var big = new byte[pipe.Client.MaxApplicationDataLength];
            new Random(3).NextBytes(big);
            Assert.True(big.Length > 16000);
            var buffer = new byte[20000];
            for (int i = 0; i < 3; i++)
            {
                pipe.Client.SendApplicationData(big);
                pipe.RunUntil(() => false, 10);
            }
            // Unread, the queue holds what fits; the rest is dropped and counted, never lost silently.
            int delivered = 0;
            while (pipe.Server.HasApplicationData)
            {
                Assert.Equal(big.Length, pipe.Server.ReadApplicationData(buffer));
                Assert.Equal(big, buffer.AsSpan(0, big.Length).ToArray());
                delivered++;
            }
            Assert.True(delivered >= 1);
            Assert.Equal(3 - delivered, pipe.Server.DroppedRecords);
        }

        [Fact]
        public void ClientGivesUpWhenNobodyAnswers()
        {
            var engine = new DtlsEngine(PskClient(0));
            engine.Start(0);
            var buffer = new byte[2048];
            long now = 0;
            for (int i = 0; i < 100 && engine.State != EngineState.Failed; i++)
            {
                while (engine.HasOutgoingDatagram) engine.TakeOutgoingDatagram(buffer);
                now = engine.NextTimerMs;
                engine.HandleTimer(now);
            }
            Assert.Equal(SslError.HandshakeTimeout, engine.Failure?.Error);
            Assert.Equal(1000 + 2000 + 4000 + 8000 + 16000 + 32000 + 60000 + 60000 + 60000, now); // doubling, 60 s cap, 8 resends
        }
    }
}
