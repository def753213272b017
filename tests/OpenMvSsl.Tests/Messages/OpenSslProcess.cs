using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>
    /// An `openssl` command-line process for a test: output captured, stdin held open (so
    /// s_client does not quit early), and always killed on Dispose.
    /// </summary>
    internal sealed class OpenSslProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();

        private OpenSslProcess(string[] args)
        {
            ProcessStartInfo info = new ProcessStartInfo("openssl")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in args) info.ArgumentList.Add(a);
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (s, e) => Append(e.Data);
            _process.ErrorDataReceived += (s, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public static OpenSslProcess Start(params string[] args)
        {
            return new OpenSslProcess(args);
        }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        /// <summary>Waits until the output contains <paramref name="text"/> (e.g. s_server's "ACCEPT").</summary>
        public void WaitFor(string text, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (!Output.Contains(text))
            {
                if (_process.HasExited) throw new InvalidOperationException("openssl exited early: " + Output);
                if (DateTime.UtcNow > deadline) throw new TimeoutException("openssl never printed '" + text + "': " + Output);
                Thread.Sleep(20);
            }
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            _process.Dispose();
        }

        private void Append(string line)
        {
            if (line == null) return;
            lock (_output) _output.AppendLine(line);
        }

        /// <summary>A loopback port that was free a moment ago (for servers that must bind it themselves).</summary>
        public static int FreeTcpPort()
        {
            TcpListener l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public static int FreeUdpPort()
        {
            using UdpClient u = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)u.Client.LocalEndPoint!).Port;
        }
    }

    /// <summary>A throwaway P-256 key and self-signed certificate for openssl s_server.</summary>
    public sealed class OpenSslCertificateFixture : IDisposable
    {
        public OpenSslCertificateFixture()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("openmvssl-msg-").FullName;
            KeyPath = Path.Combine(Directory, "key.pem");
            CertPath = Path.Combine(Directory, "cert.pem");
            using Process p = Process.Start(new ProcessStartInfo("openssl")
            {
                ArgumentList = { "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", KeyPath, "-out", CertPath, "-subj", "/CN=openmvssl-test", "-days", "2" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            if (!p.WaitForExit(20000))
            {
                p.Kill(true);
                throw new TimeoutException("openssl req did not finish");
            }
            if (p.ExitCode != 0) throw new InvalidOperationException("openssl req failed: " + p.StandardError.ReadToEnd());
        }

        public string Directory { get; }
        public string KeyPath { get; }
        public string CertPath { get; }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
        }
    }
}
