using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;

namespace OpenMvSsl.Handshake.Tls12
{
    /// <summary>Which TLS 1.2 suites are offered, and which one a server picks.</summary>
    internal static class SuitePolicy
    {
        /// <summary>Defaults in preference order: the RFC 7925 IoT profile's suites are all here.</summary>
        internal static readonly int[] CertificateDefaults =
        {
            CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256,
            CipherSuites.TlsEcdheEcdsaWithChaCha20Poly1305Sha256,
            CipherSuites.TlsEcdheEcdsaWithAes128Ccm8,
            CipherSuites.TlsEcdheEcdsaWithAes256GcmSha384,
            CipherSuites.TlsEcdheRsaWithAes128GcmSha256,
            CipherSuites.TlsEcdheRsaWithChaCha20Poly1305Sha256,
            CipherSuites.TlsEcdheRsaWithAes256GcmSha384,
        };

        internal static readonly int[] PskDefaults =
        {
            CipherSuites.TlsPskWithAes128GcmSha256,
            CipherSuites.TlsPskWithAes128Ccm8,
            CipherSuites.TlsPskWithChaCha20Poly1305Sha256,
        };

        /// <summary>
        /// The client's offer: the configured list, else the PSK suites when a PSK is set,
        /// else the certificate suites. Suites the provider cannot run are left out.
        /// </summary>
        internal static int[] ClientOffer(EngineSettings settings)
        {
            return ClientOffer(settings, true);
        }

        /// <param name="required">When false (TLS 1.3 suites are offered too) an empty TLS 1.2 list is fine.</param>
        internal static int[] ClientOffer(EngineSettings settings, bool required)
        {
            int[] wanted = settings.CipherSuites;
            if (wanted == null) wanted = settings.PskKey != null ? PskDefaults : CertificateDefaults;
            int[] offer = Usable(settings.Provider, wanted, true);
            if (offer.Length == 0 && required)
                throw new SslException(SslError.InvalidArgument, "none of the configured cipher suites can be used (TLS 1.2 AEAD suites the crypto provider supports)");
            return offer;
        }

        internal static bool AnyEcdhe(int[] suites)
        {
            for (int i = 0; i < suites.Length; i++)
            {
                CipherSuite s = CipherSuites.FindByCode(suites[i]);
                if (s != null && (s.KeyExchange == KeyExchange.EcdheEcdsa || s.KeyExchange == KeyExchange.EcdheRsa)) return true;
            }
            return false;
        }

        /// <summary>The server's choice: its own preference order, limited to what its credentials allow and the client offers.</summary>
        internal static CipherSuite ServerChoose(EngineSettings settings, ClientHello hello, bool clientHasP256)
        {
            int[] mine = settings.CipherSuites;
            if (mine == null) mine = Concat(CertificateDefaults, PskDefaults);
            mine = Usable(settings.Provider, mine, false);
            for (int i = 0; i < mine.Length; i++)
            {
                if (!hello.OffersCipherSuite(mine[i])) continue;
                CipherSuite s = CipherSuites.FindByCode(mine[i]);
                switch (s.KeyExchange)
                {
                    case KeyExchange.Psk:
                        if (settings.PskKeys != null) return s;
                        break;
                    case KeyExchange.EcdheEcdsa:
                        if (ServerCredentials.Has(settings, KeyType.EcP256) && clientHasP256) return s;
                        break;
                    case KeyExchange.EcdheRsa:
                        if (ServerCredentials.Has(settings, KeyType.Rsa) && clientHasP256) return s;
                        break;
                }
            }
            throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                "no cipher suite in common: the peer offers " + Describe(hello.CipherSuites)
                + "; this side can use " + Describe(mine) + (ServerCredentials.Any(settings) ? "" : " (no certificate loaded)")
                + (settings.PskKeys == null ? " (no PSK keys set)" : ""));
        }

        private static int[] Usable(ICryptoProvider provider, int[] codes, bool forClient)
        {
            int count = 0;
            var usable = new int[codes.Length];
            for (int i = 0; i < codes.Length; i++)
            {
                CipherSuite s = CipherSuites.FindByCode(codes[i]);
                if (s == null || s.IsTls13 || !provider.IsSupported(s.Aead)) continue;
                usable[count++] = codes[i];
            }
            var exact = new int[count];
            Array.Copy(usable, exact, count);
            return exact;
        }

        private static int[] Concat(int[] a, int[] b)
        {
            var all = new int[a.Length + b.Length];
            Array.Copy(a, all, a.Length);
            Array.Copy(b, 0, all, a.Length, b.Length);
            return all;
        }

        private static string Describe(int[] codes)
        {
            string text = "";
            int shown = 0;
            for (int i = 0; i < codes.Length && shown < 12; i++)
            {
                if (CipherSuites.IsSignalingValue(codes[i])) continue;
                text += (shown == 0 ? "" : ", ") + CipherSuites.Name(codes[i]);
                shown++;
            }
            if (codes.Length > shown) text += ", ...";
            return shown == 0 ? "nothing" : text;
        }
    }
}
