// Needs the test project to reference src/OpenMvSsl.Cli and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>The device-side asyncio stand-in: a main loop over PollingReader/PollingWriter that never blocks.</summary>
    [Trait("needs", "engine")]
    public class PollingReaderWriterTests : IClassFixture<TestPki>
    {
        private const int LimitMs = 10000;
        private readonly TestPki pki;

        public PollingReaderWriterTests(TestPki pki) => this.pki = pki;

        private static Socket Connect(int port)
        {
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return tcp;
        }

        [Fact]
        public void MainLoopHandshakesWritesAndReadsLinesWithoutBlocking()
        {
            using var server = new CliTestServer("server", "0", "--echo", "--once", "--timeout", "20",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath);
            var context = new SslContext(SslProtocol.TlsClient);
            SslSocket ssl = context.WrapSocket(Connect(server.Port), doHandshakeOnConnect: false);
            var reader = new PollingReader(ssl);
            var writer = new PollingWriter(ssl);
            Assert.Equal(0, ssl.Timeout);

            writer.Write(Encoding.ASCII.GetBytes("first line\nsecond "));
            writer.Write(Encoding.ASCII.GetBytes("line\n"));
            Assert.Equal(23, writer.QueuedBytes);
            var lines = new System.Collections.Generic.List<string>();
            var clock = Stopwatch.StartNew();
            long longestCallMs = 0;
            int passes = 0;
            while (lines.Count < 2)
            {
                Assert.True(clock.ElapsedMilliseconds < LimitMs, "the loop made no progress");
                long before = clock.ElapsedMilliseconds;
                writer.Poll();
                byte[] line = reader.TryReadLine();
                longestCallMs = Math.Max(longestCallMs, clock.ElapsedMilliseconds - before);
                if (line != null) lines.Add(Encoding.ASCII.GetString(line));
                passes++;
                System.Threading.Thread.Sleep(1);
            }
            Assert.Equal(new[] { "first line\n", "second line\n" }, lines);
            Assert.True(writer.IsDrained);
            Assert.True(passes > 1, "expected the loop to spin while waiting");
            Assert.True(longestCallMs < 1000, "a poll call blocked for " + longestCallMs + " ms");

            Assert.Null(reader.TryRead(10)); // nothing more was sent: would block, returns null at once
            writer.Close();
            Assert.True(writer.Poll());
            Assert.True(writer.IsClosed);
            Assert.Equal(0, server.Exit());
        }

        [Fact]
        public void ReaderSeesEndOfStreamAfterTheWwwAnswer()
        {
            using var server = new CliTestServer("server", "0", "--www", "--once", "--timeout", "20",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath);
            SslSocket ssl = new SslContext(SslProtocol.TlsClient).WrapSocket(Connect(server.Port), doHandshakeOnConnect: false);
            var reader = new PollingReader(ssl);
            var writer = new PollingWriter(ssl);
            writer.Write(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
            var page = new StringBuilder();
            var clock = Stopwatch.StartNew();
            while (!reader.AtEnd)
            {
                Assert.True(clock.ElapsedMilliseconds < LimitMs, "no end of stream: " + page);
                writer.Poll();
                byte[] data = reader.TryRead(100);
                if (data != null) page.Append(Encoding.ASCII.GetString(data));
                else System.Threading.Thread.Sleep(1);
            }
            Assert.StartsWith("HTTP/1.0 200 ok\r\n", page.ToString());
            Assert.Empty(reader.TryRead(100));
            Assert.Empty(reader.TryReadLine());
            writer.Close();
            Assert.Equal(0, server.Exit());
        }

        [Fact]
        public void WriteAfterCloseAndBadSizesAreRefused()
        {
            using var server = new CliTestServer("server", "0", "--echo", "--once", "--timeout", "20",
                "--cert", pki.EcdsaServer.CertificatePemPath, "--key", pki.EcdsaServer.PrivateKeyPemPath);
            SslSocket ssl = new SslContext(SslProtocol.TlsClient).WrapSocket(Connect(server.Port));
            var reader = new PollingReader(ssl);
            var writer = new PollingWriter(ssl);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => reader.TryRead(0)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => writer.Write(new byte[4], 2, 3)).Error);
            writer.Close();
            Assert.Equal(SslError.Closed, Assert.Throws<SslException>(() => writer.Write(new byte[1])).Error);
            Assert.Equal(0, server.Exit());
        }
    }
}
#endif
