namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>The AEAD keys and fixed IVs cut from a TLS 1.2 key block (RFC 5246 6.3; AEAD suites have no MAC keys).</summary>
    public sealed class Tls12TrafficKeys
    {
        public byte[] ClientWriteKey;
        public byte[] ServerWriteKey;
        public byte[] ClientWriteIv;
        public byte[] ServerWriteIv;
    }
}
