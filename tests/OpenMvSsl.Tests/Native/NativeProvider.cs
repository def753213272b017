using System;
using System.Diagnostics;
using System.IO;
using OpenMvSsl.Native;

namespace OpenMvSsl.Tests.Native
{
    /// <summary>
    /// The one MbedTlsCryptoProvider the tests share. scripts/test.sh builds the C library before
    /// the .NET tests; when a test run alone finds it missing, it is built once here (cmake,
    /// bounded to 5 minutes). If it still cannot be loaded, every test that needs it fails with the
    /// provider's message (no skip).
    /// </summary>
    internal static class NativeProvider
    {
        private static readonly Lazy<MbedTlsCryptoProvider> Shared = new Lazy<MbedTlsCryptoProvider>(Create);

        public static MbedTlsCryptoProvider Instance => Shared.Value;

        private static MbedTlsCryptoProvider Create()
        {
            string path = NativeLibraryLocator.ExpectedPath;
            if (path != null && !File.Exists(path) && Environment.GetEnvironmentVariable(NativeLibraryLocator.EnvironmentVariable) == null)
            {
                BuildOnce(NativeLibraryLocator.FindRepositoryRoot());
            }
            return new MbedTlsCryptoProvider();
        }

        private static void BuildOnce(string root)
        {
            string source = Path.Combine(root, "firmware-bindings");
            string build = Path.Combine(source, "build");
            Run("cmake", "-S \"" + source + "\" -B \"" + build + "\" -DCMAKE_BUILD_TYPE=RelWithDebInfo");
            Run("cmake", "--build \"" + build + "\" --target omvssl_crypto -j2");
        }

        private static void Run(string program, string arguments)
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start);
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(true);
            }
        }
    }
}
