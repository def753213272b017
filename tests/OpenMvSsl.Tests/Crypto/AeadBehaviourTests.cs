using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    public abstract class AeadBehaviourTests
    {
        protected abstract ICryptoProvider Provider { get; }

        public static readonly TheoryData<AeadAlgorithm> AllAlgorithms = new TheoryData<AeadAlgorithm>
        {
            AeadAlgorithm.Aes128Gcm, AeadAlgorithm.Aes256Gcm, AeadAlgorithm.Aes128Ccm, AeadAlgorithm.Aes256Ccm,
            AeadAlgorithm.Aes128Ccm8, AeadAlgorithm.Aes256Ccm8, AeadAlgorithm.ChaCha20Poly1305,
        };

        private static byte[] RandomKey(AeadAlgorithm algorithm, Random random)
        {
            byte[] key = new byte[AeadSizes.KeyLength(algorithm)];
            random.NextBytes(key);
            return key;
        }

        private static byte[] RandomBytes(Random random, int length)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        // Random lengths 0..2000 and AAD 0..40, one key per algorithm reused for many messages
        // (which also checks that no state leaks from one message to the next).
        [Theory]
        [MemberData(nameof(AllAlgorithms))]
        public void Agrees_with_BouncyCastle_both_ways(AeadAlgorithm algorithm)
        {
            Random random = new Random(8439 + (int)algorithm);
            byte[] key = RandomKey(algorithm, random);
            using (IAead aead = Provider.CreateAead(algorithm, key))
            {
                for (int round = 0; round < 150; round++)
                {
                    byte[] nonce = RandomBytes(random, 12);
                    byte[] aad = RandomBytes(random, random.Next(0, 41));
                    byte[] plaintext = RandomBytes(random, round < 3 ? round : random.Next(0, 2001));

                    byte[] ours = new byte[plaintext.Length + aead.TagLength];
                    aead.Seal(nonce, aad, plaintext, ours);
                    Assert.Equal(plaintext, BouncyCastleAead.Open(algorithm, key, nonce, aad, ours));

                    byte[] theirs = BouncyCastleAead.Seal(algorithm, key, nonce, aad, plaintext);
                    Assert.Equal(ours, theirs);
                    byte[] opened = new byte[plaintext.Length];
                    Assert.True(aead.Open(nonce, aad, theirs, opened));
                    Assert.Equal(plaintext, opened);
                }
            }
        }

        // CCM allows 7..13-byte nonces; the length field shrinks as the nonce grows.
        [Theory]
        [InlineData(AeadAlgorithm.Aes128Ccm, 7)]
        [InlineData(AeadAlgorithm.Aes256Ccm8, 8)]
        [InlineData(AeadAlgorithm.Aes128Ccm8, 13)]
        [InlineData(AeadAlgorithm.Aes256Ccm, 13)]
        public void Ccm_takes_every_allowed_nonce_length(AeadAlgorithm algorithm, int nonceLength)
        {
            Random random = new Random(3610 + nonceLength);
            byte[] key = RandomKey(algorithm, random);
            using (IAead aead = Provider.CreateAead(algorithm, key))
            {
                foreach (int length in new[] { 0, 1, 15, 16, 17, 4095, 4096, 4097, 9000 })
                {
                    byte[] nonce = RandomBytes(random, nonceLength);
                    byte[] aad = RandomBytes(random, 20);
                    byte[] plaintext = RandomBytes(random, length);
                    byte[] ours = new byte[length + aead.TagLength];
                    aead.Seal(nonce, aad, plaintext, ours);
                    Assert.Equal(BouncyCastleAead.Seal(algorithm, key, nonce, aad, plaintext), ours);
                }
            }
        }

        [Theory]
        [MemberData(nameof(AllAlgorithms))]
        public void Seals_and_opens_in_place(AeadAlgorithm algorithm)
        {
            Random random = new Random(77 + (int)algorithm);
            byte[] key = RandomKey(algorithm, random);
            using (IAead aead = Provider.CreateAead(algorithm, key))
            {
                foreach (int length in new[] { 0, 1, 16, 100, 1024, 5000, 16384 })
                {
                    byte[] nonce = RandomBytes(random, 12);
                    byte[] aad = RandomBytes(random, 13);
                    byte[] plaintext = RandomBytes(random, length);
                    byte[] expected = BouncyCastleAead.Seal(algorithm, key, nonce, aad, plaintext);

                    // The record sits inside a larger buffer, as in the record layer.
                    byte[] buffer = new byte[5 + length + aead.TagLength + 3];
                    plaintext.CopyTo(buffer, 5);
                    SpanByte record = new SpanByte(buffer, 5, length + aead.TagLength);
                    aead.Seal(nonce, aad, record.Slice(0, length), record);
                    Assert.Equal(expected, record.ToArray());

                    Assert.True(aead.Open(nonce, aad, record, record));
                    Assert.Equal(plaintext, record.Slice(0, length).ToArray());
                }
            }
        }

        [Theory]
        [MemberData(nameof(AllAlgorithms))]
        public void Open_returns_false_and_clears_output_for_any_tampering(AeadAlgorithm algorithm)
        {
            Random random = new Random(5 + (int)algorithm);
            byte[] key = RandomKey(algorithm, random);
            byte[] nonce = RandomBytes(random, 12);
            byte[] aad = RandomBytes(random, 13);
            byte[] plaintext = RandomBytes(random, 64);
            using (IAead aead = Provider.CreateAead(algorithm, key))
            {
                byte[] sealedBytes = new byte[64 + aead.TagLength];
                aead.Seal(nonce, aad, plaintext, sealedBytes);

                for (int position = 0; position < sealedBytes.Length; position += 7)
                {
                    byte[] tampered = (byte[])sealedBytes.Clone();
                    tampered[position] ^= 0x01;
                    byte[] output = RandomBytes(random, 64);
                    Assert.False(aead.Open(nonce, aad, tampered, output));
                    Assert.Equal(new byte[64], output);
                }

                byte[] otherAad = (byte[])aad.Clone();
                otherAad[0] ^= 0x80;
                byte[] inPlace = (byte[])sealedBytes.Clone();
                Assert.False(aead.Open(nonce, otherAad, inPlace, inPlace));
                Assert.Equal(new byte[64], inPlace.AsSpan(0, 64).ToArray());

                byte[] otherNonce = (byte[])nonce.Clone();
                otherNonce[11] ^= 0x01;
                Assert.False(aead.Open(otherNonce, aad, sealedBytes, new byte[64]));

                // Shorter than a tag: a malformed record, not an exception.
                Assert.False(aead.Open(nonce, aad, new byte[aead.TagLength - 1], new byte[0]));

                // The key still works after all those failures.
                byte[] opened = new byte[64];
                Assert.True(aead.Open(nonce, aad, sealedBytes, opened));
                Assert.Equal(plaintext, opened);
            }
        }

        [Theory]
        [InlineData(AeadAlgorithm.Aes128Gcm, 32)]
        [InlineData(AeadAlgorithm.Aes256Gcm, 16)]
        [InlineData(AeadAlgorithm.Aes128Ccm, 24)]
        [InlineData(AeadAlgorithm.Aes256Ccm8, 16)]
        [InlineData(AeadAlgorithm.ChaCha20Poly1305, 16)]
        [InlineData(AeadAlgorithm.ChaCha20Poly1305, 0)]
        public void Rejects_a_key_of_the_wrong_size(AeadAlgorithm algorithm, int keyLength)
        {
            SslException e = Assert.Throws<SslException>(() => Provider.CreateAead(algorithm, new byte[keyLength]));
            Assert.Equal(SslError.InvalidArgument, e.Error);
        }

        [Fact]
        public void Rejects_an_unknown_algorithm()
        {
            Assert.False(Provider.IsSupported((AeadAlgorithm)99));
            SslException e = Assert.Throws<SslException>(() => Provider.CreateAead((AeadAlgorithm)99, new byte[16]));
            Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
        }

        [Theory]
        [MemberData(nameof(AllAlgorithms))]
        public void Rejects_bad_nonce_short_output_and_shifted_overlap(AeadAlgorithm algorithm)
        {
            using (IAead aead = Provider.CreateAead(algorithm, new byte[AeadSizes.KeyLength(algorithm)]))
            {
                byte[] buffer = new byte[200];
                SslException e = Assert.Throws<SslException>(() => aead.Seal(new byte[6], new byte[0], new byte[10], new byte[100]));
                Assert.Equal(SslError.InvalidArgument, e.Error);
                e = Assert.Throws<SslException>(() => aead.Seal(new byte[14], new byte[0], new byte[10], new byte[100]));
                Assert.Equal(SslError.InvalidArgument, e.Error);

                e = Assert.Throws<SslException>(() => aead.Seal(new byte[12], new byte[0], new byte[10], new byte[10 + aead.TagLength - 1]));
                Assert.Equal(SslError.BufferTooSmall, e.Error);
                e = Assert.Throws<SslException>(() => aead.Open(new byte[12], new byte[0], new byte[10 + aead.TagLength], new byte[9]));
                Assert.Equal(SslError.BufferTooSmall, e.Error);

                // Output starting one byte after the input would read overwritten bytes.
                e = Assert.Throws<SslException>(() => aead.Seal(new byte[12], new byte[0],
                    new SpanByte(buffer, 0, 50), new SpanByte(buffer, 1, 50 + aead.TagLength)));
                Assert.Equal(SslError.InvalidArgument, e.Error);
                e = Assert.Throws<SslException>(() => aead.Open(new byte[12], new byte[0],
                    new SpanByte(buffer, 1, 50 + aead.TagLength), new SpanByte(buffer, 0, 50)));
                Assert.Equal(SslError.InvalidArgument, e.Error);
            }
        }

        [Fact]
        public void Ccm_refuses_a_message_longer_than_its_length_field()
        {
            // A 13-byte nonce leaves 2 bytes for the length: at most 65535 bytes.
            using (IAead aead = Provider.CreateAead(AeadAlgorithm.Aes128Ccm, new byte[16]))
            {
                byte[] big = new byte[65536];
                SslException e = Assert.Throws<SslException>(() => aead.Seal(new byte[13], new byte[0], big, new byte[65536 + 16]));
                Assert.Equal(SslError.InvalidArgument, e.Error);
                aead.Seal(new byte[13], new byte[0], big.AsSpan(0, 65535), new byte[65535 + 16]);
            }
        }

        [Theory]
        [MemberData(nameof(AllAlgorithms))]
        public void Reports_its_algorithm_and_tag_length_and_refuses_use_after_dispose(AeadAlgorithm algorithm)
        {
            IAead aead = Provider.CreateAead(algorithm, new byte[AeadSizes.KeyLength(algorithm)]);
            Assert.Equal(algorithm, aead.Algorithm);
            bool ccm8 = algorithm == AeadAlgorithm.Aes128Ccm8 || algorithm == AeadAlgorithm.Aes256Ccm8;
            Assert.Equal(ccm8 ? 8 : 16, aead.TagLength);
            aead.Dispose();
            aead.Dispose();
            SslException e = Assert.Throws<SslException>(() => aead.Seal(new byte[12], new byte[0], new byte[1], new byte[17]));
            Assert.Equal(SslError.InvalidState, e.Error);
        }

        // After warm-up, 1000 seals and 1000 opens of 1 KiB allocate nothing at all.
        [Theory]
        [MemberData(nameof(AllAlgorithms))]
        public void Seal_and_open_allocate_nothing(AeadAlgorithm algorithm)
        {
            byte[] key = new byte[AeadSizes.KeyLength(algorithm)];
            byte[] nonce = new byte[12];
            byte[] aad = new byte[13];
            byte[] record = new byte[1024 + 16];
            using (IAead aead = Provider.CreateAead(algorithm, key))
            {
                SealAndOpen(aead, nonce, aad, record, 50);
                long before = GC.GetAllocatedBytesForCurrentThread();
                bool allOpened = SealAndOpen(aead, nonce, aad, record, 1000);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allOpened);
                Assert.Equal(0, allocated);
            }
        }

        private static bool SealAndOpen(IAead aead, byte[] nonce, byte[] aad, byte[] record, int count)
        {
            bool allOpened = true;
            SpanByte message = new SpanByte(record, 0, 1024 + aead.TagLength);
            for (int i = 0; i < count; i++)
            {
                nonce[0] = (byte)i;
                aead.Seal(nonce, aad, message.Slice(0, 1024), message);
                allOpened &= aead.Open(nonce, aad, message, message);
            }
            return allOpened;
        }
    }

    public sealed class AeadBehaviourTests_DotNet : AeadBehaviourTests
    {
        protected override ICryptoProvider Provider => TestProviders.DotNet;
    }

    public sealed class AeadBehaviourTests_MbedTls : AeadBehaviourTests
    {
        protected override ICryptoProvider Provider => TestProviders.MbedTls;
    }
}
