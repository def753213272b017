// Needs the test project to reference src/OpenMvSsl.Cli and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using OpenMvSsl.Cli;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>`openmvssl client/server` over TLS: against each other and against openssl s_server / s_client.</summary>
    [Trait("needs", "engine")]
    public class CliTlsEndToEndTests : IClassFixture<TestPki>
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private readonly TestPki pki;

        public CliTlsEndToEndTests(TestPki pki) => this.pki = pki;

        private static (int Exit, string Out, string Err) Client(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = CliApp.Run(args, stdout, stderr, CancellationToken.None);
            return (exit, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
        }

        private string[] EcdsaServerCredentials => new[] { "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath };

        [Theory]
        [InlineData(null, "TLSv1.3", @"TLS_AES_\w+")]
        [InlineData("--tls13", "TLSv1.3", @"TLS_AES_\w+")]
        [InlineData("--tls12", "TLSv1.2", @"TLS_ECDHE_ECDSA_WITH_\w+")]
        public void ClientAndServerEchoOverTls(string pin, string version, string cipher)
        {
            var serverArgs = new System.Collections.Generic.List<string> { "server", "0", "--echo", "--once", "--timeout", "20" };
            serverArgs.AddRange(EcdsaServerCredentials);
            using var server = new CliTestServer(serverArgs.ToArray());
            var clientArgs = new System.Collections.Generic.List<string> { "client", "127.0.0.1", server.Port.ToString(), "--send", "one\n", "--send", "two\n",
                "--expect-echo", "--ca", pki.EcdsaRoot.CertificatePemPath, "--verify", "required", "--servername", TestPki.ServerDnsName };
            if (pin != null) clientArgs.Add(pin);
            var (exit, stdout, stderr) = Client(clientArgs.ToArray());
            Assert.True(exit == 0, stderr);
            Assert.Matches("^handshake version=" + version.Replace(".", @"\.") + " cipher=" + cipher + "\n$", stderr);
            Assert.Equal("one\ntwo\n", stdout);
            Assert.Equal(0, server.Exit());
            Assert.Contains("handshake version=" + version + " cipher=", server.Err.Text);
        }

        [Fact]
        public void WwwServerAnswersOpenSslClientWithOneRecordAndCloseNotify()
        {
            var args = new System.Collections.Generic.List<string> { "server", "0", "--www", "--once", "--timeout", "20" };
            args.AddRange(EcdsaServerCredentials);
            using var server = new CliTestServer(args.ToArray());
            using var client = OpenSslClient.Start(new OpenSslClientOptions { Port = server.Port, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName });
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", Timeout), client.Describe());
            client.WriteLine("GET / HTTP/1.0");
            client.WriteLine("");
            Assert.True(client.WaitForOutput("</html>", Timeout), client.Describe());
            Assert.Contains("HTTP/1.0 200 ok", client.Output);
            Assert.Contains("Protocol  : TLSv1.3", client.Output);
            Assert.Equal(0, server.Exit());
        }

        [Fact]
        public void WwwServerWithEcdsaAndRsaServesBothAndKeepsAccepting()
        {
            using var server = new CliTestServer("server", "0", "--www", "--timeout", "20",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath,
                "--cert", pki.RsaServer.CertificatePemPath, "--key", pki.RsaServer.PrivateKeyPemPath);
            // Two clients, each trusting only one root: the server must present the matching certificate.
            foreach (var (root, cipher) in new[] { (pki.EcdsaRoot, "TLS_ECDHE_ECDSA_"), (pki.RsaRoot, "TLS_ECDHE_RSA_") })
            {
                var (exit, stdout, stderr) = Client("client", "127.0.0.1", server.Port.ToString(), "--tls12", "--get", "/",
                    "--ca", root.CertificatePemPath, "--verify", "required", "--servername", TestPki.ServerDnsName,
                    "--cipher", cipher == "TLS_ECDHE_RSA_" ? "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" : "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
                Assert.True(exit == 0, stderr);
                Assert.StartsWith("HTTP/1.0 200 ok\r\n", stdout.Replace("\n", "\r\n").Replace("\r\r\n", "\r\n"));
                Assert.Contains("Cipher    : " + cipher, stdout);
            }
        }

        [Fact]
        public void ClientGetsFromOpenSslWwwWithAlpn()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www, Alpn = "http/1.1",
            });
            var (exit, stdout, stderr) = Client("client", "127.0.0.1", server.Port.ToString(), "--get", "/", "--alpn", "h2,http/1.1");
            Assert.True(exit == 0, stderr);
            Assert.Matches(@"^handshake version=TLSv1\.3 cipher=TLS_AES_\w+ alpn=http/1\.1\n$", stderr);
            Assert.StartsWith("HTTP/1.0 200 ok", stdout);
        }

        [Fact]
        public void ClientPinnedToTls13AgainstATls12OnlyServerFailsWithOneErrorLine()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Tls12, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
            });
            var (exit, _, stderr) = Client("client", "127.0.0.1", server.Port.ToString(), "--tls13", "--timeout", "5");
            Assert.Equal(1, exit);
            Assert.Matches(@"^error: \w+: [^\n]+\n$", stderr);
        }

        [Fact]
        public void ServerRequiringClientCertificates()
        {
            var args = new System.Collections.Generic.List<string> { "server", "0", "--echo", "--once", "--timeout", "20",
                "--require-client-cert", "--ca", pki.EcdsaRoot.CertificatePemPath };
            args.AddRange(EcdsaServerCredentials);
            using var server = new CliTestServer(args.ToArray());
            var (exit, stdout, stderr) = Client("client", "127.0.0.1", server.Port.ToString(), "--send", "hi", "--expect-echo",
                "--cert", pki.EcdsaClient.CertificatePemPath, "--key", pki.EcdsaClient.PrivateKeyPemPath);
            Assert.True(exit == 0, stderr);
            Assert.Equal("hi\n", stdout);
            Assert.Equal(0, server.Exit());
        }

        [Fact]
        public void DemoShowsTls13AndTls12()
        {
            var stdout = new StringWriter();
            Assert.Equal(0, CliApp.Run(new[] { "demo" }, stdout, new StringWriter(), CancellationToken.None));
            Assert.Matches(@"tls13: handshake version=TLSv1\.3 cipher=TLS_AES_", stdout.ToString());
            Assert.Matches(@"tls12: handshake version=TLSv1\.2 cipher=TLS_ECDHE_ECDSA_", stdout.ToString());
            Assert.Contains("demo ok", stdout.ToString());
        }
    }
}
#endif
