namespace OpenMvSsl.Crypto
{
    /// <summary>The AEAD ciphers the record layer can use. No other kind of cipher exists here.</summary>
    public enum AeadAlgorithm
    {
        Aes128Gcm = 1,
        Aes256Gcm = 2,
        /// <summary>AES-128-CCM with a 16-byte tag (RFC 6655).</summary>
        Aes128Ccm = 3,
        Aes256Ccm = 4,
        /// <summary>AES-128-CCM with an 8-byte tag (RFC 6655 CCM_8, RFC 7251).</summary>
        Aes128Ccm8 = 5,
        Aes256Ccm8 = 6,
        ChaCha20Poly1305 = 7,
    }
}
