using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace OpenMvSsl.Tests.Portability
{
    /// <summary>
    /// One version for every package: Directory.Build.props' &lt;Version&gt;. The desktop package
    /// made by `dotnet pack` carries it (and depends on the core at the same version), scripts/pack.sh
    /// reads the same value, and the nanoFramework nuspec has a token, not a number of its own.
    /// </summary>
    public class PackagingTests
    {
        private static readonly string Root = FindRoot();

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OpenMvSsl.sln"))) return dir.FullName;
            throw new InvalidOperationException("OpenMvSsl.sln not found above " + AppContext.BaseDirectory);
        }

        private static string PropsVersion()
        {
            XDocument props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
            string version = props.Descendants("Version").Single().Value.Trim();
            Assert.Matches(new Regex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"), version);
            return version;
        }

        private static (int exitCode, string output) Run(string program, TimeSpan limit, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                Assert.True(process.WaitForExit(limit), program + " did not finish within " + limit);
                return (process.ExitCode, stdout.Result + stderr.Result);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public void DotnetPackOfTheDesktopPackageUsesThePropsVersion()
        {
            string version = PropsVersion();
            // The test project builds OpenMvSsl.Host in its own configuration; pack that build.
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent.Name;
            string output = Path.Combine(Path.GetTempPath(), "omvssl-pack-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (exitCode, log) = Run("dotnet", TimeSpan.FromMinutes(3),
                    "pack", "src/OpenMvSsl.Host/OpenMvSsl.Host.csproj", "-c", configuration, "--no-build", "-nologo", "-o", output);
                Assert.True(exitCode == 0, "dotnet pack failed:\n" + log);
                string package = Directory.GetFiles(output, "OpenMvSsl.Host.*.nupkg").Single();
                Assert.Equal("OpenMvSsl.Host." + version + ".nupkg", Path.GetFileName(package));

                using ZipArchive zip = ZipFile.OpenRead(package);
                using Stream nuspecStream = zip.GetEntry("OpenMvSsl.Host.nuspec").Open();
                XDocument nuspec = XDocument.Load(nuspecStream);
                XNamespace ns = nuspec.Root.Name.Namespace;
                Assert.Equal(version, nuspec.Descendants(ns + "version").First().Value);
                XElement core = nuspec.Descendants(ns + "dependency").Single(d => (string)d.Attribute("id") == "OpenMvSsl");
                Assert.Equal(version, (string)core.Attribute("version"));
                Assert.NotNull(zip.GetEntry("lib/net10.0/OpenMvSsl.Host.dll"));
                Assert.NotNull(zip.GetEntry("README.md"));
            }
            finally
            {
                if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            }
        }

        [Fact]
        public void PackScriptReadsThePropsVersion()
        {
            var (exitCode, log) = Run("bash", TimeSpan.FromSeconds(30), "scripts/pack.sh", "--version");
            Assert.True(exitCode == 0, log);
            Assert.Equal(PropsVersion(), log.Trim());
        }

        [Fact]
        public void NanoFrameworkNuspecTakesItsVersionFromTheCommandLine()
        {
            XDocument nuspec = XDocument.Load(Path.Combine(Root, "nuget", "OpenMvSsl.nanoFramework.nuspec"));
            XNamespace ns = nuspec.Root.Name.Namespace;
            XElement metadata = nuspec.Root.Element(ns + "metadata");
            Assert.Equal("$version$", metadata.Element(ns + "version").Value.Trim());
            // The checksum and the build folder are tokens too; only dependency versions are literal.
            Assert.Contains("$nativeChecksum$", metadata.Element(ns + "description").Value);
            Assert.All(nuspec.Descendants(ns + "file").Where(f => ((string)f.Attribute("src")).Contains("OpenMvSsl.")),
                f => Assert.StartsWith("$bin$/", (string)f.Attribute("src")));
        }

        [Fact]
        public void NanoFrameworkNuspecDependsOnTheCoreLibraryTheCoreIsCompiledAgainst()
        {
            XDocument nano = XDocument.Load(Path.Combine(Root, "src", "OpenMvSsl.Nano", "OpenMvSsl.Nano.csproj"));
            string coreLibrary = nano.Descendants("PackageReference").Single(p => (string)p.Attribute("Include") == "nanoFramework.CoreLibrary").Attribute("Version").Value;
            XDocument nuspec = XDocument.Load(Path.Combine(Root, "nuget", "OpenMvSsl.nanoFramework.nuspec"));
            XNamespace ns = nuspec.Root.Name.Namespace;
            XElement dependency = nuspec.Descendants(ns + "dependency").Single(d => (string)d.Attribute("id") == "nanoFramework.CoreLibrary");
            Assert.Equal("[" + coreLibrary + "]", (string)dependency.Attribute("version"));
        }
    }
}
