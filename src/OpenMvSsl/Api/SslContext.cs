using System;
using System.Collections;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Util;

namespace OpenMvSsl
{
    /// <summary>
    /// MicroPython's <c>ssl.SSLContext</c>: the settings and credentials shared by the
    /// connections it makes. <c>WrapSocket</c> (desktop and device builds, in Net/) turns a
    /// socket into an <see cref="SslSocket"/>; <see cref="CreateEngineSettings"/> gives the
    /// per-connection settings to anything else that drives an engine.
    /// </summary>
    public sealed partial class SslContext
    {
        /// <summary>The default receive buffer: a full DTLS record (2^14 bytes) plus its overhead.</summary>
        public const int DefaultReceiveBufferSize = 17408;

        private readonly SslProtocol protocol;
        private VerifyMode verifyMode = VerifyMode.CertNone;
        private byte[][] certificateChain;
        private IPrivateKey privateKey;
        private byte[][] alternateChain;
        private IPrivateKey alternateKey;
        private readonly ArrayList trustAnchors = new ArrayList();
        private int[] cipherSuites;
        private ICryptoProvider provider;
        private bool providerSet;
        private int mtu = 1400;
        private int maxRecordSize = Record.RecordLimits.MaxPlaintext;
        private int retransmitInitialMs = 1000;
        private int retransmitMaxMs = 60000;
        private int maxRetransmissions = 8;
        private int receiveBufferSize = DefaultReceiveBufferSize;
        private int minimumVersion = Record.ProtocolVersion.Tls12;
        private int maximumVersion = Record.ProtocolVersion.Tls13;
        private string[] alpnProtocols;

        public SslContext(SslProtocol protocol)
        {
            if (protocol != SslProtocol.TlsClient && protocol != SslProtocol.TlsServer
                && protocol != SslProtocol.DtlsClient && protocol != SslProtocol.DtlsServer)
                throw new SslException(SslError.InvalidArgument, "unknown protocol " + (int)protocol + " (use SslProtocol.TlsClient, TlsServer, DtlsClient or DtlsServer)");
            this.protocol = protocol;
            CookiesRequired = true;
        }

        public SslProtocol Protocol { get { return protocol; } }

        /// <summary>True for DtlsServer and TlsServer contexts.</summary>
        public bool IsServer { get { return protocol == SslProtocol.TlsServer || protocol == SslProtocol.DtlsServer; } }

        /// <summary>True for the DTLS protocols (UDP sockets).</summary>
        public bool IsDatagram { get { return protocol == SslProtocol.DtlsClient || protocol == SslProtocol.DtlsServer; } }

        /// <summary>Whether and how the peer's certificate is checked. Default CertNone, as in MicroPython.</summary>
        public VerifyMode VerifyMode
        {
            get { return verifyMode; }
            set
            {
                if (value != VerifyMode.CertNone && value != VerifyMode.CertOptional && value != VerifyMode.CertRequired)
                    throw new SslException(SslError.InvalidArgument, "unknown verify mode " + (int)value);
                verifyMode = value;
            }
        }

        /// <summary>
        /// The crypto provider for connections made from this context. Defaults to
        /// <see cref="CryptoProviders.Default"/>; setting null makes every use fail with a clear error.
        /// </summary>
        public ICryptoProvider Provider
        {
            get { return providerSet ? provider : CryptoProviders.Default; }
            set
            {
                provider = value;
                providerSet = true;
            }
        }

        // ---- certificates -------------------------------------------------------------------

