namespace OpenMvSsl.Crypto
{
    /// <summary>The outcome of a certificate chain check: one precise reason each.</summary>
    public enum CertificateStatus
    {
        Valid = 0,
        Expired = 1,
        NotYetValid = 2,
        HostnameMismatch = 3,
        /// <summary>No chain to a trust anchor; the result names the issuer that was not found.</summary>
        Untrusted = 4,
        BadSignature = 5,
        UnsupportedKey = 6,
        Malformed = 7,
    }
}
