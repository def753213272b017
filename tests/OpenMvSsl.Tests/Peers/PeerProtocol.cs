namespace OpenMvSsl.Tests.Peers
{
    /// <summary>Which protocol version a peer is pinned to.</summary>
    public enum PeerProtocol
    {
        /// <summary>TLS over TCP, any version the peer enables by default (1.2 and 1.3 here).</summary>
        Tls,
        /// <summary>TLS 1.2 only.</summary>
        Tls12,
        /// <summary>TLS 1.3 only.</summary>
        Tls13,
        /// <summary>DTLS 1.2 over UDP (neither OpenSSL 3.0 nor GnuTLS 3.7 has DTLS 1.3).</summary>
        Dtls12,
    }

    public static class PeerProtocolExtensions
    {
        /// <summary>True for the protocols that run over UDP.</summary>
        public static bool IsDatagram(this PeerProtocol protocol)
        {
            return protocol == PeerProtocol.Dtls12;
        }
    }
}
