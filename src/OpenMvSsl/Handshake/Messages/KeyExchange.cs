namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>How a cipher suite agrees on keys and authenticates the server.</summary>
    public enum KeyExchange
    {
        /// <summary>TLS/DTLS 1.2 pre-shared key only (RFC 4279).</summary>
        Psk = 1,
        /// <summary>TLS/DTLS 1.2 ephemeral ECDH signed with an ECDSA certificate (RFC 8422).</summary>
        EcdheEcdsa = 2,
        /// <summary>TLS/DTLS 1.2 ephemeral ECDH signed with an RSA certificate (RFC 8422).</summary>
        EcdheRsa = 3,
        /// <summary>TLS 1.3: the suite names only the AEAD and hash; key exchange is negotiated by extensions.</summary>
        Tls13 = 4,
    }
}
