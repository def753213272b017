using System.Collections.Generic;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>Settings of <see cref="BcDtlsServer"/> and <see cref="BcTlsServer"/>.</summary>
    public sealed class BcServerOptions : BcPeerOptions
    {
        /// <summary>PSK identities (UTF-8 text) and their keys. Empty: no PSK suites.</summary>
        public Dictionary<string, byte[]> PskKeys { get; } = new Dictionary<string, byte[]>();

        /// <summary>PSK identity hint sent in ServerKeyExchange (TLS/DTLS 1.2); null sends none.</summary>
        public byte[] PskIdentityHint { get; set; }

        /// <summary>Whether a client certificate is requested and whether it is mandatory. It is
        /// checked against <see cref="BcPeerOptions.TrustAnchorDer"/> when that is set.</summary>
        public BcClientCertificateMode ClientCertificate { get; set; } = BcClientCertificateMode.None;

        /// <summary>DTLS only: answer the first ClientHello with a HelloVerifyRequest
        /// (RFC 6347 4.2.1) and start the handshake only for a ClientHello with a valid cookie.</summary>
        public bool CookieExchange { get; set; } = true;

        /// <summary>Send every received application datagram (DTLS) or chunk (TLS) straight back.</summary>
        public bool Echo { get; set; } = true;

        /// <summary>Hard limit on the server's life in ms; after it the socket is closed.</summary>
        public int LifetimeMs { get; set; } = 20000;

        /// <summary>Adds a PSK identity and key; returns this for chaining.</summary>
        public BcServerOptions WithPsk(string identity, byte[] key)
        {
            PskKeys[identity] = key;
            return this;
        }

        /// <summary>Asks for a client certificate and checks it against the CA (DER); returns this.</summary>
        public BcServerOptions WithClientCertificate(BcClientCertificateMode mode, byte[] caCertificateDer)
        {
            ClientCertificate = mode;
            TrustAnchorDer = caCertificateDer;
            return this;
        }

        /// <summary>Sets the server certificate (DER) and its PKCS#8 private key; returns this.</summary>
        public BcServerOptions WithCertificate(byte[] certificateDer, byte[] privateKeyPkcs8Der)
        {
            SetCertificate(certificateDer, privateKeyPkcs8Der);
            return this;
        }
    }
}
