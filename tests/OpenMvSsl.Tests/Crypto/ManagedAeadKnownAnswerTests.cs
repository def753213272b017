using System;
using System.Text;
using OpenMvSsl.Host.Intrinsics;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>
    /// Standard known answers for the managed intrinsics AEADs (src/OpenMvSsl.Host/Intrinsics), driven
    /// directly, so they are checked even where DotNetAead would pick the BCL. Each vector is sealed out
    /// of place and in place, opened, and opened again with one tag bit flipped.
    /// </summary>
    public sealed class ManagedAeadKnownAnswerTests
    {
        // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)" (revised, 2005), appendix B.
        private const string GcmKeyA = "feffe9928665731c6d6a8f9467308308";
        private const string GcmIvA = "cafebabefacedbaddecaf888";
        private const string GcmPlaintextA =
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
        private const string GcmAadA = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
        private const string Zero12 = "000000000000000000000000";
        private const string Zero16 = "00000000000000000000000000000000";

        [Theory]
        // Test cases 1 and 2: zero key, empty and one-block plaintext.
        [InlineData(Zero16, Zero12, "", "", "", "58e2fccefa7e3061367f1d57a4e7455a")]
        [InlineData(Zero16, Zero12, "", Zero16, "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf")]
        // Test case 3: four blocks, no AAD.
        [InlineData(GcmKeyA, GcmIvA, "", GcmPlaintextA,
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
            "4d5c2af327cd64a62cf35abd2ba6fab4")]
        // Test case 4: 60-byte plaintext (a partial last block) and 20-byte AAD.
        [InlineData(GcmKeyA, GcmIvA, GcmAadA, "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47")]
        // Test cases 13 and 14: AES-256, zero key.
        [InlineData(Zero16 + Zero16, Zero12, "", "", "", "530f8afbc74536b9a963b4f1c4cb738b")]
        [InlineData(Zero16 + Zero16, Zero12, "", Zero16, "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919")]
        // Test cases 15 and 16: AES-256 counterparts of 3 and 4.
        [InlineData(GcmKeyA + GcmKeyA, GcmIvA, "", GcmPlaintextA,
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
            "b094dac5d93471bdec1a502270e3cc6c")]
        [InlineData(GcmKeyA + GcmKeyA, GcmIvA, GcmAadA, "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b")]
        public void AesGcm_matches_the_GCM_specification_test_cases(string key, string iv, string aad, string plaintext,
            string ciphertext, string tag)
        {
            if (!ManagedAesGcm.IsSupported) return; // this CPU lacks the instructions (the BCL path is tested elsewhere)
            using (ManagedAesGcm gcm = new ManagedAesGcm(TestBytes.Hex(key)))
            {
                Check(gcm, TestBytes.Hex(iv), TestBytes.Hex(aad), TestBytes.Hex(plaintext), TestBytes.Hex(ciphertext), TestBytes.Hex(tag));
            }
        }

        // RFC 3610 section 8, packet vectors #1..#3 (M = 8, the CCM_8 of RFC 6655) and #9 (M = 10);
        // the first 8 bytes of each packet are the AAD. RFC 6655 itself has no vectors.
        [Theory]
        [InlineData("00000003020100a0a1a2a3a4a5", 8, 23, "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384", "17e8d12cfdf926e0")]
        [InlineData("00000004030201a0a1a2a3a4a5", 8, 24, "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3b", "a091d56e10400916")]
        [InlineData("00000005040302a0a1a2a3a4a5", 8, 25, "51b1e5f44a197d1da46b0f8e2d282ae871e838bb64da859657", "4adaa76fbd9fb0c5")]
        [InlineData("0000000b0a0908a0a1a2a3a4a5", 10, 25, "82531a60cc24945a4b8279181ab5c84df21ce7f9b73f42e197", "ea9c07e56b5eb17e5f4e")]
        public void AesCcm_matches_RFC3610_packet_vectors(string nonce, int tagLength, int payloadLength, string ciphertext, string tag)
        {
            if (!ManagedAesCcm.IsSupported) return; // this CPU lacks the instructions (the BCL path is tested elsewhere)
            byte[] packet = TestBytes.Counting(8 + payloadLength, 0);
            using (ManagedAesCcm ccm = new ManagedAesCcm(TestBytes.Hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"), tagLength))
            {
                Check(ccm, TestBytes.Hex(nonce), packet.AsSpan(0, 8).ToArray(), packet.AsSpan(8).ToArray(),
                    TestBytes.Hex(ciphertext), TestBytes.Hex(tag));
            }
        }

        // NIST SP 800-38C appendix C, examples 1..3 (K = 40..4f, N = 10.., A = 00.., P = 20..).
        [Theory]
        [InlineData(4, 7, 8, 4, "7162015b", "4dac255d")]
        [InlineData(6, 8, 16, 16, "d2a1f0e051ea5f62081a7792073d593d", "1fc64fbfaccd")]
        [InlineData(8, 12, 20, 24, "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5", "484392fbc1b09951")]
        public void AesCcm_matches_SP800_38C_examples(int tagLength, int nonceLength, int aadLength, int payloadLength,
            string ciphertext, string tag)
        {
            if (!ManagedAesCcm.IsSupported) return; // this CPU lacks the instructions (the BCL path is tested elsewhere)
            using (ManagedAesCcm ccm = new ManagedAesCcm(TestBytes.Counting(16, 0x40), tagLength))
            {
                Check(ccm, TestBytes.Counting(nonceLength, 0x10), TestBytes.Counting(aadLength, 0x00),
                    TestBytes.Counting(payloadLength, 0x20), TestBytes.Hex(ciphertext), TestBytes.Hex(tag));
            }
        }

        // NIST SP 800-38C appendix C, example 4: 65536 bytes of AAD (the 0xFFFE length encoding), 14-byte tag.
        [Fact]
        public void AesCcm_matches_SP800_38C_example_4()
        {
            if (!ManagedAesCcm.IsSupported) return; // this CPU lacks the instructions (the BCL path is tested elsewhere)
            using (ManagedAesCcm ccm = new ManagedAesCcm(TestBytes.Counting(16, 0x40), 14))
            {
                Check(ccm, TestBytes.Counting(13, 0x10), TestBytes.Counting(65536, 0), TestBytes.Counting(32, 0x20),
                    TestBytes.Hex("69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72"),
                    TestBytes.Hex("b4ac6bec93e8598e7f0dadbcea5b"));
            }
        }

        // RFC 8439 section 2.8.2.
        [Fact]
        public void ChaCha20Poly1305_matches_RFC8439_section_2_8_2()
        {
            if (!ManagedChaCha20Poly1305.IsSupported) return; // this CPU lacks the instructions (the BCL path is tested elsewhere)
            byte[] plaintext = Encoding.ASCII.GetBytes(
                "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
            using (ManagedChaCha20Poly1305 aead = new ManagedChaCha20Poly1305(TestBytes.Counting(32, 0x80)))
            {
                Check(aead, TestBytes.Hex("070000004041424344454647"), TestBytes.Hex("50515253c0c1c2c3c4c5c6c7"), plaintext,
                    TestBytes.Hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                        + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                        + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                        + "3ff4def08e4b7a9de576d26586cec64b6116"),
                    TestBytes.Hex("1ae10b594f09e26a7e902ecbd0600691"));
            }
        }

        // RFC 8439 appendix A.5: 265 bytes, which spans two ChaCha20 passes of four blocks.
        [Fact]
        public void ChaCha20Poly1305_matches_RFC8439_appendix_A5()
        {
            if (!ManagedChaCha20Poly1305.IsSupported) return; // this CPU lacks the instructions (the BCL path is tested elsewhere)
            byte[] plaintext = Encoding.UTF8.GetBytes(
                "Internet-Drafts are draft documents valid for a maximum of six months and may be updated, replaced, "
                + "or obsoleted by other documents at any time. It is inappropriate to use Internet-Drafts as reference "
                + "material or to cite them other than as /\u201cwork in progress./\u201d");
            Assert.Equal(265, plaintext.Length);
            using (ManagedChaCha20Poly1305 aead = new ManagedChaCha20Poly1305(
                TestBytes.Hex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0")))
            {
                Check(aead, TestBytes.Hex("000000000102030405060708"), TestBytes.Hex("f33388860000000000004e91"), plaintext,
                    TestBytes.Hex("64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                        + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                        + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                        + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                        + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                        + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                        + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                        + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                        + "a6ad5cb4022b02709b"),
                    TestBytes.Hex("eead9d67890cbb22392336fea1851f38"));
            }
        }

        internal static void Check(ManagedAeadCipher aead, byte[] nonce, byte[] aad, byte[] plaintext, byte[] ciphertext, byte[] tag)
        {
            byte[] sealedOut = new byte[plaintext.Length];
            byte[] sealedTag = new byte[tag.Length];
            aead.Seal(nonce, aad, plaintext, sealedOut, sealedTag);
            Assert.Equal(TestBytes.ToHex(ciphertext), TestBytes.ToHex(sealedOut));
            Assert.Equal(TestBytes.ToHex(tag), TestBytes.ToHex(sealedTag));

            byte[] inPlace = (byte[])plaintext.Clone();
            aead.Seal(nonce, aad, inPlace, inPlace, sealedTag);
            Assert.Equal(ciphertext, inPlace);

            byte[] opened = new byte[ciphertext.Length];
            Assert.True(aead.Open(nonce, aad, ciphertext, tag, opened));
            Assert.Equal(plaintext, opened);
            Assert.True(aead.Open(nonce, aad, inPlace, tag, inPlace));
            Assert.Equal(plaintext, inPlace);

            byte[] badTag = (byte[])tag.Clone();
            badTag[badTag.Length - 1] ^= 0x01;
            byte[] refused = new byte[ciphertext.Length];
            Array.Fill(refused, (byte)0x5A);
            Assert.False(aead.Open(nonce, aad, ciphertext, badTag, refused));
            Assert.All(refused, b => Assert.Equal(0, b));
        }
    }
}
