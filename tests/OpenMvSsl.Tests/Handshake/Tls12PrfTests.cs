using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OpenMvSsl.Handshake.Secrets;
using OpenMvSsl.Host;
using OpenMvSsl.Record;
using Xunit;
using HashAlgorithm = OpenMvSsl.Crypto.HashAlgorithm;

namespace OpenMvSsl.Tests.Handshake
{
    /// <summary>
    /// The TLS 1.2 PRF against the P_SHA256 / P_SHA384 vectors published on the IETF TLS list
    /// (msg03416), and the key schedule against a direct HMAC construction of RFC 5246 5.
    /// </summary>
    public class Tls12PrfTests
    {
        private static readonly DotNetCryptoProvider Provider = new DotNetCryptoProvider();

        [Fact]
        public void Sha256Vector()
        {
            var output = new byte[100];
            new Tls12Prf(Provider, HashAlgorithm.Sha256).Derive(Hex.Decode("9bbe436ba940f017b17652849a71db35"),
                Encoding.ASCII.GetBytes("test label"), Hex.Decode("a0ba9f936cda311827a6f796ffd5198c"), Span<byte>.Empty, output);
            Assert.Equal("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a" +
                         "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab" +
                         "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701" +
                         "87347b66", Hex.Encode(output));
        }

        [Fact]
        public void Sha384Vector()
        {
            var output = new byte[148];
            new Tls12Prf(Provider, HashAlgorithm.Sha384).Derive(Hex.Decode("b80b733d6ceefcdc71566ea48e5567df"),
                Encoding.ASCII.GetBytes("test label"), Hex.Decode("cd665cf6a8447dd6ff8b27555edb7465"), Span<byte>.Empty, output);
            Assert.Equal("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd" +
                         "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd" +
                         "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425" +
                         "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6" +
                         "91c8f3a26854308d5eaa3be85e0990703d73e56f", Hex.Encode(output));
        }

        /// <summary>P_SHA256 written out with the BCL's HMAC, straight from RFC 5246 section 5.</summary>
        private static byte[] ReferencePrf(byte[] secret, string label, byte[] seed, int length)
        {
            byte[] labelSeed = Encoding.ASCII.GetBytes(label).Concat(seed).ToArray();
            var result = new byte[length];
            byte[] a = HMACSHA256.HashData(secret, labelSeed);
            for (int done = 0; done < length; done += 32)
            {
                byte[] block = HMACSHA256.HashData(secret, a.Concat(labelSeed).ToArray());
                Array.Copy(block, 0, result, done, Math.Min(32, length - done));
                a = HMACSHA256.HashData(secret, a);
            }
            return result;
        }

        [Fact]
        public void KeyScheduleMatchesDirectConstruction()
        {
            var random = new Random(9);
            byte[] pms = new byte[32], sessionHash = new byte[32], clientRandom = new byte[32], serverRandom = new byte[32];
            random.NextBytes(pms); random.NextBytes(sessionHash); random.NextBytes(clientRandom); random.NextBytes(serverRandom);
            var prf = new Tls12Prf(Provider, HashAlgorithm.Sha256);

            byte[] master = Tls12KeySchedule.ExtendedMasterSecret(prf, (byte[])pms.Clone(), sessionHash);
            Assert.Equal(ReferencePrf(pms, "extended master secret", sessionHash, 48), master);

            var keys = Tls12KeySchedule.TrafficKeys(prf, master, clientRandom, serverRandom, OpenMvSsl.Crypto.AeadAlgorithm.Aes128Gcm, RecordFamily.Dtls12);
            byte[] block = ReferencePrf(master, "key expansion", serverRandom.Concat(clientRandom).ToArray(), 40);
            Assert.Equal(block[0..16], keys.ClientWriteKey);
            Assert.Equal(block[16..32], keys.ServerWriteKey);
            Assert.Equal(block[32..36], keys.ClientWriteIv);
            Assert.Equal(block[36..40], keys.ServerWriteIv);

            Assert.Equal(ReferencePrf(master, "client finished", sessionHash, 12), Tls12KeySchedule.FinishedVerifyData(prf, master, true, sessionHash));
            Assert.Equal(ReferencePrf(master, "server finished", sessionHash, 12), Tls12KeySchedule.FinishedVerifyData(prf, master, false, sessionHash));
        }

        [Fact]
        public void PskPremasterSecretLayout()
        {
            // RFC 4279 2: uint16 N, N zeros, uint16 N, the key.
            Assert.Equal(Hex.Decode("0003 000000 0003 aabbcc"), Tls12KeySchedule.PskPreMasterSecret(Hex.Decode("aabbcc")));
        }
    }
}
