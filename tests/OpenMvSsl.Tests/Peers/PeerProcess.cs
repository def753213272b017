using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// An external program (openssl, gnutls-serv ...) run by a test: stdout and stderr are
    /// collected in the background, stdin stays open for the test to write to, and the whole
    /// process tree is killed on Dispose or, at the latest, when the lifetime limit expires,
    /// so a hung peer can never outlive its test by more than that limit.
    /// </summary>
    public sealed class PeerProcess : IDisposable
    {
        /// <summary>Lifetime used when the caller gives none.</summary>
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

        /// <summary>Characters of output kept per buffer (older text is dropped past this).</summary>
        public const int DefaultOutputCapacity = 1 << 20;

        // Every live peer, so that a test run that ends abnormally still kills them.
        private static readonly ConcurrentDictionary<PeerProcess, bool> Live = new ConcurrentDictionary<PeerProcess, bool>();

        static PeerProcess()
        {
            AppDomain.CurrentDomain.ProcessExit += (sender, args) =>
            {
                foreach (PeerProcess peer in Live.Keys) peer.KillTree();
            };
        }

        private readonly Process process;
        private readonly CapturedOutput output;
        private readonly CapturedOutput standardOutput;
        private readonly CapturedOutput standardError;
        private readonly Task stdoutPump;
        private readonly Task stderrPump;
        private readonly Timer lifetimeTimer;
        private readonly object stateGate = new object();
        private readonly object inputGate = new object();
        private readonly int id;
        private int openStreams = 2;
        private int? exitCodeAfterDispose;
        private bool disposing;
        private bool disposed;
        private volatile bool killedByLifetimeLimit;

        private PeerProcess(string program, IReadOnlyList<string> arguments, TimeSpan lifetime,
            string workingDirectory, int outputCapacity)
        {
            Program = program;
            Arguments = arguments;
            Lifetime = lifetime;
            output = new CapturedOutput(outputCapacity);
            standardOutput = new CapturedOutput(outputCapacity);
            standardError = new CapturedOutput(outputCapacity);

            var startInfo = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardInputEncoding = new UTF8Encoding(false),
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
                CreateNoWindow = true,
            };
            if (workingDirectory != null) startInfo.WorkingDirectory = workingDirectory;
            foreach (string argument in arguments) startInfo.ArgumentList.Add(argument);

            process = new Process { StartInfo = startInfo };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                process.Dispose();
                throw new InvalidOperationException(
                    "Cannot start '" + program + "' (" + e.Message + "). Run scripts/install-deps.sh to install the test peers.", e);
            }
            StartedAt = DateTime.UtcNow;
            id = process.Id;
            Live[this] = true;
            process.StandardInput.AutoFlush = true;

            stdoutPump = Task.Factory.StartNew(() => Pump(process.StandardOutput, standardOutput),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            stderrPump = Task.Factory.StartNew(() => Pump(process.StandardError, standardError),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            lifetimeTimer = new Timer(_ => OnLifetimeExpired(), null, lifetime, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Starts <paramref name="program"/> (looked up on PATH) with the given arguments.</summary>
        public static PeerProcess Start(string program, IEnumerable<string> arguments,
            TimeSpan? lifetime = null, string workingDirectory = null, int outputCapacity = DefaultOutputCapacity)
        {
            if (program == null) throw new ArgumentNullException(nameof(program));
            var argumentList = new List<string>(arguments ?? Array.Empty<string>());
            TimeSpan limit = lifetime ?? DefaultLifetime;
            if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime));
            return new PeerProcess(program, argumentList.AsReadOnly(), limit, workingDirectory, outputCapacity);
        }

        /// <summary>The program as given to Start.</summary>
        public string Program { get; }

        /// <summary>The arguments, one element each, exactly as passed (no shell quoting).</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>The command line as one shell-quoted string, for docs and failure messages.</summary>
        public string CommandLine => FormatCommandLine(Program, Arguments);

        /// <summary>The hard limit after which the process tree is killed.</summary>
        public TimeSpan Lifetime { get; }

        public DateTime StartedAt { get; }

        /// <summary>Operating system process id.</summary>
        public int Id => id;

        /// <summary>The loopback port a server launcher bound the peer to (0 for clients).</summary>
        public int Port { get; internal set; }

        /// <summary>True when the lifetime timer, not the test, ended the process.</summary>
        public bool KilledByLifetimeLimit => killedByLifetimeLimit;

        public bool HasExited
        {
            get
            {
                lock (stateGate)
                {
                    if (disposed) return true;
                    try { return process.HasExited; }
                    catch (InvalidOperationException) { return true; }
                }
            }
        }

        /// <summary>The exit code, or null while the process runs (and after Dispose, the code it ended with).</summary>
        public int? ExitCode
        {
            get
            {
                lock (stateGate)
                {
                    if (disposed) return exitCodeAfterDispose;
                    try { return process.HasExited ? process.ExitCode : (int?)null; }
                    catch (InvalidOperationException) { return null; }
                }
            }
        }

        /// <summary>Stdout and stderr interleaved in arrival order.</summary>
        public string Output => output.ToString();

        public string StandardOutput => standardOutput.ToString();

        public string StandardError => standardError.ToString();

        /// <summary>
        /// Characters of combined output received so far: remember it before an action and
        /// pass it as <c>since</c> to wait only for what the action produces.
        /// </summary>
        public long OutputLength => output.Length;

        /// <summary>Combined output received at or after position <paramref name="since"/>.</summary>
        public string OutputSince(long since) => output.TextSince(since);

        /// <summary>
        /// Waits until the combined output (after <paramref name="since"/>) contains
        /// <paramref name="text"/>. False on timeout, or as soon as the process has closed its
        /// output without printing it.
        /// </summary>
        public bool WaitForOutput(string text, TimeSpan timeout, long since = 0)
        {
            return output.WaitFor(text, timeout, since);
        }

        /// <summary>Like <see cref="WaitForOutput(string, TimeSpan, long)"/> with a regular expression.</summary>
        public bool WaitForOutput(Regex pattern, TimeSpan timeout, long since = 0)
        {
            return output.WaitFor(pattern, timeout, since);
        }

        /// <summary>Waits for the process to exit and its output to be fully collected.</summary>
        public bool WaitForExit(TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            lock (stateGate)
            {
                if (disposed) return true;
            }
            try
            {
                if (!process.WaitForExit(Milliseconds(timeout))) return false;
            }
            catch (InvalidOperationException)
            {
                return true; // disposed meanwhile: it was killed and waited for
            }
            // The streams close at exit; give the pumps a moment to drain the last bytes.
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left < TimeSpan.FromMilliseconds(500)) left = TimeSpan.FromMilliseconds(500);
            Task.WaitAll(new[] { stdoutPump, stderrPump }, left);
            return true;
        }

        /// <summary>Writes text to the process's stdin (UTF-8) and flushes it.</summary>
        public void Write(string text)
        {
            WriteInput(writer => writer.Write(text));
        }

        /// <summary>Writes text and a "\n" to stdin.</summary>
        public void WriteLine(string text)
        {
            WriteInput(writer => writer.Write(text + "\n"));
        }

        /// <summary>Writes raw bytes to stdin.</summary>
        public void Write(byte[] data)
        {
            WriteInput(writer =>
            {
                writer.Flush();
                writer.BaseStream.Write(data, 0, data.Length);
                writer.BaseStream.Flush();
            });
        }

        /// <summary>Closes stdin (many peers treat that as "close the connection").</summary>
        public void CloseInput()
        {
            lock (inputGate)
            {
                try { process.StandardInput.Close(); }
                catch (IOException) { }
                catch (InvalidOperationException) { }
            }
        }

        /// <summary>Command line, state and collected output, for assertion messages.</summary>
        public string Describe()
        {
            var text = new StringBuilder();
            text.Append("command: ").Append(CommandLine).Append('\n');
            text.Append("state: ");
            int? exitCode = ExitCode;
            if (exitCode.HasValue) text.Append("exited with code ").Append(exitCode.Value);
            else text.Append(HasExited ? "ended" : "running");
            if (killedByLifetimeLimit) text.Append(" (killed by the ").Append(Lifetime.TotalSeconds).Append(" s lifetime limit)");
            text.Append(", ran ").Append((DateTime.UtcNow - StartedAt).TotalMilliseconds.ToString("0")).Append(" ms\n");
            text.Append("--- output ---\n").Append(Output).Append("\n--- end of output ---");
            return text.ToString();
        }

        public override string ToString() => Describe();

        /// <summary>Kills the process tree if it still runs, waits for it, and releases it.</summary>
        public void Dispose()
        {
            lock (stateGate)
            {
                if (disposing) return;
                disposing = true;
            }
            lifetimeTimer.Dispose();
            KillTree();
            int? exitCode = null;
            try
            {
                if (process.WaitForExit(5000)) exitCode = process.ExitCode;
            }
            catch (InvalidOperationException) { }
            Task.WaitAll(new[] { stdoutPump, stderrPump }, 2000);
            Live.TryRemove(this, out _);
            CloseInput();
            lock (stateGate)
            {
                exitCodeAfterDispose = exitCode;
                disposed = true;
                process.Dispose();
            }
        }

        /// <summary>Quotes arguments for display the way a POSIX shell would read them back.</summary>
        public static string FormatCommandLine(string program, IEnumerable<string> arguments)
        {
            var text = new StringBuilder(program);
            foreach (string argument in arguments)
            {
                text.Append(' ');
                bool plain = argument.Length > 0;
                foreach (char c in argument)
                {
                    if (!(char.IsLetterOrDigit(c) || "-_./:=,+@%".IndexOf(c) >= 0)) { plain = false; break; }
                }
                text.Append(plain ? argument : "'" + argument.Replace("'", "'\\''") + "'");
            }
            return text.ToString();
        }

        private void Pump(StreamReader reader, CapturedOutput own)
        {
            var buffer = new char[4096];
            var repeats = new RepeatedLineFilter();
            try
            {
                int count;
                while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
                {
                    Keep(repeats.Process(new string(buffer, 0, count)), own);
                }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            finally
            {
                Keep(repeats.Flush(), own);
                own.Complete();
                if (Interlocked.Decrement(ref openStreams) == 0) output.Complete();
            }
        }

        private void Keep(string text, CapturedOutput own)
        {
            if (text.Length == 0) return;
            own.Append(text);
            output.Append(text);
        }

        private void WriteInput(Action<StreamWriter> write)
        {
            lock (inputGate)
            {
                try
                {
                    write(process.StandardInput);
                }
                catch (IOException e)
                {
                    throw new IOException("Cannot write to the stdin of " + Program + ": " + e.Message + "\n" + Describe(), e);
                }
            }
        }

        private void OnLifetimeExpired()
        {
            lock (stateGate)
            {
                if (disposing) return;
                killedByLifetimeLimit = true;
            }
            output.Append("\n[harness: lifetime limit of " + Lifetime.TotalSeconds + " s reached, killing the process tree]\n");
            KillTree();
        }

        private void KillTree()
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException) { }
            catch (Win32Exception) { }
            catch (NotSupportedException) { }
        }

        private static int Milliseconds(TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero) return 0;
            double ms = Math.Ceiling(timeout.TotalMilliseconds);
            return ms >= int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
