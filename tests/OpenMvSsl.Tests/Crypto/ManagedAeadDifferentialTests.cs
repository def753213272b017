using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.Host.Intrinsics;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>
    /// The managed intrinsics AEADs against independent implementations: the BCL's AesGcm, AesCcm and
    /// ChaCha20Poly1305 (OpenSSL underneath) and BouncyCastle for CCM-8, over random keys, nonces, AAD
    /// and every length 0..300 plus some large ones; tampering with any byte must fail; no call allocates.
    /// </summary>
    public sealed class ManagedAeadDifferentialTests
    {
        public static readonly TheoryData<AeadAlgorithm> Algorithms = new TheoryData<AeadAlgorithm>
        {
            AeadAlgorithm.Aes128Gcm, AeadAlgorithm.Aes256Gcm, AeadAlgorithm.ChaCha20Poly1305,
            AeadAlgorithm.Aes128Ccm, AeadAlgorithm.Aes256Ccm, AeadAlgorithm.Aes128Ccm8, AeadAlgorithm.Aes256Ccm8,
        };

        private static readonly int[] LargeLengths = { 1023, 1024, 4097, 16383, 16384, 16385, 16384 + 256 + 7, 70000 };

        [Theory]
        [MemberData(nameof(Algorithms))]
        public void Seal_and_open_agree_with_an_independent_implementation(AeadAlgorithm algorithm)
        {
            if (!Supported(algorithm)) return; // this CPU lacks the instructions
            Random random = new Random(6 + (int)algorithm);
            for (int length = 0; length <= 300; length++) CheckOne(algorithm, random, length, random.Next(0, 41));
            foreach (int length in LargeLengths) CheckOne(algorithm, random, length, random.Next(0, 300));
            // Long AAD, on both sides of CCM's switch to the six-byte AAD length encoding at 0xFF00.
            foreach (int aadLength in new[] { 5000, 0xFEFF, 0xFF00 }) CheckOne(algorithm, random, 33, aadLength);
        }

        [Theory]
        [MemberData(nameof(Algorithms))]
        public void Flipping_any_bit_of_tag_ciphertext_or_aad_fails_and_wipes_the_output(AeadAlgorithm algorithm)
        {
            if (!Supported(algorithm)) return;
            Random random = new Random(66 + (int)algorithm);
            byte[] key = Bytes(random, AeadSizes.KeyLength(algorithm));
            int tagLength = AeadSizes.TagLength(algorithm);
            using (ManagedAeadCipher aead = Create(algorithm, key))
            {
                foreach (int length in new[] { 0, 1, 16, 17, 64, 100 })
                {
                    byte[] nonce = Bytes(random, 12), aad = Bytes(random, 13), plaintext = Bytes(random, length);
                    byte[] ciphertext = new byte[length], tag = new byte[tagLength];
                    aead.Seal(nonce, aad, plaintext, ciphertext, tag);

                    for (int i = 0; i < tag.Length + ciphertext.Length + aad.Length; i++)
                    {
                        byte[] c = (byte[])ciphertext.Clone(), t = (byte[])tag.Clone(), a = (byte[])aad.Clone();
                        byte bit = (byte)(1 << (i % 8));
                        if (i < t.Length) t[i] ^= bit;
                        else if (i < t.Length + c.Length) c[i - t.Length] ^= bit;
                        else a[i - t.Length - c.Length] ^= bit;
                        byte[] output = new byte[length];
                        Array.Fill(output, (byte)0xA5);
                        Assert.False(aead.Open(nonce, a, c, t, output), algorithm + " accepted a flip at position " + i + ", length " + length);
                        Assert.All(output, b => Assert.Equal(0, b));
                    }

                    // The nonce is authenticated too, and a short tag is refused.
                    byte[] otherNonce = (byte[])nonce.Clone();
                    otherNonce[11] ^= 0x80;
                    Assert.False(aead.Open(otherNonce, aad, ciphertext, tag, new byte[length]));
                    Assert.False(aead.Open(nonce, aad, ciphertext, tag.AsSpan(0, tagLength - 1), new byte[length]));
                    byte[] opened = new byte[length];
                    Assert.True(aead.Open(nonce, aad, ciphertext, tag, opened));
                    Assert.Equal(plaintext, opened);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Algorithms))]
        public void Sealing_and_opening_allocate_nothing(AeadAlgorithm algorithm)
        {
            if (!Supported(algorithm)) return;
            byte[] key = new byte[AeadSizes.KeyLength(algorithm)];
            int tagLength = AeadSizes.TagLength(algorithm);
            byte[] nonce = new byte[12], aad = new byte[13], buffer = new byte[20000], tag = new byte[tagLength];
            using (ManagedAeadCipher aead = Create(algorithm, key))
            {
                int[] lengths = { 0, 5, 64, 1000, 16384 };
                foreach (int length in lengths) RoundTrip(aead, nonce, aad, buffer.AsSpan(0, length), tag); // JIT and statics
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++)
                {
                    foreach (int length in lengths) RoundTrip(aead, nonce, aad, buffer.AsSpan(0, length), tag);
                    tag[0] ^= 1;
                    Assert.False(aead.Open(nonce, aad, buffer.AsSpan(0, 64), tag, buffer.AsSpan(0, 64)));
                    tag[0] ^= 1;
                }
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        // On a CPU with the instructions, the provider (and so every engine test) runs the managed code
        // for record-sized messages unless OPENMVSSL_HOST_AEAD says otherwise.
        [Theory]
        [MemberData(nameof(Algorithms))]
        public void The_provider_uses_the_managed_code_for_small_records(AeadAlgorithm algorithm)
        {
            string forced = Environment.GetEnvironmentVariable(DotNetAead.ImplementationVariable);
            bool expected = Supported(algorithm) && !string.Equals(forced, "bcl", StringComparison.OrdinalIgnoreCase);
            using (DotNetAead aead = new DotNetAead(algorithm, new byte[AeadSizes.KeyLength(algorithm)]))
            {
                Assert.Equal(expected, aead.IsManagedFor(64));
                Assert.Equal(expected, aead.IsManagedFor(1000));
            }
        }

        // DotNetAead hands long messages to the BCL; both sides of each length threshold must give
        // the bytes the BCL gives, and open what the BCL sealed.
        [Theory]
        [InlineData(AeadAlgorithm.Aes128Gcm, DotNetAead.GcmBclFromLength)]
        [InlineData(AeadAlgorithm.Aes256Gcm, DotNetAead.GcmBclFromLength)]
        [InlineData(AeadAlgorithm.ChaCha20Poly1305, DotNetAead.ChaChaBclFromLength)]
        public void The_provider_agrees_with_the_BCL_on_both_sides_of_its_length_threshold(AeadAlgorithm algorithm, int threshold)
        {
            Random random = new Random(threshold);
            byte[] key = Bytes(random, AeadSizes.KeyLength(algorithm));
            using (DotNetAead aead = new DotNetAead(algorithm, key))
            {
                foreach (int length in new[] { threshold - 17, threshold - 1, threshold, threshold + 1, threshold + 100 })
                {
                    byte[] nonce = Bytes(random, 12), aad = Bytes(random, 13), plaintext = Bytes(random, length);
                    byte[] expected = ReferenceSeal(algorithm, key, nonce, aad, plaintext);
                    byte[] output = new byte[length + 16];
                    aead.Seal(nonce, aad, plaintext, output);
                    Assert.True(output.AsSpan().SequenceEqual(expected), algorithm + " length " + length + ": seal differs");
                    byte[] opened = new byte[length];
                    Assert.True(aead.Open(nonce, aad, expected, opened), algorithm + " length " + length + ": open refused");
                    Assert.Equal(plaintext, opened);
                    expected[length] ^= 1;
                    Assert.False(aead.Open(nonce, aad, expected, opened));
                    Assert.All(opened, b => Assert.Equal(0, b));
                }
            }

            // A key whose first long message is one to open (the BCL object is made on first use).
            using (DotNetAead fresh = new DotNetAead(algorithm, key))
            {
                byte[] nonce = Bytes(random, 12), aad = Bytes(random, 13), plaintext = Bytes(random, threshold + 5);
                byte[] opened = new byte[plaintext.Length];
                Assert.True(fresh.Open(nonce, aad, ReferenceSeal(algorithm, key, nonce, aad, plaintext), opened));
                Assert.Equal(plaintext, opened);
            }
        }

        private static void RoundTrip(ManagedAeadCipher aead, byte[] nonce, byte[] aad, Span<byte> message, byte[] tag)
        {
            aead.Seal(nonce, aad, message, message, tag);
            Assert.True(aead.Open(nonce, aad, message, tag, message));
        }

        private static void CheckOne(AeadAlgorithm algorithm, Random random, int length, int aadLength)
        {
            byte[] key = Bytes(random, AeadSizes.KeyLength(algorithm));
            int nonceLength = IsCcm(algorithm) ? random.Next(7, 14) : 12;
            if (IsCcm(algorithm) && length > 65535) nonceLength = Math.Min(nonceLength, 12); // a 13-byte nonce caps CCM at 64 KiB
            byte[] nonce = Bytes(random, nonceLength), aad = Bytes(random, aadLength), plaintext = Bytes(random, length);
            int tagLength = AeadSizes.TagLength(algorithm);
            string where = algorithm + " length " + length + " aad " + aadLength + " nonce " + nonceLength;

            byte[] expected = ReferenceSeal(algorithm, key, nonce, aad, plaintext); // ciphertext || tag
            using (ManagedAeadCipher aead = Create(algorithm, key))
            {
                byte[] ciphertext = new byte[length], tag = new byte[tagLength];
                aead.Seal(nonce, aad, plaintext, ciphertext, tag);
                Assert.True(TestBytes.Concat(ciphertext, tag).AsSpan().SequenceEqual(expected), where + ": seal differs");

                byte[] inPlace = (byte[])plaintext.Clone();
                aead.Seal(nonce, aad, inPlace, inPlace, tag);
                Assert.True(inPlace.AsSpan().SequenceEqual(ciphertext), where + ": in-place seal differs");

                byte[] opened = new byte[length];
                Assert.True(aead.Open(nonce, aad, expected.AsSpan(0, length), expected.AsSpan(length), opened), where + ": open refused");
                Assert.True(opened.AsSpan().SequenceEqual(plaintext), where + ": open differs");
                Assert.True(aead.Open(nonce, aad, inPlace, tag, inPlace), where + ": in-place open refused");
                Assert.True(inPlace.AsSpan().SequenceEqual(plaintext), where + ": in-place open differs");
            }
        }

        private static byte[] ReferenceSeal(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
        {
            int tagLength = AeadSizes.TagLength(algorithm);
            byte[] ciphertext = new byte[plaintext.Length], tag = new byte[tagLength];
            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes256Gcm:
                    using (AesGcm gcm = new AesGcm(key, tagLength)) gcm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                    break;
                case AeadAlgorithm.ChaCha20Poly1305:
                    using (ChaCha20Poly1305 chaCha = new ChaCha20Poly1305(key)) chaCha.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                    break;
                case AeadAlgorithm.Aes128Ccm:
                case AeadAlgorithm.Aes256Ccm:
                    using (AesCcm ccm = new AesCcm(key)) ccm.Encrypt(nonce, plaintext, ciphertext, tag, aad);
                    break;
                default:
                    return BouncyCastleAead.Seal(algorithm, key, nonce, aad, plaintext);
            }
            return TestBytes.Concat(ciphertext, tag);
        }

        private static ManagedAeadCipher Create(AeadAlgorithm algorithm, byte[] key)
        {
            if (algorithm == AeadAlgorithm.Aes128Gcm || algorithm == AeadAlgorithm.Aes256Gcm) return new ManagedAesGcm(key);
            if (algorithm == AeadAlgorithm.ChaCha20Poly1305) return new ManagedChaCha20Poly1305(key);
            return new ManagedAesCcm(key, AeadSizes.TagLength(algorithm));
        }

        private static bool Supported(AeadAlgorithm algorithm)
        {
            if (algorithm == AeadAlgorithm.Aes128Gcm || algorithm == AeadAlgorithm.Aes256Gcm) return ManagedAesGcm.IsSupported;
            if (algorithm == AeadAlgorithm.ChaCha20Poly1305) return ManagedChaCha20Poly1305.IsSupported;
            return ManagedAesCcm.IsSupported;
        }

        private static bool IsCcm(AeadAlgorithm algorithm)
        {
            return algorithm != AeadAlgorithm.Aes128Gcm && algorithm != AeadAlgorithm.Aes256Gcm && algorithm != AeadAlgorithm.ChaCha20Poly1305;
        }

        private static byte[] Bytes(Random random, int length)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
    }
}
