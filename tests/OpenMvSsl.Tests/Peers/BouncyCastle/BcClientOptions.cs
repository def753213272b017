namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>Settings of <see cref="BcDtlsClient"/> and <see cref="BcTlsClient"/>.</summary>
    public sealed class BcClientOptions : BcPeerOptions
    {
        /// <summary>PSK identity (UTF-8 text); null: no PSK suites.</summary>
        public string PskIdentity { get; set; }

        /// <summary>PSK key bytes for <see cref="PskIdentity"/>.</summary>
        public byte[] PskKey { get; set; }

        /// <summary>Name the server certificate must match (DNS name or IP literal) when
        /// <see cref="BcPeerOptions.TrustAnchorDer"/> is set; a DNS name is also sent as SNI.</summary>
        public string ServerName { get; set; }

        /// <summary>RFC 5746 signal in the ClientHello: false (BouncyCastle's default) sends the
        /// TLS_EMPTY_RENEGOTIATION_INFO_SCSV cipher suite, true sends an empty renegotiation_info
        /// extension instead. Either way the client refuses a server that does not answer with
        /// renegotiation_info.</summary>
        public bool SendRenegotiationInfoExtension { get; set; }

        /// <summary>Sets the PSK identity and key; returns this.</summary>
        public BcClientOptions WithPsk(string identity, byte[] key)
        {
            PskIdentity = identity;
            PskKey = key;
            return this;
        }

        /// <summary>Sets the client certificate (DER) and its PKCS#8 private key; returns this.</summary>
        public BcClientOptions WithCertificate(byte[] certificateDer, byte[] privateKeyPkcs8Der)
        {
            SetCertificate(certificateDer, privateKeyPkcs8Der);
            return this;
        }

        /// <summary>Sets the trust anchor (DER) and the expected server name; returns this.</summary>
        public BcClientOptions WithTrustAnchor(byte[] caCertificateDer, string serverName)
        {
            TrustAnchorDer = caCertificateDer;
            ServerName = serverName;
            return this;
        }

        internal bool HasPsk
        {
            get { return PskIdentity != null && PskKey != null; }
        }
    }
}
