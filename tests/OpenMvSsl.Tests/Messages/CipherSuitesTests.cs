using System.Collections.Generic;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using Xunit;

namespace OpenMvSsl.Tests.Messages
{
    public class CipherSuitesTests
    {
        // Code points from the IANA TLS Cipher Suites registry (RFC 5289, 5487, 6655, 7251, 7905, 8446),
        // cross-checked with `openssl ciphers -V`.
        [Theory]
        [InlineData(0xC0A8, "TLS_PSK_WITH_AES_128_CCM_8", "PSK-AES128-CCM8", KeyExchange.Psk, AeadAlgorithm.Aes128Ccm8, HashAlgorithm.Sha256)]
        [InlineData(0x00A8, "TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK-AES128-GCM-SHA256", KeyExchange.Psk, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256)]
        [InlineData(0xCCAB, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK-CHACHA20-POLY1305", KeyExchange.Psk, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256)]
        [InlineData(0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE-ECDSA-AES128-CCM8", KeyExchange.EcdheEcdsa, AeadAlgorithm.Aes128Ccm8, HashAlgorithm.Sha256)]
        [InlineData(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", KeyExchange.EcdheEcdsa, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256)]
        [InlineData(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", KeyExchange.EcdheEcdsa, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384)]
        [InlineData(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305", KeyExchange.EcdheEcdsa, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256)]
        [InlineData(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", KeyExchange.EcdheRsa, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256)]
        [InlineData(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", KeyExchange.EcdheRsa, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384)]
        [InlineData(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", KeyExchange.EcdheRsa, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256)]
        [InlineData(0x1301, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", KeyExchange.Tls13, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256)]
        [InlineData(0x1302, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", KeyExchange.Tls13, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384)]
        [InlineData(0x1303, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", KeyExchange.Tls13, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256)]
        [InlineData(0x1304, "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256", KeyExchange.Tls13, AeadAlgorithm.Aes128Ccm, HashAlgorithm.Sha256)]
        public void Table_HasTheRegisteredValues(int code, string iana, string openssl, KeyExchange kx, AeadAlgorithm aead, HashAlgorithm hash)
        {
            CipherSuite suite = CipherSuites.FindByCode(code);
            Assert.NotNull(suite);
            Assert.Equal(iana, suite.IanaName);
            Assert.Equal(openssl, suite.OpenSslName);
            Assert.Equal(kx, suite.KeyExchange);
            Assert.Equal(aead, suite.Aead);
            Assert.Equal(hash, suite.Hash);
            Assert.Equal(kx == KeyExchange.Tls13, suite.IsTls13);
            Assert.Equal(suite.IsTls13 ? (hash == HashAlgorithm.Sha384 ? 48 : 32) : 12, suite.FinishedLength);

            Assert.Same(suite, CipherSuites.FindByName(iana));
            Assert.Same(suite, CipherSuites.FindByName(openssl));
            Assert.Same(suite, CipherSuites.FindByName(iana.ToLowerInvariant()));
            Assert.Same(suite, CipherSuites.FindByName(openssl.ToLowerInvariant()));
            Assert.Equal(iana, CipherSuites.Name(code));
        }

        [Fact]
        public void Table_IsComplete_AndCodesAndNamesAreUnique()
        {
            Assert.Equal(14, CipherSuites.Count);
            HashSet<int> codes = new HashSet<int>();
            HashSet<string> names = new HashSet<string>();
            foreach (CipherSuite s in CipherSuites.All())
            {
                Assert.True(codes.Add(s.Code));
                Assert.True(names.Add(s.IanaName));
                if (s.OpenSslName != s.IanaName) Assert.True(names.Add(s.OpenSslName));
            }
            Assert.Same(CipherSuites.At(0), CipherSuites.All()[0]);
            Assert.Throws<SslException>(() => CipherSuites.At(14));
        }

        [Fact]
        public void SignalingValues_AreRecognisedButNotSuites()
        {
            Assert.Null(CipherSuites.FindByCode(0x00FF));
            Assert.True(CipherSuites.IsSignalingValue(0x00FF));
            Assert.True(CipherSuites.IsSignalingValue(0x5600));
            Assert.False(CipherSuites.IsSignalingValue(0xC02B));
            Assert.Equal("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", CipherSuites.Name(0x00FF));
            Assert.Equal("TLS_FALLBACK_SCSV", CipherSuites.Name(0x5600));
        }

        [Fact]
        public void Unknown_CodesAndNames()
        {
            Assert.Null(CipherSuites.FindByCode(0x002F)); // TLS_RSA_WITH_AES_128_CBC_SHA: CBC is never offered
            Assert.Null(CipherSuites.FindByName("AES128-SHA"));
            Assert.Null(CipherSuites.FindByName(""));
            Assert.Null(CipherSuites.FindByName(null));
            Assert.Equal("0x1305", CipherSuites.Name(0x1305));
        }
    }
}
