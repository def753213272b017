namespace OpenMvSsl.Tests.Peers
{
    /// <summary>GnuTLS priority strings that the interop tests use, checked with `gnutls-cli -l --priority`.</summary>
    public static class GnuTlsPriorities
    {
        /// <summary>GnuTLS defaults (no PSK, no CCM-8).</summary>
        public const string Normal = "NORMAL";

        /// <summary>Defaults plus PSK key exchange and AES-128-CCM-8 (lets the peer pick).</summary>
        public const string NormalWithPskCcm8 = "NORMAL:+PSK:+AES-128-CCM-8";

        /// <summary>Exactly TLS_PSK_WITH_AES_128_CCM_8 (0xC0,0xA8) over DTLS 1.2.</summary>
        public const string DtlsPskAes128Ccm8 = "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-CCM-8";

        /// <summary>Exactly TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 (0xC0,0xAE) over DTLS 1.2.</summary>
        public const string DtlsEcdheEcdsaAes128Ccm8 = "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+ECDHE-ECDSA:-CIPHER-ALL:+AES-128-CCM-8";

        /// <summary>TLS 1.2 only, default suites.</summary>
        public const string Tls12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2";

        /// <summary>TLS 1.3 only, default suites.</summary>
        public const string Tls13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3";

        /// <summary>DTLS 1.2 only, default suites.</summary>
        public const string Dtls12 = "NORMAL:-VERS-ALL:+VERS-DTLS1.2";
    }
}
