using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Decides once per process whether the EC fast path (libcrypto.so.3 called directly) is used,
    /// and holds the curve facts it needs. The BCL path stays the fallback: on other systems, when
    /// the library or one of its exports is missing, when its self-test fails, and when the
    /// environment variable OPENMVSSL_HOST_EC is "bcl".
    /// </summary>
    internal static class OpenSslEc
    {
        public const string SwitchVariable = "OPENMVSSL_HOST_EC";

        private static readonly bool _available = Probe();

        /// <summary>True when the fast path is usable and not switched off.</summary>
        public static bool IsAvailable { get { return _available; } }

        public static int NidOf(NamedGroup group)
        {
            return group == NamedGroup.Secp384r1 ? OpenSslEcNative.NidSecp384r1 : OpenSslEcNative.NidPrime256v1;
        }

        public static int CoordinateLengthOf(NamedGroup group)
        {
            return group == NamedGroup.Secp384r1 ? 48 : 32;
        }

        private static bool Probe()
        {
            string choice = Environment.GetEnvironmentVariable(SwitchVariable);
            if (choice != null && choice.Trim().Equals("bcl", StringComparison.OrdinalIgnoreCase)) return false;
            if (!OperatingSystem.IsLinux()) return false;

            IntPtr library;
            if (!NativeLibrary.TryLoad(OpenSslEcNative.Library, out library)) return false;
            foreach (string name in OpenSslEcNative.Exports)
            {
                IntPtr address;
                if (!NativeLibrary.TryGetExport(library, name, out address)) return false;
            }

            try
            {
                return SelfTest(NamedGroup.Secp256r1) && SelfTest(NamedGroup.Secp384r1);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException
                || e is BadImageFormatException || e is MarshalDirectiveException || e is CryptographicException)
            {
                return false;
            }
        }

        // Two fresh keys must agree, and a signature must verify: proves the calls and sizes match this build.
        private static bool SelfTest(NamedGroup group)
        {
            int pointLength = 1 + 2 * CoordinateLengthOf(group);
            byte[] alicePoint = new byte[pointLength];
            byte[] bobPoint = new byte[pointLength];
            byte[] aliceSecret = new byte[CoordinateLengthOf(group)];
            byte[] bobSecret = new byte[CoordinateLengthOf(group)];
            byte[] digest = new byte[32];
            byte[] signature = new byte[160];
            using (OpenSslEcKey alice = OpenSslEcKey.Generate(group))
            using (OpenSslEcKey bob = OpenSslEcKey.Generate(group))
            {
                if (alice == null || bob == null) return false;
                alice.ExportPublicPoint(alicePoint);
                bob.ExportPublicPoint(bobPoint);
                if (!alice.DeriveSharedSecret(bobPoint, aliceSecret) || !bob.DeriveSharedSecret(alicePoint, bobSecret)) return false;
                if (!CryptographicOperations.FixedTimeEquals(aliceSecret, bobSecret)) return false;

                int length = alice.SignDigest(digest, signature);
                return length > 0 && alice.VerifyDigest(digest, new ReadOnlySpan<byte>(signature, 0, length))
                    && !bob.VerifyDigest(digest, new ReadOnlySpan<byte>(signature, 0, length));
            }
        }
    }
}
