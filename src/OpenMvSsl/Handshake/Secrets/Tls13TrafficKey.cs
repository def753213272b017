using System;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>The AEAD key and 12-byte IV of one direction, expanded from a TLS 1.3 traffic secret (RFC 8446 7.3).</summary>
    public sealed class Tls13TrafficKey
    {
        public byte[] Key;
        public byte[] Iv;
    }
}
