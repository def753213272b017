using System;
using System.Security.Authentication;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>
    /// Our TLS 1.3 engine (and its fallback to TLS 1.2) against OpenSSL 3.0, GnuTLS 3.7 and .NET
    /// SslStream over TCP on 127.0.0.1, both roles: every suite, both key types, mutual TLS,
    /// HelloRetryRequest both ways, KeyUpdate both ways, ALPN, certificate choice by signature
    /// algorithm and the downgrade to a TLS 1.2-only server.
    /// </summary>
    public class Tls13InteropTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public Tls13InteropTests(TestPki pki) => this.pki = pki;

        public static TheoryData<string, int, bool> Suites => new()
        {
            { "TLS_AES_128_GCM_SHA256", CipherSuites.TlsAes128GcmSha256, false },
            { "TLS_AES_256_GCM_SHA384", CipherSuites.TlsAes256GcmSha384, false },
            { "TLS_CHACHA20_POLY1305_SHA256", CipherSuites.TlsChaCha20Poly1305Sha256, false },
            { "TLS_AES_128_CCM_SHA256", CipherSuites.TlsAes128CcmSha256, false },
            { "TLS_AES_128_GCM_SHA256", CipherSuites.TlsAes128GcmSha256, true },
            { "TLS_AES_256_GCM_SHA384", CipherSuites.TlsAes256GcmSha384, true },
            { "TLS_CHACHA20_POLY1305_SHA256", CipherSuites.TlsChaCha20Poly1305Sha256, true },
            { "TLS_AES_128_CCM_SHA256", CipherSuites.TlsAes128CcmSha256, true },
        };

        private OpenSslServerOptions Tls13Server(PkiCredential credential, OpenSslServerMode mode = OpenSslServerMode.Reverse) => new()
        {
            Protocol = PeerProtocol.Tls13, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath,
            Mode = mode, NAccept = 1, Lifetime = TimeSpan.FromSeconds(20),
        };

        private OpenSslClientOptions Tls13Client(int port) => new()
        {
            Protocol = PeerProtocol.Tls13, Port = port, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName,
            Lifetime = TimeSpan.FromSeconds(20),
        };

        private static EngineSettings DualCertificateServer(TestPki pki)
        {
            EngineSettings settings = DtlsInterop.CertServer(pki.EcdsaServer, pki);
            settings.AlternateCertificateChain = new[] { pki.RsaServer.CertificateDer };
            settings.AlternatePrivateKey = DtlsInterop.Provider.ImportPrivateKey(pki.RsaServer.PrivateKeyDer);
            return settings;
        }

        private static void AssertReverseEcho(TcpEngineDriver ours, string line)
        {
            ours.Write(Encoding.ASCII.GetBytes(line + "\n"));
            char[] reversed = line.ToCharArray();
            Array.Reverse(reversed);
            Assert.Equal(new string(reversed) + "\n", Encoding.ASCII.GetString(ours.Read(line.Length + 1, Timeout)));
        }

        // ---- OpenSSL s_server, our client ----

        [Theory]
        [MemberData(nameof(Suites))]
        public void OurClientOpenSslServer(string opensslName, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            OpenSslServerOptions options = Tls13Server(credential);
            options.CipherSuites = opensslName;
            using var server = OpenSslServer.Start(options);
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(suite, pki), server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            Assert.Equal(opensslName, ours.Engine.CipherSuiteName);
            Assert.Equal(credential.CertificateDer, ours.Engine.PeerCertificates[0]);
            AssertReverseEcho(ours, "hello openssl");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void OurClientOpenSslServerWithMutualAuthentication(bool rsaClient)
        {
            PkiCredential clientCredential = rsaClient ? pki.RsaClient : pki.EcdsaClient;
            OpenSslServerOptions options = Tls13Server(pki.EcdsaServer);
            options.ClientCertificate = ClientCertificateMode.Require;
            options.CaFile = pki.RootsPemPath;
            using var server = OpenSslServer.Start(options);
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(CipherSuites.TlsAes128GcmSha256, pki, clientCredential), server.Port);
            ours.Handshake(Timeout);
            AssertReverseEcho(ours, "mutual tls");
            // With -Verify, s_server prints the brief summary; it names the certificate it verified.
            // Its lines arrive one by one: wait for each (the verdict comes after the name).
            Assert.True(server.WaitForOutput("Peer certificate: CN = " + TestPki.ClientName, Timeout), server.Describe());
            Assert.True(server.WaitForOutput("Verification: OK", Timeout), server.Describe());
        }

        [Fact]
        public void OurClientGetsHelloRetryRequestFromOpenSslServer()
        {
            // We send a secp256r1 share only; s_server accepts P-384 only, so it must ask again.
            OpenSslServerOptions options = Tls13Server(pki.EcdsaServer);
            options.Groups = "P-384";
            options.ExtraArguments.Add("-msg");
            using var server = OpenSslServer.Start(options);
            EngineSettings settings = DtlsInterop.CertClient(CipherSuites.TlsAes128GcmSha256, pki);
            settings.KeyShareGroups = new[] { NamedGroup.Secp256r1 };
            using var ours = TcpEngineDriver.Connect(settings, server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            AssertReverseEcho(ours, "after retry");
            // s_server -msg logs each received ClientHello: two of them means a HelloRetryRequest happened.
            // Its log arrives on its own schedule: wait for the second line before counting.
            const string ClientHelloLine = @"<<< TLS 1\.3, Handshake \[length [0-9a-f]+\], ClientHello";
            Assert.True(server.WaitForOutput(new Regex(ClientHelloLine + @"[\s\S]*" + ClientHelloLine), Timeout), server.Describe());
            Assert.Equal(2, Regex.Matches(server.Output, ClientHelloLine).Count);
        }

        [Fact]
        public void OurClientKeyUpdateWithOpenSslServer()
        {
            using var server = OpenSslServer.Start(Tls13Server(pki.EcdsaServer));
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(CipherSuites.TlsAes256GcmSha384, pki), server.Port);
            ours.Handshake(Timeout);
            AssertReverseEcho(ours, "before update");
            ours.Engine.UpdateKeys(requestPeerUpdate: true);
            AssertReverseEcho(ours, "after first update"); // s_server answers with its own KeyUpdate, then data under new keys
            ours.Engine.UpdateKeys(requestPeerUpdate: false);
            AssertReverseEcho(ours, "after second update");
        }

        [Theory]
        [InlineData("K")]
        [InlineData("k")]
        public void OpenSslServerKeyUpdateToOurClient(string command)
        {
            using var server = OpenSslServer.Start(Tls13Server(pki.EcdsaServer, OpenSslServerMode.Interactive));
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(CipherSuites.TlsAes128GcmSha256, pki), server.Port);
            ours.Handshake(Timeout);
            ours.Write(Encoding.ASCII.GetBytes("before update\n"));
            Assert.True(server.WaitForOutput("before update", Timeout), server.Describe());
            server.WriteLine(command); // s_server sends KeyUpdate (update_requested for "K") and prints nothing to a pipe
            ours.Pump(() => false, TimeSpan.FromMilliseconds(200)); // take the KeyUpdate (and answer "K") before more data
            Assert.Null(ours.Engine.Failure);
            server.WriteLine("from openssl after update");
            Assert.Equal("from openssl after update\n", Encoding.ASCII.GetString(ours.Read(26, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl after update\n"));
            Assert.True(server.WaitForOutput("from openmvssl after update", Timeout), server.Describe());
            Assert.Null(ours.Engine.Failure);
        }

        [Fact]
        public void OurClientAlpnWithOpenSslServer()
        {
            OpenSslServerOptions options = Tls13Server(pki.EcdsaServer);
            options.Alpn = "h2,http/1.1";
            using var server = OpenSslServer.Start(options);
            EngineSettings settings = DtlsInterop.CertClient(CipherSuites.TlsAes128GcmSha256, pki);
            settings.AlpnProtocols = new[] { "http/1.1" };
            using var ours = TcpEngineDriver.Connect(settings, server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("http/1.1", ours.Engine.AlpnProtocol);
            AssertReverseEcho(ours, "alpn");
        }

        [Fact]
        public void OurClientOfferingTls13DowngradesToTls12OnlyOpenSslServerWithoutFalseAlarm()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Tls12, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                Mode = OpenSslServerMode.Reverse, NAccept = 1, Lifetime = TimeSpan.FromSeconds(20),
            });
            EngineSettings settings = DtlsInterop.CertClient(0, pki);
            settings.CipherSuites = null; // the library's defaults: TLS 1.3 and TLS 1.2 suites in one ClientHello
            using var ours = TcpEngineDriver.Connect(settings, server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.2", ours.Engine.VersionName);
            AssertReverseEcho(ours, "downgraded");
            Assert.Null(ours.Engine.Failure);
        }

        // ---- OpenSSL s_client, our server ----

        [Theory]
        [MemberData(nameof(Suites))]
        public void OpenSslClientOurServer(string opensslName, int suite, bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var listener = TcpEngineDriver.Listen(out int port);
            OpenSslClientOptions options = Tls13Client(port);
            options.CipherSuites = opensslName;
            using var client = OpenSslClient.Start(options);
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(credential, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            Assert.Equal(CipherSuites.Name(suite), ours.Engine.CipherSuiteName);
            Assert.True(client.WaitForOutput("Ciphersuite: " + opensslName, Timeout), client.Describe());
            Assert.True(client.WaitForOutput("Verification: OK", Timeout), client.Describe());
            client.WriteLine("from openssl");
            Assert.Equal("from openssl\n", Encoding.ASCII.GetString(ours.Read(13, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl\n"));
            Assert.True(client.WaitForOutput("from openmvssl", Timeout), client.Describe());
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void OpenSslClientOurServerWithMutualAuthentication(bool rsaClient)
        {
            PkiCredential clientCredential = rsaClient ? pki.RsaClient : pki.EcdsaClient;
            using var listener = TcpEngineDriver.Listen(out int port);
            OpenSslClientOptions options = Tls13Client(port);
            options.CertFile = clientCredential.CertificatePemPath;
            options.KeyFile = clientCredential.PrivateKeyPemPath;
            using var client = OpenSslClient.Start(options);
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki, VerifyMode.CertRequired), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal(clientCredential.CertificateDer, ours.Engine.PeerCertificates[0]);
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", Timeout), client.Describe());
            client.WriteLine("authenticated");
            Assert.Equal("authenticated\n", Encoding.ASCII.GetString(ours.Read(14, Timeout)));
        }

        [Fact]
        public void OurServerSendsHelloRetryRequestToOpenSslClient()
        {
            // s_client sends an X25519 share only (the first group listed); we have no X25519, so we ask for P-256.
            using var listener = TcpEngineDriver.Listen(out int port);
            OpenSslClientOptions options = Tls13Client(port);
            options.Groups = "X25519:P-256";
            options.OutputMode = OpenSslClientOutput.Full;
            options.ExtraArguments.Add("-msg");
            using var client = OpenSslClient.Start(options);
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            Assert.True(client.WaitForOutput("Verify return code: 0", Timeout), client.Describe());
            client.WriteLine("after retry");
            Assert.Equal("after retry\n", Encoding.ASCII.GetString(ours.Read(12, Timeout)));
            Assert.Equal(2, Regex.Matches(client.Output, @">>> TLS 1\.3, Handshake \[length [0-9a-f]+\], ClientHello").Count);
            Assert.Matches(@"Server Temp Key: ECDH, prime256v1", client.Output);
        }

        [Theory]
        [InlineData("K")]
        [InlineData("k")]
        public void OpenSslClientKeyUpdateToOurServer(string command)
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            OpenSslClientOptions options = Tls13Client(port);
            options.OutputMode = OpenSslClientOutput.Full;
            using var client = OpenSslClient.Start(options);
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.True(client.WaitForOutput("Verify return code: 0", Timeout), client.Describe());
            long mark = client.OutputLength;
            client.WriteLine(command);
            Assert.True(client.WaitForOutput("KEYUPDATE", Timeout, mark), client.Describe());
            client.WriteLine("from openssl after update");
            Assert.Equal("from openssl after update\n", Encoding.ASCII.GetString(ours.Read(26, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl after update\n"));
            Assert.True(client.WaitForOutput("from openmvssl after update", Timeout), client.Describe());
            Assert.Null(ours.Engine.Failure);
        }

        [Fact]
        public void OurServerKeyUpdateToOpenSslClient()
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            using var client = OpenSslClient.Start(Tls13Client(port));
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", Timeout), client.Describe());
            ours.Engine.UpdateKeys(requestPeerUpdate: true);
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl after update\n"));
            Assert.True(client.WaitForOutput("from openmvssl after update", Timeout), client.Describe());
            client.WriteLine("from openssl after update"); // s_client answered our request: this comes under its new keys
            Assert.Equal("from openssl after update\n", Encoding.ASCII.GetString(ours.Read(26, Timeout)));
        }

        [Fact]
        public void OurServerChoosesAlpnForOpenSslClient()
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            OpenSslClientOptions options = Tls13Client(port);
            options.Alpn = "h2,http/1.1";
            options.OutputMode = OpenSslClientOutput.Full;
            using var client = OpenSslClient.Start(options);
            EngineSettings settings = DtlsInterop.CertServer(pki.EcdsaServer, pki);
            settings.AlpnProtocols = new[] { "http/1.1" };
            using var ours = TcpEngineDriver.Accept(listener, settings, Timeout);
            ours.Handshake(Timeout);
            Assert.Equal("http/1.1", ours.Engine.AlpnProtocol);
            Assert.True(client.WaitForOutput("ALPN protocol: http/1.1", Timeout), client.Describe());
        }

        [Theory]
        [InlineData("rsa_pss_rsae_sha256", true)]
        [InlineData("ecdsa_secp256r1_sha256", false)]
        public void OurServerWithTwoCertificatesPicksBySignatureAlgorithm(string sigalgs, bool expectRsa)
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            OpenSslClientOptions options = Tls13Client(port);
            options.OutputMode = OpenSslClientOutput.Full;
            options.ExtraArguments.Add("-sigalgs");
            options.ExtraArguments.Add(sigalgs);
            using var client = OpenSslClient.Start(options);
            using var ours = TcpEngineDriver.Accept(listener, DualCertificateServer(pki), Timeout);
            ours.Handshake(Timeout);
            Assert.True(client.WaitForOutput("Verify return code: 0", Timeout), client.Describe());
            PkiCredential expected = expectRsa ? pki.RsaServer : pki.EcdsaServer;
            Assert.Contains("Peer signature type: " + (expectRsa ? "RSA-PSS" : "ECDSA"), client.Output);
            // s_client prints the server's leaf certificate as PEM.
            Assert.Contains(Convert.ToBase64String(expected.CertificateDer), client.Output.Replace("\n", "").Replace("\r", ""));
        }

        // ---- GnuTLS ----

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void OurClientGnuTlsServer(bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Priority = GnuTlsPriorities.Tls13, CertFile = credential.CertificatePemPath, KeyFile = credential.PrivateKeyPemPath,
                Lifetime = TimeSpan.FromSeconds(20),
            });
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(CipherSuites.TlsAes128GcmSha256, pki), server.Port);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            ours.Write(Encoding.ASCII.GetBytes("echo me\n"));
            Assert.Equal("echo me\n", Encoding.ASCII.GetString(ours.Read(8, Timeout)));
            Assert.True(server.WaitForOutput("(TLS1.3", Timeout), server.Describe());
            ours.Close();
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void GnuTlsClientOurServer(bool mutual)
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            var options = new GnuTlsClientOptions
            {
                Port = port, Priority = GnuTlsPriorities.Tls13, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName,
                Lifetime = TimeSpan.FromSeconds(20),
            };
            if (mutual) { options.CertFile = pki.EcdsaClient.CertificatePemPath; options.KeyFile = pki.EcdsaClient.PrivateKeyPemPath; }
            using var client = GnuTlsClient.Start(options);
            var settings = DtlsInterop.CertServer(pki.EcdsaServer, pki, mutual ? VerifyMode.CertRequired : VerifyMode.CertNone);
            using var ours = TcpEngineDriver.Accept(listener, settings, Timeout);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            if (mutual) Assert.Equal(pki.EcdsaClient.CertificateDer, ours.Engine.PeerCertificates[0]);
            Assert.True(client.WaitForOutput(GnuTlsClient.HandshakeCompletedPattern, Timeout), client.Describe());
            Assert.Contains("(TLS1.3", client.Output);
            client.WriteLine("from gnutls");
            Assert.Equal("from gnutls\n", Encoding.ASCII.GetString(ours.Read(12, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl\n"));
            Assert.True(client.WaitForOutput("from openmvssl", Timeout), client.Describe());
        }

        // ---- .NET SslStream ----

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task OurClientSslStreamServer(bool rsa)
        {
            PkiCredential credential = rsa ? pki.RsaServer : pki.EcdsaServer;
            using var listener = TcpEngineDriver.Listen(out int port);
            using var certificate = SslStreamPeer.LoadWithKey(credential);
            Task<string> serverTask = SslStreamPeer.EchoOnceAsServer(listener, certificate, SslProtocols.Tls13, 5);
            using var ours = TcpEngineDriver.Connect(DtlsInterop.CertClient(CipherSuites.TlsAes256GcmSha384, pki), port);
            ours.Handshake(Timeout);
            ours.Write(Encoding.ASCII.GetBytes("hello"));
            Assert.Equal("hello", Encoding.ASCII.GetString(ours.Read(5, Timeout)));
            Assert.True(serverTask.Wait(Timeout));
            Assert.Equal("Tls13 " + ours.Engine.CipherSuiteName, await serverTask);
        }

        [Fact]
        public async Task SslStreamClientOurServer()
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            Task<string> clientTask = SslStreamPeer.SendOnceAsClient(port, SslProtocols.Tls13, "from sslstream");
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.RsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal("TLSv1.3", ours.Engine.VersionName);
            Assert.Equal("from sslstream", Encoding.ASCII.GetString(ours.Read(14, Timeout)));
            ours.Write(Encoding.ASCII.GetBytes("from openmvssl"));
            Assert.True(clientTask.Wait(Timeout));
            Assert.Equal("Tls13 from openmvssl", await clientTask);
        }
    }
}
