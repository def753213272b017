namespace OpenMvSsl
{
    /// <summary>
    /// Stable error codes carried by <see cref="SslException"/>. The numbers never change once
    /// published; new codes are added at the end of their group. docs/errors.md lists them all
    /// with what to do about each.
    /// </summary>
    public enum SslError
    {
        None = 0,

        // 100s: records and framing
        DecodeError = 100,
        RecordOverflow = 101,
        BadRecordMac = 102,
        UnexpectedMessage = 103,
        ProtocolVersion = 104,
        SequenceExhausted = 105,
        ReplayedRecord = 106,
        UnknownEpoch = 107,
        BufferTooSmall = 108,

        // 200s: handshake and negotiation
        HandshakeFailure = 200,
        IllegalParameter = 201,
        InsufficientSecurity = 202,
        UnknownPskIdentity = 203,
        PeerAlert = 204,
        HandshakeTimeout = 205,
        DecryptError = 206,

        // 300s: certificates
        CertificateExpired = 300,
        CertificateNotYetValid = 301,
        CertificateHostnameMismatch = 302,
        CertificateUntrusted = 303,
        CertificateBadSignature = 304,
        CertificateUnsupportedKey = 305,
        CertificateMalformed = 306,
        CertificateRequired = 307,

        // 400s: API use and local configuration
        InvalidArgument = 400,
        InvalidState = 401,
        UnsupportedAlgorithm = 402,
        BadKeyOrCertificate = 403,

        // 500s: connection
        Closed = 500,
        Truncated = 501,
        WouldBlock = 502,
        SocketError = 503,
        /// <summary>A blocking call with a positive Timeout ran out of time (MicroPython: OSError ETIMEDOUT).</summary>
        TimedOut = 504,
    }
}
