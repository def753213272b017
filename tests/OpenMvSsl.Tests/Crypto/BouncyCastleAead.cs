using System;
using OpenMvSsl.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>BouncyCastle's AEAD implementations, the independent reference for ours.</summary>
    internal static class BouncyCastleAead
    {
        public static byte[] Seal(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
        {
            IAeadCipher cipher = Create(algorithm);
            cipher.Init(true, new AeadParameters(new KeyParameter(key), TagBits(algorithm), nonce, aad));
            return Run(cipher, plaintext);
        }

        /// <summary>Null when authentication fails.</summary>
        public static byte[] Open(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag)
        {
            IAeadCipher cipher = Create(algorithm);
            cipher.Init(false, new AeadParameters(new KeyParameter(key), TagBits(algorithm), nonce, aad));
            try
            {
                return Run(cipher, ciphertextAndTag);
            }
            catch (InvalidCipherTextException)
            {
                return null;
            }
        }

        private static byte[] Run(IAeadCipher cipher, byte[] input)
        {
            byte[] output = new byte[cipher.GetOutputSize(input.Length)];
            int written = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            written += cipher.DoFinal(output, written);
            return output.AsSpan(0, written).ToArray();
        }

        private static int TagBits(AeadAlgorithm algorithm)
        {
            return algorithm == AeadAlgorithm.Aes128Ccm8 || algorithm == AeadAlgorithm.Aes256Ccm8 ? 64 : 128;
        }

        private static IAeadCipher Create(AeadAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes256Gcm:
                    return new GcmBlockCipher(new AesEngine());
                case AeadAlgorithm.ChaCha20Poly1305:
                    return new ChaCha20Poly1305();
                default:
                    return new CcmBlockCipher(new AesEngine());
            }
        }
    }
}
