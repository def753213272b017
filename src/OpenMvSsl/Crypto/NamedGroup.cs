namespace OpenMvSsl.Crypto
{
    /// <summary>Key-exchange groups, with their TLS code points (RFC 8446 4.2.7).</summary>
    public enum NamedGroup : ushort
    {
        Secp256r1 = 23,
        X25519 = 29,
    }
}
