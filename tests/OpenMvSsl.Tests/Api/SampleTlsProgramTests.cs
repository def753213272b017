// Needs the test project to reference src/OpenMvSsl.Cli and the samples, and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using OpenMvSsl.Tests.Peers;
using Xunit;
using Run = OpenMvSsl.Tests.Api.SampleProgramTests.Run;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>The TLS samples as child processes against local peers (openssl s_server, our CLI server, each other).</summary>
    [Trait("needs", "engine")]
    public class SampleTlsProgramTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;

        public SampleTlsProgramTests(TestPki pki) => this.pki = pki;

        [Fact]
        public void HttpsGetAgainstOpenSslWww()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.UnrelatedServer.CertificatePemPath, KeyFile = pki.UnrelatedServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
            });
            using var get = new Run("HttpsGet", "127.0.0.1", server.Port.ToString());
            Assert.Equal(0, get.Exit());
            Assert.StartsWith("HTTP/1.0 200 ok", get.Output);
        }

        [Fact]
        public void AsyncHttpsGetAgainstOurWwwServer()
        {
            using var server = new CliTestServer("server", "0", "--www", "--once", "--timeout", "30",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath);
            using var get = new Run("AsyncHttpsGet", "127.0.0.1", server.Port.ToString());
            Assert.Equal(0, get.Exit());
            Assert.StartsWith("HTTP/1.0 200 ok", get.Output);
            Assert.Contains("Protocol  : TLSv1.3", get.Output);
            Assert.Equal(0, server.Exit());
        }

        [Fact]
        public void TlsServerEchoesALineToOurCliClient()
        {
            int port = FreePort.Tcp();
            using var server = new Run("TlsServer", port.ToString(), pki.EcdsaServer.CertificatePemPath, pki.EcdsaServer.PrivateKeyPemPath, "--once");
            Assert.True(server.WaitFor("listening on 127.0.0.1:" + port), server.Output);
            var stdout = new System.IO.StringWriter();
            var stderr = new System.IO.StringWriter();
            int exit = OpenMvSsl.Cli.CliApp.Run(new[] { "client", "127.0.0.1", port.ToString(), "--send", "hello server\n", "--expect-echo",
                "--ca", pki.EcdsaRoot.CertificatePemPath, "--verify", "required", "--servername", TestPki.ServerDnsName },
                stdout, stderr, System.Threading.CancellationToken.None);
            Assert.True(exit == 0, stderr.ToString());
            Assert.Equal(0, server.Exit());
            Assert.Contains("handshake TLSv1.3 TLS_AES_", server.Output);
            Assert.Contains("echo: hello server", server.Output);
        }

        [Fact]
        public void MutualTlsAgainstOpenSslRequiringAClientCertificate()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
                CaFile = pki.RootsPemPath, ClientCertificate = ClientCertificateMode.Require,
            });
            using var client = new Run("MutualTls", "127.0.0.1", server.Port.ToString(), pki.EcdsaClient.CertificatePemPath,
                pki.EcdsaClient.PrivateKeyPemPath, pki.EcdsaRoot.CertificatePemPath, TestPki.ServerDnsName);
            Assert.Equal(0, client.Exit());
            Assert.Contains("verified server, TLSv1.3", client.Output);
            Assert.Contains("HTTP/1.0 200 ok", client.Output);
        }

        [Fact]
        public void MutualTlsWithTheWrongCaFailsWithOneErrorLine()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
            });
            using var client = new Run("MutualTls", "127.0.0.1", server.Port.ToString(), pki.EcdsaClient.CertificatePemPath,
                pki.EcdsaClient.PrivateKeyPemPath, pki.RsaRoot.CertificatePemPath, TestPki.ServerDnsName);
            Assert.Equal(1, client.Exit());
            Assert.StartsWith("error: CertificateUntrusted", client.Output);
        }
    }
}
#endif
