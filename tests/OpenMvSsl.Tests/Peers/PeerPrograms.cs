using System;
using System.IO;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>Finds the external programs the launchers run, with a clear message when one is missing.</summary>
    public static class PeerPrograms
    {
        /// <summary>Full path of <paramref name="name"/> on PATH, or null.</summary>
        public static string Find(string name)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>Throws unless <paramref name="name"/> is on PATH.</summary>
        public static void Require(string name)
        {
            if (Find(name) == null)
                throw new InvalidOperationException(name + " is not installed (not on PATH). Run scripts/install-deps.sh.");
        }
    }
}
