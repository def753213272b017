using System;
using Org.BouncyCastle.Tls;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// Settings shared by every BouncyCastle test peer. Everything has a default that makes a
    /// working peer once credentials (PSK or certificate) are set.
    /// </summary>
    public class BcPeerOptions
    {
        /// <summary>IANA cipher suite code points in preference order (0xC0A8, 0x1301 ...).
        /// Null: all AEAD suites that fit the configured credentials and protocol versions.</summary>
        public int[] CipherSuites { get; set; }

        /// <summary>Protocol versions to offer/accept, e.g. ProtocolVersion.TLSv13.Only().
        /// Null: DTLS 1.2 for the DTLS peers, TLS 1.2 and 1.3 for the TLS peers.</summary>
        public ProtocolVersion[] ProtocolVersions { get; set; }

        /// <summary>Our library always uses RFC 7627, so by default BouncyCastle refuses to
        /// finish a TLS/DTLS 1.2 handshake without it.</summary>
        public bool RequireExtendedMasterSecret { get; set; } = true;

        /// <summary>False makes BouncyCastle leave RFC 7627 out entirely (no extension sent or
        /// accepted): a peer for "must refuse a handshake without EMS" tests. Needs
        /// <see cref="RequireExtendedMasterSecret"/> false too.</summary>
        public bool OfferExtendedMasterSecret { get; set; } = true;

        /// <summary>Own certificate (leaf, DER). Server: required for certificate suites.
        /// Client: sent when the server asks for one.</summary>
        public byte[] CertificateDer { get; set; }

        /// <summary>Certificates sent after the leaf (DER, leaf's issuer first); may be null.</summary>
        public byte[][] IntermediateCertificatesDer { get; set; }

        /// <summary>Private key of <see cref="CertificateDer"/>, PKCS#8 DER (ECDSA P-256 or RSA).</summary>
        public byte[] PrivateKeyDer { get; set; }

        /// <summary>CA certificate (DER) the peer's certificate chain must end at.
        /// Null: the peer's certificate is recorded but not checked.</summary>
        public byte[] TrustAnchorDer { get; set; }

        /// <summary>Handshake time limit in ms (BouncyCastle aborts after it).</summary>
        public int HandshakeTimeoutMs { get; set; } = 10000;

        /// <summary>Path MTU for DTLS: handshake messages are fragmented to fit
        /// MTU - 28 bytes (IPv4 + UDP headers) per datagram.</summary>
        public int Mtu { get; set; } = 1500;

        internal bool HasCertificate
        {
            get { return CertificateDer != null && PrivateKeyDer != null; }
        }

        internal void SetCertificate(byte[] certificateDer, byte[] privateKeyPkcs8Der)
        {
            CertificateDer = certificateDer;
            PrivateKeyDer = privateKeyPkcs8Der;
        }
    }
}
