using System.IO;
using System.Linq;
using System.Reflection;

namespace OpenMvSsl.Tests
{
    /// <summary>
    /// Where the build put the nanoFramework outputs the tests read, from the AssemblyMetadata the
    /// test project records at build time (NanoAssembly, NanoMscorlib).
    /// </summary>
    internal static class BuildPaths
    {
        private static string Metadata(string key) =>
            typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;

        /// <summary>The nanoFramework build of the core (src/OpenMvSsl.Nano).</summary>
        public static string NanoAssembly => Path.GetFullPath(Metadata("NanoAssembly"));

        /// <summary>nanoFramework's mscorlib, which the nano builds compile against.</summary>
        public static string NanoMscorlib => Path.GetFullPath(Metadata("NanoMscorlib"));

        /// <summary>The artifacts folder that holds every nanoFramework build output.</summary>
        public static string Artifacts => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(NanoAssembly), ".."));

        public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Artifacts, ".."));
    }
}
