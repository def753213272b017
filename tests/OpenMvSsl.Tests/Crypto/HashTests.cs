using System;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    public abstract class HashTests
    {
        protected abstract ICryptoProvider Provider { get; }

        // FIPS 180-2 appendices B.1 (SHA-256) and D.1 (SHA-384): the one-block message "abc".
        [Theory]
        [InlineData(HashAlgorithm.Sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData(HashAlgorithm.Sha384,
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")]
        public void Hash_matches_FIPS180_2_abc(HashAlgorithm algorithm, string expected)
        {
            using (IHash hash = Provider.CreateHash(algorithm))
            {
                Assert.Equal(algorithm, hash.Algorithm);
                Assert.Equal(expected.Length / 2, hash.Length);
                byte[] output = new byte[hash.Length];
                hash.Update(Encoding.ASCII.GetBytes("abc"));
                hash.GetHashAndReset(output);
                Assert.Equal(expected, TestBytes.ToHex(output));

                // Reset means empty again: the same input gives the same digest.
                hash.Update(Encoding.ASCII.GetBytes("a"));
                hash.Update(Encoding.ASCII.GetBytes("bc"));
                Array.Clear(output);
                hash.GetHashAndReset(output);
                Assert.Equal(expected, TestBytes.ToHex(output));
            }
        }

        [Theory]
        [InlineData(HashAlgorithm.Sha256)]
        [InlineData(HashAlgorithm.Sha384)]
        public void Current_hash_mid_way_does_not_disturb_the_running_hash(HashAlgorithm algorithm)
        {
            byte[] first = TestBytes.Counting(300, 1);
            byte[] second = TestBytes.Counting(77, 9);
            using (IHash oneShot = Provider.CreateHash(algorithm))
            using (IHash incremental = Provider.CreateHash(algorithm))
            {
                byte[] expectedPrefix = new byte[oneShot.Length];
                oneShot.Update(first);
                oneShot.GetHashAndReset(expectedPrefix);
                byte[] expectedAll = new byte[oneShot.Length];
                oneShot.Update(TestBytes.Concat(first, second));
                oneShot.GetHashAndReset(expectedAll);

                byte[] prefix = new byte[incremental.Length];
                incremental.Update(first);
                incremental.GetCurrentHash(prefix);
                incremental.Update(second);
                byte[] all = new byte[incremental.Length + 5];
                incremental.GetHashAndReset(all);

                Assert.Equal(expectedPrefix, prefix);
                Assert.Equal(expectedAll, all.AsSpan(0, incremental.Length).ToArray());
                Assert.Equal(new byte[5], all.AsSpan(incremental.Length).ToArray());
                Assert.NotEqual(expectedPrefix, expectedAll);
            }
        }

        // RFC 4231 section 4.2 to 4.5: test cases 1 to 4.
        [Theory]
        [InlineData(1, HashAlgorithm.Sha256, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
        [InlineData(1, HashAlgorithm.Sha384,
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6")]
        [InlineData(2, HashAlgorithm.Sha256, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
        [InlineData(2, HashAlgorithm.Sha384,
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649")]
        [InlineData(3, HashAlgorithm.Sha256, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")]
        [InlineData(3, HashAlgorithm.Sha384,
            "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27")]
        [InlineData(4, HashAlgorithm.Sha256, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")]
        [InlineData(4, HashAlgorithm.Sha384,
            "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb")]
        public void Hmac_matches_RFC4231(int testCase, HashAlgorithm algorithm, string expected)
        {
            byte[] key;
            byte[] data;
            switch (testCase)
            {
                case 1:
                    key = Filled(20, 0x0b);
                    data = Encoding.ASCII.GetBytes("Hi There");
                    break;
                case 2:
                    key = Encoding.ASCII.GetBytes("Jefe");
                    data = Encoding.ASCII.GetBytes("what do ya want for nothing?");
                    break;
                case 3:
                    key = Filled(20, 0xaa);
                    data = Filled(50, 0xdd);
                    break;
                default:
                    key = TestBytes.Counting(25, 0x01);
                    data = Filled(50, 0xcd);
                    break;
            }

            using (IHmac hmac = Provider.CreateHmac(algorithm, key))
            {
                Assert.Equal(algorithm, hmac.Algorithm);
                Assert.Equal(expected.Length / 2, hmac.Length);
                byte[] output = new byte[hmac.Length];
                hmac.Update(data.AsSpan(0, 3));
                hmac.Update(data.AsSpan(3));
                hmac.GetHashAndReset(output);
                Assert.Equal(expected, TestBytes.ToHex(output));

                // Reset keeps the key.
                Array.Clear(output);
                hmac.Update(data);
                hmac.GetHashAndReset(output);
                Assert.Equal(expected, TestBytes.ToHex(output));
            }
        }

        [Fact]
        public void Short_output_and_use_after_dispose_are_reported()
        {
            IHash hash = Provider.CreateHash(HashAlgorithm.Sha384);
            SslException e = Assert.Throws<SslException>(() => hash.GetCurrentHash(new byte[47]));
            Assert.Equal(SslError.BufferTooSmall, e.Error);
            hash.Dispose();
            e = Assert.Throws<SslException>(() => hash.Update(new byte[1]));
            Assert.Equal(SslError.InvalidState, e.Error);

            IHmac hmac = Provider.CreateHmac(HashAlgorithm.Sha256, new byte[32]);
            e = Assert.Throws<SslException>(() => hmac.GetHashAndReset(new byte[31]));
            Assert.Equal(SslError.BufferTooSmall, e.Error);
            e = Assert.Throws<SslException>(() => Provider.CreateHash((HashAlgorithm)7));
            Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
        }

        [Fact]
        public void Hash_and_hmac_allocate_nothing_per_message()
        {
            using (IHash hash = Provider.CreateHash(HashAlgorithm.Sha256))
            using (IHmac hmac = Provider.CreateHmac(HashAlgorithm.Sha384, new byte[48]))
            {
                byte[] data = new byte[200];
                byte[] output = new byte[48];
                Run(hash, hmac, data, output, 20);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Run(hash, hmac, data, output, 1000);
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        private static void Run(IHash hash, IHmac hmac, byte[] data, byte[] output, int count)
        {
            for (int i = 0; i < count; i++)
            {
                hash.Update(data);
                hash.GetCurrentHash(output);
                hash.GetHashAndReset(output);
                hmac.Update(data);
                hmac.GetHashAndReset(output);
            }
        }

        private static byte[] Filled(int length, byte value)
        {
            byte[] bytes = new byte[length];
            Array.Fill(bytes, value);
            return bytes;
        }
    }

    public sealed class HashTests_DotNet : HashTests
    {
        protected override ICryptoProvider Provider => TestProviders.DotNet;
    }

    public sealed class HashTests_MbedTls : HashTests
    {
        protected override ICryptoProvider Provider => TestProviders.MbedTls;
    }
}
