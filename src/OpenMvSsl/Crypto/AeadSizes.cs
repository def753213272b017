using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>Key and tag sizes of each AEAD algorithm, in bytes.</summary>
    public static class AeadSizes
    {
        public static int KeyLength(AeadAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes128Ccm:
                case AeadAlgorithm.Aes128Ccm8:
                    return 16;
                case AeadAlgorithm.Aes256Gcm:
                case AeadAlgorithm.Aes256Ccm:
                case AeadAlgorithm.Aes256Ccm8:
                case AeadAlgorithm.ChaCha20Poly1305:
                    return 32;
                default:
                    throw new SslException(SslError.UnsupportedAlgorithm, "unknown AEAD algorithm " + (int)algorithm);
            }
        }

        /// <summary>16, or 8 for the CCM_8 ciphers.</summary>
        public static int TagLength(AeadAlgorithm algorithm)
        {
            KeyLength(algorithm); // rejects unknown values
            return algorithm == AeadAlgorithm.Aes128Ccm8 || algorithm == AeadAlgorithm.Aes256Ccm8 ? 8 : 16;
        }
    }
}