        /// <summary>
        /// Our certificate (PEM, possibly a chain with the leaf first, or one DER certificate) and
        /// its private key (PEM or DER; PKCS#8, SEC1 or PKCS#1). Replaces what was loaded before
        /// with a key of the same type; a key of the other type (ECDSA beside RSA) is kept as
        /// well, and a server then presents whichever the client can verify.
        /// </summary>
        public void LoadCertChain(byte[] cert, byte[] key)
        {
            ICryptoProvider crypto = CryptoProviders.Require(Provider);
            if (cert == null) throw new SslException(SslError.BadKeyOrCertificate, "cert is missing");
            if (key == null) throw new SslException(SslError.BadKeyOrCertificate, "key is missing");
            byte[][] chain = Pem.DecodeCertificates(cert, "cert");
            byte[] keyDer = Pem.DecodePrivateKey(key, "key");

            IPrivateKey imported;
            try
            {
                imported = crypto.ImportPrivateKey(keyDer);
            }
            catch (SslException e)
            {
                throw new SslException(SslError.BadKeyOrCertificate, "key: " + e.Message);
            }
            try
            {
                CheckKeyBelongsToCertificate(crypto, imported, chain[0]);
            }
            catch (SslException)
            {
                imported.Dispose();
                throw;
            }
            if (privateKey != null && privateKey.KeyType != imported.KeyType)
            {
                if (alternateKey != null) alternateKey.Dispose();
                alternateKey = privateKey;
                alternateChain = certificateChain;
            }
            else if (privateKey != null)
            {
                privateKey.Dispose();
            }
            if (alternateKey != null && alternateKey.KeyType == imported.KeyType)
            {
                alternateKey.Dispose();
                alternateKey = null;
                alternateChain = null;
            }
            privateKey = imported;
            certificateChain = chain;
        }

        private static void CheckKeyBelongsToCertificate(ICryptoProvider crypto, IPrivateKey key, byte[] leaf)
        {
            IPublicKey publicKey;
            try
            {
                publicKey = crypto.GetCertificatePublicKey(leaf);
            }
            catch (SslException e)
            {
                throw new SslException(SslError.BadKeyOrCertificate, "cert: " + e.Message);
            }
            try
            {
                if (publicKey.KeyType != key.KeyType)
                    throw new SslException(SslError.BadKeyOrCertificate,
                        "the key is " + KeyTypeName(key.KeyType) + " but the certificate holds " + KeyTypeName(publicKey.KeyType) + " (wrong key file?)");
                // Sign and verify a probe so that a key of the right type but for another
                // certificate is caught here rather than as a handshake failure at the peer.
                SignatureScheme scheme = key.KeyType == KeyType.Rsa ? SignatureScheme.RsaPkcs1Sha256 : SignatureScheme.EcdsaSecp256r1Sha256;
                byte[] probe = { (byte)'o', (byte)'p', (byte)'e', (byte)'n', (byte)'m', (byte)'v', (byte)'s', (byte)'s', (byte)'l' };
                byte[] signature = new byte[key.MaxSignatureLength];
                int length = key.Sign(scheme, probe, signature);
                if (!publicKey.Verify(scheme, probe, new SpanByte(signature, 0, length)))
                    throw new SslException(SslError.BadKeyOrCertificate,
                        "the private key does not belong to the certificate (same key type, different key)");
            }
            finally
            {
                publicKey.Dispose();
            }
        }

        private static string KeyTypeName(KeyType type)
        {
            switch (type)
            {
                case KeyType.EcP256: return "an EC P-256 key";
                case KeyType.Rsa: return "an RSA key";
                default: return "key type " + (int)type;
            }
        }

        /// <summary>
        /// Adds trusted CA certificates (PEM with one or more, or one DER certificate). Call it
        /// again to add more. MicroPython's <c>load_verify_locations(cadata=...)</c>.
        /// </summary>
        public void LoadVerifyLocations(byte[] caData)
        {
            if (caData == null) throw new SslException(SslError.BadKeyOrCertificate, "caData is missing");
            byte[][] certificates = Pem.DecodeCertificates(caData, "caData");
            for (int i = 0; i < certificates.Length; i++) trustAnchors.Add(certificates[i]);
        }

        /// <summary>How many trusted CA certificates are loaded.</summary>
        public int TrustedCertificateCount { get { return trustAnchors.Count; } }

        /// <summary>True once LoadCertChain succeeded.</summary>
        public bool HasCertificate { get { return certificateChain != null; } }

        // ---- cipher suites ------------------------------------------------------------------

        /// <summary>IANA names of the suites this context offers, in preference order.</summary>
        public string[] GetCiphers()
        {
            if (cipherSuites != null)
            {
                string[] chosen = new string[cipherSuites.Length];
                for (int i = 0; i < chosen.Length; i++) chosen[i] = CipherSuiteNames.NameOf(cipherSuites[i]);
                return chosen;
            }
            int count = 0;
            for (int i = 0; i < CipherSuiteNames.Count; i++)
                if (Usable(i)) count++;
            string[] names = new string[count];
            int at = 0;
            for (int i = 0; i < CipherSuiteNames.Count; i++)
                if (Usable(i)) names[at++] = CipherSuiteNames.IanaName(i);
            return names;
        }

