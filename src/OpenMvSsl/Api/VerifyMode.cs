namespace OpenMvSsl
{
    /// <summary>MicroPython's CERT_NONE / CERT_OPTIONAL / CERT_REQUIRED, with the same values.</summary>
    public enum VerifyMode
    {
        /// <summary>Do not check the peer's certificate (encryption only; the default, as in MicroPython).</summary>
        CertNone = 0,
        /// <summary>Check the certificate if the peer sends one; a server does not insist on one.</summary>
        CertOptional = 1,
        /// <summary>The peer must present a certificate that chains to a loaded CA (and, for a client, names the server).</summary>
        CertRequired = 2,
    }
}
