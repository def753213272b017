namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>Whether a BouncyCastle server asks for a client certificate (same values as
    /// MicroPython's CERT_NONE / CERT_OPTIONAL / CERT_REQUIRED).</summary>
    public enum BcClientCertificateMode
    {
        /// <summary>No CertificateRequest is sent.</summary>
        None = 0,

        /// <summary>A CertificateRequest is sent; an empty client Certificate is accepted.</summary>
        Optional = 1,

        /// <summary>A CertificateRequest is sent; the handshake fails without a client certificate.</summary>
        Required = 2,
    }
}
