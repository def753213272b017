using System;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    public abstract class AeadKnownAnswerTests
    {
        protected abstract ICryptoProvider Provider { get; }

        // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 3, 4, 15, 16.
        private const string GcmKey128 = "feffe9928665731c6d6a8f9467308308";
        private const string GcmKey256 = GcmKey128 + GcmKey128;
        private const string GcmIv = "cafebabefacedbaddecaf888";
        private const string GcmPlaintext64 =
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
        private const string GcmAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

        [Theory]
        [InlineData(AeadAlgorithm.Aes128Gcm, GcmKey128, 64, "",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4")]
        [InlineData(AeadAlgorithm.Aes128Gcm, GcmKey128, 60, GcmAad,
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47")]
        [InlineData(AeadAlgorithm.Aes256Gcm, GcmKey256, 64, "",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c")]
        [InlineData(AeadAlgorithm.Aes256Gcm, GcmKey256, 60, GcmAad,
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b")]
        public void AesGcm_matches_the_GCM_specification_test_cases(AeadAlgorithm algorithm, string key,
            int plaintextLength, string aad, string ciphertext, string tag)
        {
            byte[] plaintext = TestBytes.Hex(GcmPlaintext64).AsSpan(0, plaintextLength).ToArray();
            CheckKnownAnswer(algorithm, TestBytes.Hex(key), TestBytes.Hex(GcmIv), TestBytes.Hex(aad), plaintext,
                TestBytes.Hex(ciphertext + tag));
        }

        // RFC 8439 section 2.8.2.
        [Fact]
        public void ChaCha20Poly1305_matches_RFC8439_section_2_8_2()
        {
            byte[] plaintext = Encoding.ASCII.GetBytes(
                "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
            byte[] expected = TestBytes.Hex(
                "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691");
            CheckKnownAnswer(AeadAlgorithm.ChaCha20Poly1305, TestBytes.Counting(32, 0x80),
                TestBytes.Hex("070000004041424344454647"), TestBytes.Hex("50515253c0c1c2c3c4c5c6c7"), plaintext, expected);
        }

        // RFC 3610 section 8, packet vectors #1, #2, #3 (M = 8, 13-byte nonce, 8-byte header as AAD).
        [Theory]
        [InlineData("00000003020100a0a1a2a3a4a5", 23,
            "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384" + "17e8d12cfdf926e0")]
        [InlineData("00000004030201a0a1a2a3a4a5", 24,
            "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3b" + "a091d56e10400916")]
        [InlineData("00000005040302a0a1a2a3a4a5", 25,
            "51b1e5f44a197d1da46b0f8e2d282ae871e838bb64da859657" + "4adaa76fbd9fb0c5")]
        public void AesCcm8_matches_RFC3610_packet_vectors(string nonce, int payloadLength, string expected)
        {
            byte[] packet = TestBytes.Counting(8 + payloadLength, 0);
            CheckKnownAnswer(AeadAlgorithm.Aes128Ccm8, TestBytes.Hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"),
                TestBytes.Hex(nonce), packet.AsSpan(0, 8).ToArray(), packet.AsSpan(8).ToArray(), TestBytes.Hex(expected));
        }

        // NIST SP 800-38C appendix C, example 3 (Tlen = 64, 12-byte nonce).
        [Fact]
        public void AesCcm8_matches_SP800_38C_example_3()
        {
            CheckKnownAnswer(AeadAlgorithm.Aes128Ccm8, TestBytes.Counting(16, 0x40), TestBytes.Counting(12, 0x10),
                TestBytes.Counting(20, 0x00), TestBytes.Counting(24, 0x20),
                TestBytes.Hex("e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5" + "484392fbc1b09951"));
        }

        // NIST SP 800-38C appendix C, example 4: a 14-byte tag and 65536 bytes of associated
        // data, which exercises the 0xFFFE long AAD length encoding. The interface has no
        // 14-byte-tag algorithm, so this drives the CCM implementation directly.
        [Fact]
        public void AesCcm_core_matches_SP800_38C_example_4()
        {
            byte[] aad = TestBytes.Counting(65536, 0);
            byte[] plaintext = TestBytes.Counting(32, 0x20);
            byte[] ciphertext = new byte[32];
            byte[] tag = new byte[14];
            using (AesCcmCipher ccm = new AesCcmCipher(TestBytes.Counting(16, 0x40), 14))
            {
                byte[] nonce = TestBytes.Counting(13, 0x10);
                ccm.Seal(nonce, aad, plaintext, ciphertext, tag);
                Assert.Equal("69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72", TestBytes.ToHex(ciphertext));
                Assert.Equal("b4ac6bec93e8598e7f0dadbcea5b", TestBytes.ToHex(tag));

                byte[] opened = new byte[32];
                Assert.True(ccm.Open(nonce, aad, ciphertext, tag, opened));
                Assert.Equal(plaintext, opened);
                aad[40000] ^= 1;
                Assert.False(ccm.Open(nonce, aad, ciphertext, tag, opened));
            }
        }

        // RFC 3610 packet vector #9 (M = 10, 25-byte payload), again through the CCM core.
        [Fact]
        public void AesCcm_core_matches_RFC3610_packet_vector_9()
        {
            byte[] packet = TestBytes.Counting(33, 0);
            byte[] ciphertext = new byte[25];
            byte[] tag = new byte[10];
            using (AesCcmCipher ccm = new AesCcmCipher(TestBytes.Hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"), 10))
            {
                ccm.Seal(TestBytes.Hex("0000000b0a0908a0a1a2a3a4a5"), packet.AsSpan(0, 8), packet.AsSpan(8), ciphertext, tag);
            }
            Assert.Equal("82531a60cc24945a4b8279181ab5c84df21ce7f9b73f42e197", TestBytes.ToHex(ciphertext));
            Assert.Equal("ea9c07e56b5eb17e5f4e", TestBytes.ToHex(tag));
        }

        // A 16-byte-tag CCM answer from two independent implementations: the BCL's AesCcm
        // (OpenSSL) and BouncyCastle's CcmBlockCipher must agree with ours.
        [Theory]
        [InlineData(AeadAlgorithm.Aes128Ccm, 16)]
        [InlineData(AeadAlgorithm.Aes256Ccm, 32)]
        public void AesCcm16_matches_the_BCL_AesCcm_and_BouncyCastle(AeadAlgorithm algorithm, int keyLength)
        {
            byte[] key = TestBytes.Counting(keyLength, 0x40);
            byte[] nonce = TestBytes.Counting(12, 0x10);
            byte[] aad = TestBytes.Counting(13, 0x00);
            byte[] plaintext = TestBytes.Counting(100, 0x20);

            byte[] expected = new byte[plaintext.Length + 16];
            using (System.Security.Cryptography.AesCcm bcl = new System.Security.Cryptography.AesCcm(key))
            {
                bcl.Encrypt(nonce, plaintext, expected.AsSpan(0, plaintext.Length), expected.AsSpan(plaintext.Length), aad);
            }
            Assert.Equal(expected, BouncyCastleAead.Seal(algorithm, key, nonce, aad, plaintext));
            CheckKnownAnswer(algorithm, key, nonce, aad, plaintext, expected);
        }

        private void CheckKnownAnswer(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad,
            byte[] plaintext, byte[] expectedCiphertextAndTag)
        {
            using (IAead aead = Provider.CreateAead(algorithm, key))
            {
                byte[] sealedBytes = new byte[plaintext.Length + aead.TagLength];
                aead.Seal(nonce, aad, plaintext, sealedBytes);
                Assert.Equal(TestBytes.ToHex(expectedCiphertextAndTag), TestBytes.ToHex(sealedBytes));

                byte[] opened = new byte[plaintext.Length];
                Assert.True(aead.Open(nonce, aad, expectedCiphertextAndTag, opened));
                Assert.Equal(plaintext, opened);
            }
        }
    }

    public sealed class AeadKnownAnswerTests_DotNet : AeadKnownAnswerTests
    {
        protected override ICryptoProvider Provider => TestProviders.DotNet;
    }

    public sealed class AeadKnownAnswerTests_MbedTls : AeadKnownAnswerTests
    {
        protected override ICryptoProvider Provider => TestProviders.MbedTls;
    }
}
