namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// Extension code points (IANA TLS ExtensionType Values; RFC 8446 4.2, RFC 6066, RFC 7301,
    /// RFC 7627, RFC 8449, RFC 5746). Unknown values are carried through as plain numbers.
    /// </summary>
    public enum ExtensionType : ushort
    {
        ServerName = 0,
        MaxFragmentLength = 1,
        StatusRequest = 5,
        SupportedGroups = 10,
        EcPointFormats = 11,
        SignatureAlgorithms = 13,
        ApplicationLayerProtocolNegotiation = 16,
        SignedCertificateTimestamp = 18,
        Padding = 21,
        EncryptThenMac = 22,
        ExtendedMasterSecret = 23,
        RecordSizeLimit = 28,
        SessionTicket = 35,
        PreSharedKey = 41,
        EarlyData = 42,
        SupportedVersions = 43,
        Cookie = 44,
        PskKeyExchangeModes = 45,
        CertificateAuthorities = 47,
        PostHandshakeAuth = 49,
        SignatureAlgorithmsCert = 50,
        KeyShare = 51,
        RenegotiationInfo = 0xFF01,
    }
}
