using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// Finds and loads the C library (libomvssl_crypto.so) at run time: the path in the
    /// OMVSSL_NATIVE_LIB environment variable when it is set, otherwise
    /// firmware-bindings/build/ under the repository root, found by walking up from the running
    /// application's directory (then from this assembly's) to the directory holding OpenMvSsl.sln.
    /// scripts/test-native.sh builds the library there.
    /// </summary>
    public static class NativeLibraryLocator
    {
        public const string EnvironmentVariable = "OMVSSL_NATIVE_LIB";

        private static readonly object Gate = new object();
        private static bool resolverInstalled;
        private static IntPtr loaded;

        /// <summary>The library's file name on this operating system.</summary>
        public static string FileName
        {
            get
            {
                if (OperatingSystem.IsWindows()) return "omvssl_crypto.dll";
                if (OperatingSystem.IsMacOS()) return "libomvssl_crypto.dylib";
                return "libomvssl_crypto.so";
            }
        }

        /// <summary>The repository root (the directory with OpenMvSsl.sln) above the application, or null.</summary>
        public static string FindRepositoryRoot()
        {
            string root = WalkUp(AppContext.BaseDirectory);
            if (root != null) return root;
            string assembly = typeof(NativeLibraryLocator).Assembly.Location;
            return string.IsNullOrEmpty(assembly) ? null : WalkUp(Path.GetDirectoryName(assembly));
        }

        /// <summary>Where the library is looked for (it may not exist); null when there is no repository to look in.</summary>
        public static string ExpectedPath
        {
            get
            {
                string configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
                if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);
                string root = FindRepositoryRoot();
                return root == null ? null : Path.Combine(root, "firmware-bindings", "build", FileName);
            }
        }

        /// <summary>
        /// Loads the library once. Throws SslException(UnsupportedAlgorithm) naming the path when
        /// it is missing or cannot be loaded.
        /// </summary>
        public static void EnsureLoaded()
        {
            lock (Gate)
            {
                Install();
                if (loaded != IntPtr.Zero) return;
                string path = ExpectedPath;
                if (path == null || !File.Exists(path))
                {
                    throw new SslException(SslError.UnsupportedAlgorithm,
                        "The mbedTLS crypto library was not found at '"
                        + (path ?? "firmware-bindings/build/" + FileName + " (no OpenMvSsl.sln above " + AppContext.BaseDirectory + ")")
                        + "'. Build it with scripts/test-native.sh, or set " + EnvironmentVariable + " to its path.");
                }
                IntPtr handle;
                if (!NativeLibrary.TryLoad(path, out handle))
                {
                    throw new SslException(SslError.UnsupportedAlgorithm,
                        "The mbedTLS crypto library at '" + path + "' could not be loaded (is libmbedtls installed? "
                        + "rebuild it with scripts/test-native.sh).");
                }
                loaded = handle;
            }
        }

        internal static void Install()
        {
            lock (Gate)
            {
                if (resolverInstalled) return;
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLocator).Assembly, Resolve);
                resolverInstalled = true;
            }
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (libraryName != NativeMethods.Library) return IntPtr.Zero;
            try
            {
                EnsureLoaded();
                return loaded;
            }
            catch (SslException)
            {
                return IntPtr.Zero; // the runtime then throws DllNotFoundException
            }
        }

        private static string WalkUp(string start)
        {
            for (DirectoryInfo directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
                 directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "OpenMvSsl.sln"))) return directory.FullName;
            }
            return null;
        }
    }
}
