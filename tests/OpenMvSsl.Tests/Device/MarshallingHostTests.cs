using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace OpenMvSsl.Tests.Device
{
    /// <summary>
    /// Builds the nanoFramework marshalling layer with a stand-in for nanoCLR's interop API over
    /// the real omvssl_crypto and mbedTLS, and runs its checks (ranges, handle table, known
    /// answers through the handlers), under valgrind when installed: firmware-bindings/nanoframework/hosttest/run.sh.
    /// </summary>
    public class MarshallingHostTests
    {
        [Fact]
        public void MarshallingLayerRunsOverTheCLibrary()
        {
            string root = BuildPaths.RepositoryRoot;
            string script = Path.Combine(root, "firmware-bindings", "nanoframework", "hosttest", "run.sh");
            string output = Path.Combine(Path.GetTempPath(), "omv-nf-hosttest-" + Guid.NewGuid().ToString("N"));
            ProcessStartInfo start = new ProcessStartInfo("bash", "\"" + script + "\" \"" + output + "\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(start)!;
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                Assert.True(process.WaitForExit(240_000), "run.sh took more than 4 minutes");
                string log = stdout.Result + stderr.Result;
                Assert.True(process.ExitCode == 0, log);
                Assert.Contains("marshalling host test: passed (0 failures)", log);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                try { Directory.Delete(output, true); } catch (IOException) { }
            }
        }
    }
}