        /// <summary>
        /// Restricts and orders the suites: IANA (TLS_PSK_WITH_AES_128_CCM_8), mbedTLS
        /// (TLS-PSK-WITH-AES-128-CCM-8) or OpenSSL (PSK-AES128-CCM8) names separated by colons or
        /// commas. Only AEAD suites exist; a CBC name is refused with a message saying so.
        /// </summary>
        public void SetCiphers(string names)
        {
            if (names == null) throw new SslException(SslError.InvalidArgument, "cipher suite names are missing");
            SetCiphers(SplitNames(names));
        }

        /// <summary>The list form of <see cref="SetCiphers(string)"/> (MicroPython passes a list).</summary>
        public void SetCiphers(string[] names)
        {
            if (names == null) throw new SslException(SslError.InvalidArgument, "cipher suite names are missing");
            int[] codes = new int[names.Length];
            int count = 0;
            for (int n = 0; n < names.Length; n++)
            {
                string name = names[n] == null ? "" : names[n].Trim();
                if (name.Length == 0) continue;
                int index = CipherSuiteNames.Find(name);
                if (index < 0)
                {
                    if (CipherSuiteNames.LooksLikeCbc(name))
                        throw new SslException(SslError.InvalidArgument,
                            "cipher suite " + name + " is a CBC suite; only AEAD suites (AES-GCM, AES-CCM, AES-CCM_8, ChaCha20-Poly1305) exist here");
                    throw new SslException(SslError.InvalidArgument,
                        "unknown cipher suite " + name + " (GetCiphers() lists the names this context accepts)");
                }
                if (!Usable(index))
                    throw new SslException(SslError.InvalidArgument,
                        "cipher suite " + name + " is a TLS 1.3 suite; DTLS 1.2 needs a TLS_ECDHE_... or TLS_PSK_... suite");
                int code = CipherSuiteNames.Code(index);
                bool seen = false;
                for (int i = 0; i < count; i++)
                    if (codes[i] == code) seen = true;
                if (!seen) codes[count++] = code;
            }
            if (count == 0) throw new SslException(SslError.InvalidArgument, "no cipher suite names given");
            int[] chosen = new int[count];
            Array.Copy(codes, chosen, count);
            cipherSuites = chosen;
        }

        private bool Usable(int index)
        {
            return !(IsDatagram && CipherSuiteNames.IsTls13(index));
        }

