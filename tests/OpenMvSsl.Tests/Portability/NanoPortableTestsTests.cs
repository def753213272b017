using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace OpenMvSsl.Tests.Portability
{
    /// <summary>
    /// The portable tests run on devices too (tests/OpenMvSsl.DeviceTests), so their
    /// nanoFramework build (tests/OpenMvSsl.PortableTests.Nano, in artifacts/nano-tests/) must
    /// pass the same metadata check as the core. The only difference allowed: it references the
    /// core itself, OpenMvSsl, besides mscorlib.
    /// </summary>
    public class NanoPortableTestsTests
    {
        private static string NanoTestsPath()
        {
            return Path.Combine(BuildPaths.Artifacts, "nano-tests", "OpenMvSsl.PortableTests.dll");
        }

        private static byte[] Image()
        {
            string path = NanoTestsPath();
            Assert.True(File.Exists(path), "nanoFramework build of the portable tests not found at " + path + " (build tests/OpenMvSsl.PortableTests.Nano)");
            return File.ReadAllBytes(path);
        }

        [Fact]
        public void NanoBuildOfThePortableTestsHasNothingFirmwareWouldRefuse()
        {
            var problems = NanoMetadataChecker.Check(Image());
            var forbidden = problems.Where(p => p != "references assembly OpenMvSsl").ToList();
            Assert.True(forbidden.Count == 0, "nanoFramework build of the portable tests has forbidden metadata:\n" + string.Join("\n", forbidden));
        }

        [Fact]
        public void NanoBuildOfThePortableTestsReferencesExactlyMscorlibAndTheCore()
        {
            using var pe = new PEReader(new MemoryStream(Image()));
            MetadataReader md = pe.GetMetadataReader();
            var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "OpenMvSsl", "mscorlib" }, references);
        }

        [Fact]
        public void NanoBuildHoldsTheTestClasses()
        {
            using var pe = new PEReader(new MemoryStream(Image()));
            MetadataReader md = pe.GetMetadataReader();
            var names = md.TypeDefinitions.Select(h => md.GetString(md.GetTypeDefinition(h).Name)).ToHashSet();
            foreach (string expected in new[] { "TlsRecordLayerTests", "DtlsRecordLayerTests", "ReplayWindowTests", "HandshakeCodecTests", "DtlsEngineTranscriptTests", "TlsEngineTranscriptTests", "Rfc8448RecordTests" })
                Assert.Contains(expected, names);
        }
    }
}
