using System;
using System.Security.Cryptography;

namespace OpenMvSsl.Host
{
    /// <summary>The message digest an ECDSA signature covers, for the libcrypto path (which signs digests).</summary>
    internal static class EcDigest
    {
        public const int MaxLength = 48;

        /// <summary>Hashes message into digest and returns the digest length.</summary>
        public static int Compute(HashAlgorithmName hash, ReadOnlySpan<byte> message, Span<byte> digest)
        {
            if (hash == HashAlgorithmName.SHA384) return SHA384.HashData(message, digest);
            if (hash == HashAlgorithmName.SHA256) return SHA256.HashData(message, digest);
            throw new CryptographicException("No ECDSA digest for " + hash.Name + ".");
        }
    }
}
