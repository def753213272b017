using System;
using System.Security.Cryptography;

namespace OpenMvSsl.Host
{
    /// <summary>Maps the library's hash enum to the BCL's, with digest lengths.</summary>
    internal static class HashNames
    {
        public static HashAlgorithmName ToDotNet(OpenMvSsl.Crypto.HashAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case OpenMvSsl.Crypto.HashAlgorithm.Sha256: return HashAlgorithmName.SHA256;
                case OpenMvSsl.Crypto.HashAlgorithm.Sha384: return HashAlgorithmName.SHA384;
                default:
                    throw new SslException(SslError.UnsupportedAlgorithm, "Unknown hash algorithm " + (int)algorithm + ".");
            }
        }

        public static int LengthOf(OpenMvSsl.Crypto.HashAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case OpenMvSsl.Crypto.HashAlgorithm.Sha256: return 32;
                case OpenMvSsl.Crypto.HashAlgorithm.Sha384: return 48;
                default:
                    throw new SslException(SslError.UnsupportedAlgorithm, "Unknown hash algorithm " + (int)algorithm + ".");
            }
        }

        public static void CheckOutput(Span<byte> output, int length)
        {
            if (output.Length < length)
            {
                throw new SslException(SslError.BufferTooSmall,
                    "The digest needs " + length + " bytes, the output has " + output.Length + ".");
            }
        }
    }
}
