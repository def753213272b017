using System.Collections.Generic;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>IANA code points of the AEAD suites the project supports, and the default
    /// list a peer offers when the options leave CipherSuites null.</summary>
    public static class BcCipherSuites
    {
        public const int TlsAes128GcmSha256 = 0x1301;
        public const int TlsAes256GcmSha384 = 0x1302;
        public const int TlsChaCha20Poly1305Sha256 = 0x1303;
        public const int TlsAes128CcmSha256 = 0x1304;
        public const int TlsAes128Ccm8Sha256 = 0x1305;

        public const int PskWithAes128GcmSha256 = 0x00A8;
        public const int PskWithAes256GcmSha384 = 0x00A9;
        public const int PskWithAes128Ccm = 0xC0A4;
        public const int PskWithAes128Ccm8 = 0xC0A8;
        public const int PskWithChaCha20Poly1305Sha256 = 0xCCAB;
        public const int EcdhePskWithChaCha20Poly1305Sha256 = 0xCCAC;
        public const int EcdhePskWithAes128GcmSha256 = 0xD001;

        public const int EcdheEcdsaWithAes128GcmSha256 = 0xC02B;
        public const int EcdheEcdsaWithAes256GcmSha384 = 0xC02C;
        public const int EcdheEcdsaWithAes128Ccm = 0xC0AC;
        public const int EcdheEcdsaWithAes128Ccm8 = 0xC0AE;
        public const int EcdheEcdsaWithChaCha20Poly1305Sha256 = 0xCCA9;

        public const int EcdheRsaWithAes128GcmSha256 = 0xC02F;
        public const int EcdheRsaWithAes256GcmSha384 = 0xC030;
        public const int EcdheRsaWithChaCha20Poly1305Sha256 = 0xCCA8;

        private static readonly int[] Tls13Suites =
        {
            TlsAes128GcmSha256, TlsAes256GcmSha384, TlsChaCha20Poly1305Sha256, TlsAes128CcmSha256,
        };

        private static readonly int[] PskSuites =
        {
            PskWithAes128Ccm8, PskWithAes128GcmSha256, PskWithAes256GcmSha384, PskWithAes128Ccm,
            PskWithChaCha20Poly1305Sha256, EcdhePskWithChaCha20Poly1305Sha256, EcdhePskWithAes128GcmSha256,
        };

        private static readonly int[] EcdsaSuites =
        {
            EcdheEcdsaWithAes128GcmSha256, EcdheEcdsaWithAes256GcmSha384, EcdheEcdsaWithChaCha20Poly1305Sha256,
            EcdheEcdsaWithAes128Ccm, EcdheEcdsaWithAes128Ccm8,
        };

        private static readonly int[] RsaSuites =
        {
            EcdheRsaWithAes128GcmSha256, EcdheRsaWithAes256GcmSha384, EcdheRsaWithChaCha20Poly1305Sha256,
        };

        /// <summary>Text form for assertion messages: "0xC0A8".</summary>
        public static string Format(int suite)
        {
            return suite < 0 ? "(none)" : "0x" + suite.ToString("X4");
        }

        internal static int[] Defaults(TlsCrypto crypto, ProtocolVersion[] versions, bool psk, bool ecdsa, bool rsa)
        {
            var suites = new List<int>();
            bool offersTls13 = false, offersLegacy = false;
            foreach (ProtocolVersion version in versions)
            {
                if (TlsUtilities.IsTlsV13(version)) offersTls13 = true;
                else offersLegacy = true;
            }
            if (offersTls13) suites.AddRange(Tls13Suites);
            if (offersLegacy)
            {
                if (psk) suites.AddRange(PskSuites);
                if (ecdsa) suites.AddRange(EcdsaSuites);
                if (rsa) suites.AddRange(RsaSuites);
            }
            return TlsUtilities.GetSupportedCipherSuites(crypto, suites.ToArray());
        }
    }
}
