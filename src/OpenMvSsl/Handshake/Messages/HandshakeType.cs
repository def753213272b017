namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// Handshake message types (RFC 8446 4, RFC 5246 7.4, RFC 6347 4.3.2). A HelloRetryRequest
    /// has no type of its own: it is a ServerHello whose random is a fixed magic value
    /// (see <see cref="ServerHello.IsHelloRetryRequest"/>).
    /// </summary>
    public enum HandshakeType : byte
    {
        /// <summary>TLS 1.2 renegotiation request; recognised only so that it can be refused.</summary>
        HelloRequest = 0,
        ClientHello = 1,
        ServerHello = 2,
        HelloVerifyRequest = 3,
        NewSessionTicket = 4,
        EndOfEarlyData = 5,
        EncryptedExtensions = 8,
        Certificate = 11,
        ServerKeyExchange = 12,
        CertificateRequest = 13,
        ServerHelloDone = 14,
        CertificateVerify = 15,
        ClientKeyExchange = 16,
        Finished = 20,
        KeyUpdate = 24,
        /// <summary>Stands in for ClientHello1 in the transcript after a HelloRetryRequest (RFC 8446 4.4.1).</summary>
        MessageHash = 254,
    }
}
