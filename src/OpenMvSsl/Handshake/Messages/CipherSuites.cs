using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// The cipher suites this library knows, with their IANA code points (checked against the
    /// IANA TLS Cipher Suites registry and `openssl ciphers -V`) and both names.
    /// Sources: RFC 5487 (PSK GCM), RFC 6655 (PSK CCM_8), RFC 7251 (ECDHE_ECDSA CCM_8),
    /// RFC 5289 (ECDHE GCM), RFC 7905 (ChaCha20-Poly1305), RFC 8446 B.4 (TLS 1.3),
    /// RFC 5746 3.3 (renegotiation SCSV), RFC 7507 (fallback SCSV).
    /// </summary>
    public static class CipherSuites
    {
        public const int TlsPskWithAes128Ccm8 = 0xC0A8;
        public const int TlsPskWithAes128GcmSha256 = 0x00A8;
        public const int TlsPskWithChaCha20Poly1305Sha256 = 0xCCAB;
        public const int TlsEcdheEcdsaWithAes128Ccm8 = 0xC0AE;
        public const int TlsEcdheEcdsaWithAes128GcmSha256 = 0xC02B;
        public const int TlsEcdheEcdsaWithAes256GcmSha384 = 0xC02C;
        public const int TlsEcdheEcdsaWithChaCha20Poly1305Sha256 = 0xCCA9;
        public const int TlsEcdheRsaWithAes128GcmSha256 = 0xC02F;
        public const int TlsEcdheRsaWithAes256GcmSha384 = 0xC030;
        public const int TlsEcdheRsaWithChaCha20Poly1305Sha256 = 0xCCA8;
        public const int TlsAes128GcmSha256 = 0x1301;
        public const int TlsAes256GcmSha384 = 0x1302;
        public const int TlsChaCha20Poly1305Sha256 = 0x1303;
        public const int TlsAes128CcmSha256 = 0x1304;

        /// <summary>Not a suite: a client signal that it supports secure renegotiation (RFC 5746 3.3).</summary>
        public const int TlsEmptyRenegotiationInfoScsv = 0x00FF;

        /// <summary>Not a suite: a client signal that it is retrying with a lower version (RFC 7507).</summary>
        public const int TlsFallbackScsv = 0x5600;

        private static readonly CipherSuite[] Table = new CipherSuite[]
        {
            // TLS 1.3 first: the order is also the default preference order.
            new CipherSuite(TlsAes128GcmSha256, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256",
                KeyExchange.Tls13, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256),
            new CipherSuite(TlsAes256GcmSha384, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384",
                KeyExchange.Tls13, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384),
            new CipherSuite(TlsChaCha20Poly1305Sha256, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                KeyExchange.Tls13, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256),
            new CipherSuite(TlsAes128CcmSha256, "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256",
                KeyExchange.Tls13, AeadAlgorithm.Aes128Ccm, HashAlgorithm.Sha256),

            new CipherSuite(TlsEcdheEcdsaWithAes128GcmSha256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
                KeyExchange.EcdheEcdsa, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256),
            new CipherSuite(TlsEcdheEcdsaWithAes256GcmSha384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384",
                KeyExchange.EcdheEcdsa, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384),
            new CipherSuite(TlsEcdheEcdsaWithChaCha20Poly1305Sha256, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305",
                KeyExchange.EcdheEcdsa, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256),
            new CipherSuite(TlsEcdheEcdsaWithAes128Ccm8, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE-ECDSA-AES128-CCM8",
                KeyExchange.EcdheEcdsa, AeadAlgorithm.Aes128Ccm8, HashAlgorithm.Sha256),
            new CipherSuite(TlsEcdheRsaWithAes128GcmSha256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                KeyExchange.EcdheRsa, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256),
            new CipherSuite(TlsEcdheRsaWithAes256GcmSha384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
                KeyExchange.EcdheRsa, AeadAlgorithm.Aes256Gcm, HashAlgorithm.Sha384),
            new CipherSuite(TlsEcdheRsaWithChaCha20Poly1305Sha256, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305",
                KeyExchange.EcdheRsa, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256),

            new CipherSuite(TlsPskWithAes128GcmSha256, "TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK-AES128-GCM-SHA256",
                KeyExchange.Psk, AeadAlgorithm.Aes128Gcm, HashAlgorithm.Sha256),
            new CipherSuite(TlsPskWithChaCha20Poly1305Sha256, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK-CHACHA20-POLY1305",
                KeyExchange.Psk, AeadAlgorithm.ChaCha20Poly1305, HashAlgorithm.Sha256),
            new CipherSuite(TlsPskWithAes128Ccm8, "TLS_PSK_WITH_AES_128_CCM_8", "PSK-AES128-CCM8",
                KeyExchange.Psk, AeadAlgorithm.Aes128Ccm8, HashAlgorithm.Sha256),
        };

        /// <summary>How many suites the table holds.</summary>
        public static int Count { get { return Table.Length; } }

        /// <summary>The suite at <paramref name="index"/> in preference order.</summary>
        public static CipherSuite At(int index)
        {
            if (index < 0 || index >= Table.Length)
                throw WireError.Argument("cipher suite index " + index + " is out of range");
            return Table[index];
        }

        /// <summary>A copy of the whole table in preference order.</summary>
        public static CipherSuite[] All()
        {
            CipherSuite[] copy = new CipherSuite[Table.Length];
            Array.Copy(Table, copy, Table.Length);
            return copy;
        }

        /// <summary>The suite with this code point, or null if this library does not implement it.</summary>
        public static CipherSuite FindByCode(int code)
        {
            for (int i = 0; i < Table.Length; i++)
                if (Table[i].Code == code) return Table[i];
            return null;
        }

        /// <summary>The suite with this IANA or OpenSSL name (case-insensitive), or null.</summary>
        public static CipherSuite FindByName(string name)
        {
            if (name == null) return null;
            for (int i = 0; i < Table.Length; i++)
            {
                if (AsciiEqualsIgnoreCase(Table[i].IanaName, name) || AsciiEqualsIgnoreCase(Table[i].OpenSslName, name))
                    return Table[i];
            }
            return null;
        }

        /// <summary>True for the signalling values that look like suites but are not.</summary>
        public static bool IsSignalingValue(int code)
        {
            return code == TlsEmptyRenegotiationInfoScsv || code == TlsFallbackScsv;
        }

        /// <summary>A printable name for any code point: the IANA name when known, else hex.</summary>
        public static string Name(int code)
        {
            CipherSuite suite = FindByCode(code);
            if (suite != null) return suite.IanaName;
            if (code == TlsEmptyRenegotiationInfoScsv) return "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
            if (code == TlsFallbackScsv) return "TLS_FALLBACK_SCSV";
            return WireError.Hex16(code);
        }

        // String.Equals(..., StringComparison) and ToUpperInvariant are not in nanoFramework's mscorlib.
        private static bool AsciiEqualsIgnoreCase(string a, string b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (ToUpperAscii(a[i]) != ToUpperAscii(b[i])) return false;
            }
            return true;
        }

        private static char ToUpperAscii(char c)
        {
            return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
        }
    }
}
