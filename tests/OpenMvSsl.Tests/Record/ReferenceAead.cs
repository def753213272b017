using System;
using OpenMvSsl.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace OpenMvSsl.Tests.Record
{
    /// <summary>
    /// BouncyCastle's AEADs, used as the independent implementation that expected records are
    /// built with (nothing here shares code with the library under test).
    /// </summary>
    internal static class ReferenceAead
    {
        public static int TagLength(AeadAlgorithm algorithm) =>
            algorithm == AeadAlgorithm.Aes128Ccm8 || algorithm == AeadAlgorithm.Aes256Ccm8 ? 8 : 16;

        public static byte[] Seal(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
        {
            IAeadCipher cipher = Create(algorithm, key, nonce, aad, forEncryption: true);
            var output = new byte[cipher.GetOutputSize(plaintext.Length)];
            int n = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
            cipher.DoFinal(output, n);
            return output;
        }

        public static byte[] Open(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] sealedBytes)
        {
            IAeadCipher cipher = Create(algorithm, key, nonce, aad, forEncryption: false);
            var output = new byte[cipher.GetOutputSize(sealedBytes.Length)];
            int n = cipher.ProcessBytes(sealedBytes, 0, sealedBytes.Length, output, 0);
            cipher.DoFinal(output, n);
            return output;
        }

        private static IAeadCipher Create(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, bool forEncryption)
        {
            IAeadCipher cipher = algorithm switch
            {
                AeadAlgorithm.Aes128Gcm or AeadAlgorithm.Aes256Gcm => new GcmBlockCipher(new AesEngine()),
                AeadAlgorithm.ChaCha20Poly1305 => new ChaCha20Poly1305(),
                _ => new CcmBlockCipher(new AesEngine()),
            };
            cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagLength(algorithm) * 8, nonce, aad));
            return cipher;
        }
    }
}
