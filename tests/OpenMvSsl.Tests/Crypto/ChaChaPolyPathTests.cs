using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OpenMvSsl.Host.Intrinsics;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>
    /// Known answers and cross-checks for each ChaCha20 / Poly1305 code path of the managed
    /// ChaCha20-Poly1305: the AVX2 two-block (row form) and eight-block ChaCha20, the SSSE3 four-block
    /// path (forced with allowAvx2: false), and Poly1305 in 64-bit limbs and in AVX2 26-bit limbs.
    /// </summary>
    public sealed class ChaChaPolyPathTests
    {
        private const string SunscreenText =
            "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";

        // RFC 8439 section 2.3.2: key 00..1f, nonce 000000090000004a00000000, counter 1.
        private const string Rfc8439Block232 =
            "10f1e7e4d13b5915500fdd1fa32071c4" + "c7d1f4c733c068030422aa9ac3d46c4e"
            + "d2826446079faa0914c2d705d98b02a2" + "b5129cd1de164eb9cbd083e8a2503c4e";

        // RFC 8439 section 2.4.2: the sunscreen plaintext under key 00..1f, nonce 000000000000004a00000000, counter 1.
        private const string Rfc8439Ciphertext242 =
            "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
            + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
            + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
            + "5af90bbf74a35be6b40b8eedf2785e42874d";

        private static uint[] KeyWords(byte[] key)
        {
            uint[] words = new uint[8];
            for (int i = 0; i < 8; i++) words[i] = BinaryPrimitives.ReadUInt32LittleEndian(key.AsSpan(4 * i));
            return words;
        }

        private static uint NonceWord(byte[] nonce, int index)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(nonce.AsSpan(4 * index));
        }

        [Fact]
        public void Avx2_block_functions_match_RFC8439_section_2_3_2()
        {
            if (!ChaCha20Avx2.IsSupported) return; // no AVX2 on this CPU: the path is never taken
            uint[] key = KeyWords(TestBytes.Counting(32, 0));
            byte[] nonce = TestBytes.Hex("000000090000004a00000000");
            byte[] two = new byte[128], eight = new byte[512];
            ChaCha20Avx2.Blocks2(key, 1, NonceWord(nonce, 0), NonceWord(nonce, 1), NonceWord(nonce, 2), two);
            ChaCha20Avx2.Blocks8(key, 1, NonceWord(nonce, 0), NonceWord(nonce, 1), NonceWord(nonce, 2), eight);
            Assert.Equal(Rfc8439Block232, TestBytes.ToHex(two.AsSpan(0, 64)));
            Assert.Equal(Rfc8439Block232, TestBytes.ToHex(eight.AsSpan(0, 64)));
        }

        [Fact]
        public void Avx2_keystream_matches_RFC8439_section_2_4_2()
        {
            if (!ChaCha20Avx2.IsSupported) return;
            uint[] key = KeyWords(TestBytes.Counting(32, 0));
            byte[] nonce = TestBytes.Hex("000000000000004a00000000");
            byte[] plaintext = Encoding.ASCII.GetBytes(SunscreenText);
            byte[] two = new byte[128], eight = new byte[512];
            ChaCha20Avx2.Blocks2(key, 1, NonceWord(nonce, 0), NonceWord(nonce, 1), NonceWord(nonce, 2), two);
            ChaCha20Avx2.Blocks8(key, 1, NonceWord(nonce, 0), NonceWord(nonce, 1), NonceWord(nonce, 2), eight);
            byte[] viaTwo = new byte[plaintext.Length], viaEight = new byte[plaintext.Length];
            for (int i = 0; i < plaintext.Length; i++)
            {
                viaTwo[i] = (byte)(plaintext[i] ^ two[i]);
                viaEight[i] = (byte)(plaintext[i] ^ eight[i]);
            }
            Assert.Equal(Rfc8439Ciphertext242, TestBytes.ToHex(viaTwo));
            Assert.Equal(Rfc8439Ciphertext242, TestBytes.ToHex(viaEight));
        }

        // Every lane of both shapes is the block of its own counter, including across the 2^32 wrap.
        [Theory]
        [InlineData(0u)]
        [InlineData(5u)]
        [InlineData(0xFFFFFFFAu)]
        public void Avx2_block_lanes_agree_with_each_other(uint counter)
        {
            if (!ChaCha20Avx2.IsSupported) return;
            byte[] keyBytes = RandomNumberGenerator.GetBytes(32);
            uint[] key = KeyWords(keyBytes);
            byte[] nonce = RandomNumberGenerator.GetBytes(12);
            uint n0 = NonceWord(nonce, 0), n1 = NonceWord(nonce, 1), n2 = NonceWord(nonce, 2);
            byte[] eight = new byte[512];
            ChaCha20Avx2.Blocks8(key, counter, n0, n1, n2, eight);
            byte[] two = new byte[128];
            for (uint k = 0; k < 8; k++)
            {
                ChaCha20Avx2.Blocks2(key, unchecked(counter + k), n0, n1, n2, two);
                Assert.Equal(TestBytes.ToHex(eight.AsSpan(64 * (int)k, 64)), TestBytes.ToHex(two.AsSpan(0, 64)));
                byte[] next = new byte[128];
                ChaCha20Avx2.Blocks2(key, unchecked(counter + k + 1), n0, n1, n2, next);
                Assert.Equal(TestBytes.ToHex(next.AsSpan(0, 64)), TestBytes.ToHex(two.AsSpan(64, 64)));
            }
        }

        // RFC 8439 section 2.8.2 and appendix A.5 through both ChaCha20 paths (AVX2 and SSSE3).
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Aead_matches_RFC8439_on_each_path(bool allowAvx2)
        {
            if (!ManagedChaCha20Poly1305.IsSupported) return;
            using (ManagedChaCha20Poly1305 aead = new ManagedChaCha20Poly1305(TestBytes.Counting(32, 0x80), allowAvx2))
            {
                ManagedAeadKnownAnswerTests.Check(aead, TestBytes.Hex("070000004041424344454647"), TestBytes.Hex("50515253c0c1c2c3c4c5c6c7"),
                    Encoding.ASCII.GetBytes(SunscreenText),
                    TestBytes.Hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                        + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                        + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                        + "3ff4def08e4b7a9de576d26586cec64b6116"),
                    TestBytes.Hex("1ae10b594f09e26a7e902ecbd0600691"));
            }
        }

        // The two ChaCha20 paths and the BCL agree at every length up to a few passes and at record sizes,
        // which also moves Poly1305 across its AVX2 threshold.
        [Fact]
        public void Avx2_and_Ssse3_paths_agree_with_the_BCL()
        {
            if (!ManagedChaCha20Poly1305.IsSupported || !ChaCha20Poly1305.IsSupported) return;
            byte[] key = RandomNumberGenerator.GetBytes(32);
            using ManagedChaCha20Poly1305 wide = new ManagedChaCha20Poly1305(key, true);
            using ManagedChaCha20Poly1305 narrow = new ManagedChaCha20Poly1305(key, false);
            using ChaCha20Poly1305 bcl = new ChaCha20Poly1305(key);
            byte[] tagWide = new byte[16], tagNarrow = new byte[16], tagBcl = new byte[16];
            for (int length = 0; length <= 4200; length += length < 700 ? 1 : 97)
            {
                byte[] nonce = RandomNumberGenerator.GetBytes(12);
                byte[] aad = RandomNumberGenerator.GetBytes(length % 29);
                byte[] plaintext = RandomNumberGenerator.GetBytes(length);
                byte[] outWide = new byte[length], outNarrow = new byte[length], outBcl = new byte[length];
                wide.Seal(nonce, aad, plaintext, outWide, tagWide);
                narrow.Seal(nonce, aad, plaintext, outNarrow, tagNarrow);
                bcl.Encrypt(nonce, plaintext, outBcl, tagBcl, aad);
                Assert.True(outBcl.AsSpan().SequenceEqual(outWide), "AVX2 ciphertext differs at length " + length);
                Assert.True(outBcl.AsSpan().SequenceEqual(outNarrow), "SSSE3 ciphertext differs at length " + length);
                Assert.True(tagBcl.AsSpan().SequenceEqual(tagWide), "AVX2 tag differs at length " + length);
                Assert.True(tagBcl.AsSpan().SequenceEqual(tagNarrow), "SSSE3 tag differs at length " + length);
                byte[] opened = new byte[length];
                Assert.True(wide.Open(nonce, aad, outBcl, tagBcl, opened));
                Assert.True(plaintext.AsSpan().SequenceEqual(opened));
            }
        }

        // RFC 8439 section 2.5.2 (34 bytes: two full blocks and a two-byte final block).
        [Fact]
        public void Poly1305_matches_RFC8439_section_2_5_2()
        {
            byte[] key = TestBytes.Hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
            byte[] message = Encoding.ASCII.GetBytes("Cryptographic Forum Research Group");
            Poly1305 mac = default;
            mac.Start(key);
            mac.UpdatePadded(message.AsSpan(0, 32));
            mac.UpdateFinalPartialBlock(message.AsSpan(32));
            Assert.Equal("a8061dc1305136c6c22b8baf0c0127a9", Tag(ref mac));
        }

        // RFC 8439 appendix A.3, the vectors whose messages are whole blocks (#1, #5-#11): they push the
        // limb carries and the final reduction to their edges. Each runs through the 64-bit-limb code and,
        // where it is a whole number of 64-byte groups, through the AVX2 26-bit-limb code.
        [Theory]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000000",
            "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "00000000000000000000000000000000")]
        [InlineData("0200000000000000000000000000000000000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffff", "03000000000000000000000000000000")]
        [InlineData("02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
            "02000000000000000000000000000000", "03000000000000000000000000000000")]
        [InlineData("0100000000000000000000000000000000000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffff" + "f0ffffffffffffffffffffffffffffff" + "11000000000000000000000000000000",
            "05000000000000000000000000000000")]
        [InlineData("0100000000000000000000000000000000000000000000000000000000000000",
            "ffffffffffffffffffffffffffffffff" + "fbfefefefefefefefefefefefefefefe" + "01010101010101010101010101010101",
            "00000000000000000000000000000000")]
        [InlineData("0200000000000000000000000000000000000000000000000000000000000000",
            "fdffffffffffffffffffffffffffffff", "faffffffffffffffffffffffffffffff")]
        [InlineData("0100000000000000040000000000000000000000000000000000000000000000",
            "e33594d7505e43b90000000000000000" + "3394d7505e4379cd0100000000000000" + "00000000000000000000000000000000"
            + "01000000000000000000000000000000",
            "14000000000000005500000000000000")]
        [InlineData("0100000000000000040000000000000000000000000000000000000000000000",
            "e33594d7505e43b90000000000000000" + "3394d7505e4379cd0100000000000000" + "00000000000000000000000000000000",
            "13000000000000000000000000000000")]
        public void Poly1305_matches_RFC8439_appendix_A3(string key, string message, string tag)
        {
            byte[] keyBytes = TestBytes.Hex(key), messageBytes = TestBytes.Hex(message);
            Poly1305 scalar = default;
            scalar.Start(keyBytes);
            scalar.UpdatePadded(messageBytes);
            Assert.Equal(tag, Tag(ref scalar));

            if (!Poly1305Avx2.IsSupported || messageBytes.Length % 64 != 0) return;
            Poly1305 vector = default;
            vector.Start(keyBytes, new ulong[Poly1305Avx2.PowersLength], 64);
            vector.UpdatePadded(messageBytes);
            Assert.Equal(tag, Tag(ref vector));
        }

        // Both Poly1305 forms against BouncyCastle's, on whole-block messages of 1..80 blocks, with random
        // keys and with keys and messages of all-ones bits (largest limbs, most carries).
        [Fact]
        public void Poly1305_forms_agree_with_BouncyCastle()
        {
            Random random = new Random(8439);
            ulong[] powers = new ulong[Poly1305Avx2.PowersLength];
            for (int trial = 0; trial < 240; trial++)
            {
                int blocks = 1 + trial % 80;
                byte[] key = new byte[32], message = new byte[16 * blocks];
                bool extreme = trial % 3 == 0;
                if (extreme)
                {
                    key.AsSpan().Fill(0xFF);
                    message.AsSpan().Fill(0xFF);
                    if (trial % 2 == 0) random.NextBytes(message.AsSpan(0, 16 * (blocks / 2)));
                }
                else
                {
                    random.NextBytes(key);
                    random.NextBytes(message);
                }

                Org.BouncyCastle.Crypto.Macs.Poly1305 reference = new Org.BouncyCastle.Crypto.Macs.Poly1305();
                reference.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
                reference.BlockUpdate(message, 0, message.Length);
                byte[] expected = new byte[16];
                reference.DoFinal(expected, 0);

                Poly1305 scalar = default;
                scalar.Start(key);
                scalar.UpdatePadded(message);
                Assert.Equal(TestBytes.ToHex(expected), Tag(ref scalar));

                if (!Poly1305Avx2.IsSupported) continue;
                // Split into two updates so the AVX2 code both starts from and hands back a running value.
                int split = 16 * (blocks / 3);
                Poly1305 vector = default;
                vector.Start(key, powers, 64);
                vector.UpdatePadded(message.AsSpan(0, split));
                vector.UpdatePadded(message.AsSpan(split));
                Assert.Equal(TestBytes.ToHex(expected), Tag(ref vector));
            }
        }

        private static string Tag(ref Poly1305 mac)
        {
            ulong tag0, tag1;
            mac.Finish(out tag0, out tag1);
            byte[] tag = new byte[16];
            BinaryPrimitives.WriteUInt64LittleEndian(tag, tag0);
            BinaryPrimitives.WriteUInt64LittleEndian(tag.AsSpan(8), tag1);
            return TestBytes.ToHex(tag);
        }
    }
}
