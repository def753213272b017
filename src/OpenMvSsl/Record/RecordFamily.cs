namespace OpenMvSsl.Record
{
    /// <summary>
    /// The three record formats. They differ in header, nonce and additional-data construction.
    /// </summary>
    public enum RecordFamily
    {
        /// <summary>TLS 1.2 (RFC 5246 6.2, AEAD as in RFC 5288 / 6655 / 7905).</summary>
        Tls12 = 1,
        /// <summary>TLS 1.3 (RFC 8446 5.2-5.4): inner content type, padding, per-record nonce.</summary>
        Tls13 = 2,
        /// <summary>DTLS 1.2 (RFC 6347 4.1): epoch and 48-bit sequence number in the header.</summary>
        Dtls12 = 3,
    }
}
