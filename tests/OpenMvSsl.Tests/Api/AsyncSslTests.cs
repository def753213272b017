// Needs the test project to reference src/OpenMvSsl.Cli and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>The seed's asyncio sample (12.17.3) through AsyncSsl, against openssl s_server -www and our CLI server.</summary>
    [Trait("needs", "engine")]
    public class AsyncSslTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;

        public AsyncSslTests(TestPki pki) => this.pki = pki;

        private static CancellationToken Limit() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

        [Fact]
        public async Task OpenConnectionWriteDrainReadCloseLikeTheSeed()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.UnrelatedServer.CertificatePemPath, KeyFile = pki.UnrelatedServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
            });
            CancellationToken ct = Limit();
            AsyncSslConnection connection = await AsyncSsl.OpenConnectionAsync("127.0.0.1", server.Port, ct: ct);
            byte[] request = Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
            connection.Writer.Write(request);
            Assert.Equal(request.Length, connection.Writer.QueuedBytes);
            await connection.Writer.DrainAsync(ct);
            Assert.Equal(0, connection.Writer.QueuedBytes);
            Assert.Equal("HTTP/1.0 200 ok\r\n", Encoding.ASCII.GetString(await connection.Reader.ReadLineAsync(ct)));
            byte[] rest = await connection.Reader.ReadAsync(-1, ct);
            Assert.Contains("</HTML>", Encoding.ASCII.GetString(rest), StringComparison.OrdinalIgnoreCase);
            Assert.Empty(await connection.Reader.ReadAsync(4096, ct));
            Assert.True(connection.Reader.AtEof);
            Assert.Equal("TLSv1.3", connection.Socket.Cipher()[1]);
            connection.Writer.Close();
            await connection.Writer.WaitClosedAsync();
            Assert.True(connection.Socket.IsClosed);
        }

        [Fact]
        public async Task VerifiedTls12ConnectionToOurWwwServer()
        {
            using var server = new CliTestServer("server", "0", "--www", "--once", "--timeout", "20",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath);
            var context = new SslContext(SslProtocol.TlsClient) { VerifyMode = VerifyMode.CertRequired, MaximumVersion = OpenMvSsl.Record.ProtocolVersion.Tls12 };
            context.LoadVerifyLocations(pki.EcdsaRoot.CertificatePemBytes);
            CancellationToken ct = Limit();
            AsyncSslConnection connection = await AsyncSsl.OpenConnectionAsync("127.0.0.1", server.Port, context, TestPki.ServerDnsName, ct);
            connection.Writer.Write(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
            await connection.Writer.DrainAsync(ct);
            string page = Encoding.ASCII.GetString(await connection.Reader.ReadAsync(-1, ct));
            Assert.StartsWith("HTTP/1.0 200 ok", page);
            Assert.Contains("Protocol  : TLSv1.2", page);
            connection.Writer.Close();
            await connection.Writer.WaitClosedAsync();
            Assert.Equal(0, server.Exit());
        }

        [Fact]
        public async Task AReadWaitsWithoutAThreadAndCancellationEndsIt()
        {
            // Our echo server: nothing arrives until we write, so the read must wait, then be cancelled.
            using var server = new CliTestServer("server", "0", "--echo", "--timeout", "20",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath);
            AsyncSslConnection connection = await AsyncSsl.OpenConnectionAsync("127.0.0.1", server.Port, ct: Limit());
            using var cancel = new CancellationTokenSource(300);
            var started = DateTime.UtcNow;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.Reader.ReadAsync(10, cancel.Token));
            Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250));

            connection.Writer.Write(Encoding.ASCII.GetBytes("ping\n"));
            await connection.Writer.DrainAsync(Limit());
            Assert.Equal("ping\n", Encoding.ASCII.GetString(await connection.Reader.ReadLineAsync(Limit())));
            connection.Dispose();
        }

        [Fact]
        public async Task AFailedHandshakeThrowsSslException()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.UnrelatedServer.CertificatePemPath, KeyFile = pki.UnrelatedServer.PrivateKeyPemPath, Mode = OpenSslServerMode.Www,
            });
            var context = new SslContext(SslProtocol.TlsClient) { VerifyMode = VerifyMode.CertRequired };
            context.LoadVerifyLocations(pki.EcdsaRoot.CertificatePemBytes);
            var e = await Assert.ThrowsAsync<SslException>(() => AsyncSsl.OpenConnectionAsync("127.0.0.1", server.Port, context, TestPki.ServerDnsName, Limit()));
            Assert.Equal(SslError.CertificateUntrusted, e.Error);
        }
    }
}
#endif
