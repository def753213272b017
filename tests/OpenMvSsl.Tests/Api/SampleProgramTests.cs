// Needs the test project to reference src/OpenMvSsl.Cli and the samples, and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// The samples as a user runs them: separate processes on 127.0.0.1, the ping samples
    /// against the echo server sample, with hard time limits; every process is killed at the end.
    /// </summary>
    [Trait("needs", "engine")]
    public class SampleProgramTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

        // samples/NAME/bin/CONFIGURATION/net10.0/NAME.dll, built with the test project.
        internal static string SampleDll(string name)
        {
            string testBin = AppContext.BaseDirectory; // tests/OpenMvSsl.Tests/bin/CONFIG/net10.0/
            string configuration = new DirectoryInfo(testBin).Parent.Name;
            string root = Path.GetFullPath(Path.Combine(testBin, "..", "..", "..", "..", ".."));
            string dll = Path.Combine(root, "samples", name, "bin", configuration, "net10.0", name + ".dll");
            Assert.True(File.Exists(dll), "sample not built: " + dll);
            return dll;
        }

        internal sealed class Run : IDisposable
        {
            private readonly Process process;
            private readonly StringBuilder output = new StringBuilder();

            public Run(string sample, params string[] args)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add(SampleDll(sample));
                foreach (string arg in args) start.ArgumentList.Add(arg);
                process = new Process { StartInfo = start };
                process.OutputDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                process.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }

            public string Output { get { lock (output) return output.ToString(); } }

            public bool WaitFor(string text)
            {
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < Limit)
                {
                    if (Output.Contains(text)) return true;
                    if (process.HasExited) return Output.Contains(text);
                    System.Threading.Thread.Sleep(20);
                }
                return false;
            }

            public int Exit()
            {
                Assert.True(process.WaitForExit((int)Limit.TotalMilliseconds), "still running: " + Output);
                process.WaitForExit();
                return process.ExitCode;
            }

            public void Dispose()
            {
                try
                {
                    if (!process.HasExited) process.Kill(true);
                }
                catch (InvalidOperationException)
                {
                }
                process.Dispose();
            }
        }

        [Fact]
        public void BlockingPingAgainstTheEchoServerWithACertificate()
        {
            int port = FreePort.Udp();
            using var server = new Run("DtlsEchoServer", port.ToString(), "--once");
            Assert.True(server.WaitFor("listening on 127.0.0.1:" + port), server.Output);
            using var ping = new Run("DtlsPing", "127.0.0.1", port.ToString());
            Assert.Equal(0, ping.Exit());
            Assert.Equal("ping", ping.Output.Trim());
            Assert.Equal(0, server.Exit());
            Assert.Contains("TLS_ECDHE_ECDSA_WITH_", server.Output);
        }

        [Fact]
        public void PollingPingAgainstTheEchoServerWithAPsk()
        {
            int port = FreePort.Udp();
            using var server = new Run("DtlsEchoServer", port.ToString(), "device-1", "00112233445566778899aabbccddeeff", "--once");
            Assert.True(server.WaitFor("listening on 127.0.0.1:" + port), server.Output);
            using var ping = new Run("DtlsPollingPing", "127.0.0.1", port.ToString(), "device-1", "00112233445566778899aabbccddeeff",
                "--count", "3", "--period", "100");
            Assert.Equal(0, ping.Exit());
            Assert.Contains("3 pings sent, 3 replies", ping.Output);
            Assert.Equal(0, server.Exit());
            Assert.Contains("TLS_PSK_WITH_", server.Output);
        }

        [Fact]
        public void AWrongPskEndsThePingWithOneErrorLine()
        {
            int port = FreePort.Udp();
            using var server = new Run("DtlsEchoServer", port.ToString(), "device-1", "00112233445566778899aabbccddeeff");
            Assert.True(server.WaitFor("listening on 127.0.0.1:" + port), server.Output);
            using var ping = new Run("DtlsPing", "127.0.0.1", port.ToString(), "device-1", "ffff");
            Assert.Equal(1, ping.Exit());
            Assert.StartsWith("error: ", ping.Output);
        }
    }
}
#endif
