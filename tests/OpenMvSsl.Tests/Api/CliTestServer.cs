// Needs the test project to reference src/OpenMvSsl.Cli and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OpenMvSsl.Cli;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>`openmvssl server ...` running in this process on a task, stopped and joined on Dispose.</summary>
    internal sealed class CliTestServer : IDisposable
    {
        private const int Limit = 15000;
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly Task<int> task;

        public CliTestServer(params string[] args)
        {
            task = Task.Run(() => CliApp.Run(args, Out, Err, stop.Token));
            var clock = Stopwatch.StartNew();
            Match found;
            while (!(found = Regex.Match(Err.Text, @"listening on (tcp|udp) [\d.]+:(\d+)")).Success)
            {
                if (task.IsCompleted || clock.ElapsedMilliseconds > Limit)
                    throw new InvalidOperationException("the CLI server did not start: " + Err.Text);
                Thread.Sleep(10);
            }
            Port = int.Parse(found.Groups[2].Value);
        }

        public int Port { get; }
        public SyncWriter Out { get; } = new SyncWriter();
        public SyncWriter Err { get; } = new SyncWriter();

        /// <summary>The exit code; throws when the server does not finish in time.</summary>
        public int Exit()
        {
            if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit)) throw new TimeoutException("the CLI server did not finish: " + Err.Text);
            return task.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            stop.Cancel();
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Limit);
            stop.Dispose();
        }

        /// <summary>A TextWriter another thread can read while the command writes.</summary>
        internal sealed class SyncWriter : StringWriter
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