        private static string[] SplitNames(string names)
        {
            ArrayList parts = new ArrayList();
            int start = 0;
            for (int i = 0; i <= names.Length; i++)
            {
                if (i == names.Length || names[i] == ':' || names[i] == ',')
                {
                    parts.Add(names.Substring(start, i - start));
                    start = i + 1;
                }
            }
            string[] result = new string[parts.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (string)parts[i];
            return result;
        }

        // ---- pre-shared keys ----------------------------------------------------------------

        /// <summary>Client: the PSK identity sent to the server (MicroPython <c>psk_identity</c>).</summary>
        public byte[] PskIdentity { get; set; }

        /// <summary>Client: the pre-shared key (MicroPython <c>psk_key</c>).</summary>
        public byte[] PskKey { get; set; }

        /// <summary>Server: optional identity hint sent in ServerKeyExchange.</summary>
        public byte[] PskIdentityHint { get; set; }

        /// <summary>Server: identity to key lookup (MicroPython <c>server_psk_keys</c>); see <see cref="PskKeyTable"/>.</summary>
        public IPskKeyStore ServerPskKeys { get; set; }

        /// <summary>Sets <see cref="PskIdentity"/> from text (UTF-8).</summary>
        public void SetPskIdentity(string identity)
        {
            if (identity == null || identity.Length == 0) throw new SslException(SslError.InvalidArgument, "PSK identity is empty");
            PskIdentity = TextBytes.Utf8(identity);
        }

        /// <summary>Sets <see cref="PskKey"/> from hex digits ("00112233...", as openssl -psk takes it).</summary>
        public void SetPskKey(string hexKey)
        {
            PskKey = TextBytes.ParseHex(hexKey, "PSK key");
        }

        /// <summary>
        /// Largest record content to receive, 64..16384 (default 16384: no limit asked). Smaller
        /// values are negotiated with record_size_limit and max_fragment_length and shrink the
        /// per-connection buffers.
        /// </summary>
        public int MaxRecordSize
        {
            get { return maxRecordSize; }
            set
            {
                if (value < Record.RecordLimits.MinPlaintextLimit || value > Record.RecordLimits.MaxPlaintext)
                    throw new SslException(SslError.InvalidArgument, "MaxRecordSize must be between 64 and 16384 bytes, got " + value);
                maxRecordSize = value;
            }
        }

        // ---- DTLS transport -----------------------------------------------------------------

        /// <summary>Largest datagram sent, IP and UDP headers excluded (default 1400).</summary>
        public int Mtu
        {
            get { return mtu; }
            set
            {
                if (value < 256 || value > 65507)
                    throw new SslException(SslError.InvalidArgument, "MTU must be between 256 and 65507 bytes, got " + value);
                mtu = value;
            }
        }

        /// <summary>First handshake retransmission timeout in ms (default 1000, RFC 6347 4.2.4.1).</summary>
        public int RetransmitInitialMs
        {
            get { return retransmitInitialMs; }
            set
            {
                if (value <= 0) throw new SslException(SslError.InvalidArgument, "RetransmitInitialMs must be positive, got " + value);
                retransmitInitialMs = value;
            }
        }

        /// <summary>Cap of the doubling retransmission timeout in ms (default 60000).</summary>
        public int RetransmitMaxMs
        {
            get { return retransmitMaxMs; }
            set
            {
                if (value <= 0) throw new SslException(SslError.InvalidArgument, "RetransmitMaxMs must be positive, got " + value);
                retransmitMaxMs = value;
            }
        }

        /// <summary>Flight resends before the handshake fails with HandshakeTimeout (default 8).</summary>
        public int MaxRetransmissions
        {
            get { return maxRetransmissions; }
            set
            {
                if (value < 0) throw new SslException(SslError.InvalidArgument, "MaxRetransmissions must not be negative, got " + value);
                maxRetransmissions = value;
            }
        }

        /// <summary>Server: answer a ClientHello without a valid cookie with HelloVerifyRequest (default true).</summary>
        public bool CookiesRequired { get; set; }

        /// <summary>
        /// Bytes set aside for one received datagram and for one record's data (default 17408, a
        /// full record). Lower it on a small device when the peer's datagrams are known to be smaller.
        /// </summary>
        public int ReceiveBufferSize
        {
            get { return receiveBufferSize; }
            set
            {
                if (value < 256 || value > 65536)
                    throw new SslException(SslError.InvalidArgument, "ReceiveBufferSize must be between 256 and 65536 bytes, got " + value);
                receiveBufferSize = value;
            }
        }

        // ---- TLS version and ALPN -----------------------------------------------------------

        /// <summary>
        /// TLS: the oldest version accepted, OpenMvSsl.Record.ProtocolVersion.Tls12 (default) or
        /// Tls13. DTLS always speaks DTLS 1.2 and ignores it.
        /// </summary>
        public int MinimumVersion
        {
            get { return minimumVersion; }
            set
            {
                CheckTlsVersion(value, "MinimumVersion");
                minimumVersion = value;
            }
        }

        /// <summary>TLS: the newest version offered, Tls13 (default) or Tls12 (pins TLS 1.2).</summary>
        public int MaximumVersion
        {
            get { return maximumVersion; }
            set
            {
                CheckTlsVersion(value, "MaximumVersion");
                maximumVersion = value;
            }
        }

        private static void CheckTlsVersion(int value, string name)
        {
            if (value != Record.ProtocolVersion.Tls12 && value != Record.ProtocolVersion.Tls13)
                throw new SslException(SslError.InvalidArgument,
                    name + " must be ProtocolVersion.Tls12 (0x0303) or Tls13 (0x0304); TLS 1.0 and 1.1 are refused, got 0x" + value.ToString("X4"));
        }

        /// <summary>
        /// ALPN protocol names (RFC 7301), most preferred first, e.g. { "h2", "http/1.1" }; null
        /// (default) sends or accepts none. A server refuses a client whose list shares nothing.
        /// </summary>
        public string[] AlpnProtocols
        {
            get { return alpnProtocols; }
            set
            {
                if (value != null)
                    for (int i = 0; i < value.Length; i++)
                        if (value[i] == null || value[i].Length == 0 || value[i].Length > 255)
                            throw new SslException(SslError.InvalidArgument, "ALPN protocol names must be 1 to 255 characters long");
                alpnProtocols = value == null || value.Length == 0 ? null : value;
            }
        }

        // ---- per connection -----------------------------------------------------------------

        /// <summary>
        /// Everything an engine needs for one connection, checked: the side must match the
        /// context's protocol; a client with CertRequired needs <paramref name="serverHostname"/>
        /// and a CA; a server needs a certificate or PSK keys. <paramref name="peerAddress"/>
        /// binds a DTLS server's cookies to the client's address.
        /// </summary>
        public EngineSettings CreateEngineSettings(bool serverSide, string serverHostname, byte[] peerAddress)
        {
            if (serverSide != IsServer)
                throw new SslException(SslError.InvalidArgument, serverSide
                    ? "serverSide is true but the context was made for a client; use SslProtocol." + (IsDatagram ? "DtlsServer" : "TlsServer")
                    : "the context was made for a server; pass serverSide: true");
            ICryptoProvider crypto = CryptoProviders.Require(Provider);
            if (serverSide)
            {
                if (certificateChain == null && ServerPskKeys == null)
                    throw new SslException(SslError.InvalidArgument,
                        "a server needs a certificate (LoadCertChain) or PSK keys (ServerPskKeys)");
                if (verifyMode == VerifyMode.CertRequired && trustAnchors.Count == 0)
                    throw new SslException(SslError.InvalidArgument,
                        "VerifyMode.CertRequired needs the CA that signs client certificates: call LoadVerifyLocations(caData)");
            }
            else
            {
                if (verifyMode == VerifyMode.CertRequired)
                {
                    if (serverHostname == null || serverHostname.Length == 0)
                        throw new SslException(SslError.InvalidArgument,
                            "VerifyMode.CertRequired needs serverHostname: the name the server's certificate must carry");
                    if (trustAnchors.Count == 0)
                        throw new SslException(SslError.InvalidArgument,
                            "VerifyMode.CertRequired needs a trusted CA: call LoadVerifyLocations(caData) (a device has no built-in CA store)");
                }
                if ((PskIdentity == null) != (PskKey == null))
                    throw new SslException(SslError.InvalidArgument,
                        PskKey == null ? "PskIdentity is set but PskKey is not" : "PskKey is set but PskIdentity is not");
            }

            EngineSettings settings = new EngineSettings();
            settings.Provider = crypto;
            settings.IsServer = serverSide;
            settings.CipherSuites = cipherSuites;
            settings.PskIdentity = serverSide ? null : PskIdentity;
            settings.PskKey = serverSide ? null : PskKey;
            settings.PskKeys = serverSide ? ServerPskKeys : null;
            settings.PskIdentityHint = serverSide ? PskIdentityHint : null;
            settings.CertificateChain = certificateChain;
            settings.PrivateKey = privateKey;
            settings.AlternateCertificateChain = alternateChain;
            settings.AlternatePrivateKey = alternateKey;
            settings.TrustAnchors = TrustAnchorArray();
            settings.VerifyMode = verifyMode;
            settings.ServerName = serverSide || serverHostname == null || serverHostname.Length == 0 ? null : serverHostname;
            settings.Mtu = mtu;
            settings.MaxRecordSize = maxRecordSize;
            settings.RetransmitInitialMs = retransmitInitialMs;
            settings.RetransmitMaxMs = retransmitMaxMs < retransmitInitialMs ? retransmitInitialMs : retransmitMaxMs;
            settings.MaxRetransmissions = maxRetransmissions;
            settings.RequireCookie = serverSide && CookiesRequired;
            settings.PeerAddress = peerAddress;
            settings.AlpnProtocols = alpnProtocols;
            if (!IsDatagram)
            {
                if (minimumVersion > maximumVersion)
                    throw new SslException(SslError.InvalidArgument, "MinimumVersion is newer than MaximumVersion: no TLS version is left");
                settings.MinVersion = minimumVersion;
                settings.MaxVersion = maximumVersion;
            }
            return settings;
        }

        private byte[][] TrustAnchorArray()
        {
            if (trustAnchors.Count == 0) return null;
            byte[][] anchors = new byte[trustAnchors.Count][];
            for (int i = 0; i < anchors.Length; i++) anchors[i] = (byte[])trustAnchors[i];
            return anchors;
        }
    }
}
