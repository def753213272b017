namespace OpenMvSsl.Crypto
{
    /// <summary>Key-exchange groups, with their TLS code points (RFC 8446 4.2.7).</summary>
    public enum NamedGroup : ushort
    {
        Secp256r1 = 23,
        /// <summary>Optional for providers: lets a TLS 1.3 peer that prefers it avoid a HelloRetryRequest.</summary>
        Secp384r1 = 24,
        X25519 = 29,
    }
}
