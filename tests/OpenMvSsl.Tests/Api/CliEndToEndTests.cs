// Needs the test project to reference src/OpenMvSsl.Cli and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OpenMvSsl.Cli;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>The `openmvssl` command in process over the real engine: client, server, errors and the demo.</summary>
    [Trait("needs", "engine")]
    public class CliEndToEndTests
    {
        private const string PskHex = "00112233445566778899aabbccddeeff";
        private const int Limit = 10000;

        private static T Join<T>(Task<T> task)
        {
            Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit), "the other side did not finish");
            return task.GetAwaiter().GetResult();
        }

        [Fact]
        public void CommandLineClientAndServerInOneProcess()
        {
            int port = FreePort.Udp();
            var serverOut = new StringWriter();
            var serverErr = new SynchronizedWriter();
            using var stop = new CancellationTokenSource();
            Task<int> server = Task.Run(() => CliApp.Run(new[] { "server", port.ToString(), "--dtls", "--psk-identity", "dev",
                "--psk-key", PskHex, "--echo", "--once", "--timeout", "20" }, serverOut, serverErr, stop.Token));
            var clock = Stopwatch.StartNew();
            while (!serverErr.Text.Contains("listening") && clock.ElapsedMilliseconds < Limit) Thread.Sleep(10);

            var clientOut = new StringWriter();
            var clientErr = new StringWriter();
            int exit = CliApp.Run(new[] { "client", "127.0.0.1", port.ToString(), "--dtls", "--psk-identity", "dev",
                "--psk-key", PskHex, "--send", "one", "--send", "two", "--expect-echo" }, clientOut, clientErr, CancellationToken.None);
            Assert.True(exit == 0, clientErr.ToString());
            Assert.Matches(@"^handshake version=DTLSv1\.2 cipher=TLS_PSK_WITH_\w+\r?\n$", clientErr.ToString());
            Assert.Equal("one\ntwo\n", clientOut.ToString().Replace("\r\n", "\n"));

            Assert.Equal(0, Join(server));
            Assert.Contains("handshake version=DTLSv1.2 cipher=TLS_PSK_WITH_", serverErr.Text);
        }

        [Fact]
        public void CommandLineClientWithTheWrongKeyPrintsOneErrorLine()
        {
            int port = FreePort.Udp();
            var serverErr = new SynchronizedWriter();
            Task<int> server = Task.Run(() => CliApp.Run(new[] { "server", port.ToString(), "--dtls", "--psk-identity", "dev",
                "--psk-key", PskHex, "--once", "--timeout", "20" }, new StringWriter(), serverErr, CancellationToken.None));
            var clock = Stopwatch.StartNew();
            while (!serverErr.Text.Contains("listening") && clock.ElapsedMilliseconds < Limit) Thread.Sleep(10);

            var clientErr = new StringWriter();
            int exit = CliApp.Run(new[] { "client", "127.0.0.1", port.ToString(), "--dtls", "--psk-identity", "dev",
                "--psk-key", "ffff", "--timeout", "5" }, new StringWriter(), clientErr, CancellationToken.None);
            Assert.Equal(1, exit);
            Assert.Matches(@"^error: \w+: [^\n]+\n$", clientErr.ToString().Replace("\r\n", "\n"));

            Assert.Equal(1, Join(server));
            Assert.Contains("error: ", serverErr.Text);
        }

        [Fact]
        public void DemoRunsAndSucceeds()
        {
            var stdout = new StringWriter();
            Assert.Equal(0, CliApp.Run(new[] { "demo" }, stdout, new StringWriter(), CancellationToken.None));
            Assert.Contains("psk: handshake version=DTLSv1.2", stdout.ToString());
            Assert.Contains("ecdsa: handshake version=DTLSv1.2 cipher=TLS_ECDHE_ECDSA_", stdout.ToString());
            Assert.Contains("demo ok", stdout.ToString());
        }

        /// <summary>A TextWriter another thread can read while the command writes.</summary>
        private sealed class SynchronizedWriter : StringWriter
        {
            private readonly object gate = new object();
            public string Text { get { lock (gate) return ToString(); } }
            public override void Write(char value) { lock (gate) base.Write(value); }
            public override void Write(string value) { lock (gate) base.Write(value); }
            public override void WriteLine(string value) { lock (gate) base.WriteLine(value); }
        }
    }
}
#endif
