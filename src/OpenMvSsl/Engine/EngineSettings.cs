using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// Everything an engine needs to know about one connection, filled in by SslContext (or a
    /// test). Plain fields so that it costs nothing on a device.
    /// </summary>
    public sealed class EngineSettings
    {
        public ICryptoProvider Provider;

        public bool IsServer;

        /// <summary>Cipher suite code points in preference order; null means the library's defaults.</summary>
        public int[] CipherSuites;

        /// <summary>Client PSK identity and key (RFC 4279).</summary>
        public byte[] PskIdentity;
        public byte[] PskKey;

        /// <summary>Server PSK lookup by identity.</summary>
        public IPskKeyStore PskKeys;

        /// <summary>Optional server PSK identity hint.</summary>
        public byte[] PskIdentityHint;

        /// <summary>Our certificate chain, DER, leaf first, with its private key.</summary>
        public byte[][] CertificateChain;
        public IPrivateKey PrivateKey;

        /// <summary>
        /// Server: a second chain and key whose key type differs from the first (an ECDSA and an
        /// RSA certificate at once); the handshake picks by what the client accepts.
        /// </summary>
        public byte[][] AlternateCertificateChain;
        public IPrivateKey AlternatePrivateKey;

        /// <summary>Trust anchors (DER) for checking the peer's chain.</summary>
        public byte[][] TrustAnchors;

        public VerifyMode VerifyMode = VerifyMode.CertNone;

        /// <summary>Client: sent as SNI and, with CertRequired, checked against the certificate.</summary>
        public string ServerName;

        /// <summary>ALPN protocols (RFC 7301): a client's offer in preference order, or the ones a server accepts.</summary>
        public string[] AlpnProtocols;

        /// <summary>TLS: the highest and lowest versions to negotiate (wire values; default TLS 1.3 down to TLS 1.2).</summary>
        public int MaxVersion = Record.ProtocolVersion.Tls13;
        public int MinVersion = Record.ProtocolVersion.Tls12;

        /// <summary>TLS 1.3 client: the groups to send key shares for first (others are only listed); default secp256r1.</summary>
        public NamedGroup[] KeyShareGroups;

        /// <summary>Largest datagram the engine sends (IP and UDP headers excluded).</summary>
        public int Mtu = 1400;

        /// <summary>Flight retransmission: first timeout and the cap of the doubling (RFC 6347 4.2.4.1).</summary>
        public int RetransmitInitialMs = 1000;
        public int RetransmitMaxMs = 60000;

        /// <summary>How many times a flight is resent before the handshake fails with HandshakeTimeout.</summary>
        public int MaxRetransmissions = 8;

        /// <summary>Server: answer a ClientHello without a valid cookie with HelloVerifyRequest (RFC 6347 4.2.1).</summary>
        public bool RequireCookie = true;

        /// <summary>Server: HMAC key for cookies; made from the provider's random generator when null.</summary>
        public byte[] CookieSecret;

        /// <summary>Server: the client's transport address as bytes; cookies are bound to it.</summary>
        public byte[] PeerAddress;

        /// <summary>
        /// The wall clock (UTC) certificate validity is checked against until the driver sets the
        /// engine's WallClockUtc; taken when these settings are made, by their maker.
        /// </summary>
        public DateTime WallClockUtc = DateTime.UtcNow;

        /// <summary>
        /// Largest record content we want to receive (64..16384). Below 16384 a client offers
        /// record_size_limit (RFC 8449) and, for 512/1024/2048/4096, max_fragment_length
        /// (RFC 6066); a server answers record_size_limit with it. Buffers are sized from what
        /// was agreed.
        /// </summary>
        public int MaxRecordSize = Record.RecordLimits.MaxPlaintext;

        /// <summary>Upper bound on buffered out-of-order handshake bytes.</summary>
        public int MaxHandshakeBufferBytes = 32768;

        /// <summary>Refuses settings no handshake could succeed with, before anything is sent.</summary>
        internal void Check(string protocol)
        {
            if (Provider == null)
                throw new SslException(SslError.InvalidArgument, "engine settings need a crypto provider");
            if (MaxRecordSize < Record.RecordLimits.MinPlaintextLimit || MaxRecordSize > Record.RecordLimits.MaxPlaintext)
                throw new SslException(SslError.InvalidArgument, "MaxRecordSize must be between 64 and 16384 bytes, got " + MaxRecordSize);
            if (IsServer && PskKeys == null && !Handshake.ServerCredentials.Any(this))
                throw new SslException(SslError.InvalidArgument, "a " + protocol + " server needs a certificate and key (LoadCertChain) or PSK keys");
            if (!IsServer && VerifyMode == VerifyMode.CertRequired && (ServerName == null || ServerName.Length == 0))
                throw new SslException(SslError.InvalidArgument, "CertRequired needs the server's hostname (serverHostname) to check the certificate against");
        }
    }
}
