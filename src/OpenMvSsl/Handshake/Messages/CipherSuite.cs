using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>One cipher suite this library can negotiate. Instances live in <see cref="CipherSuites"/>.</summary>
    public sealed class CipherSuite
    {
        internal CipherSuite(int code, string ianaName, string openSslName, KeyExchange keyExchange,
            AeadAlgorithm aead, HashAlgorithm hash)
        {
            Code = code;
            IanaName = ianaName;
            OpenSslName = openSslName;
            KeyExchange = keyExchange;
            Aead = aead;
            Hash = hash;
        }

        /// <summary>The two-byte IANA code point, as sent in ClientHello/ServerHello.</summary>
        public int Code { get; private set; }

        /// <summary>The IANA registry name, e.g. TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.</summary>
        public string IanaName { get; private set; }

        /// <summary>The OpenSSL name, e.g. ECDHE-ECDSA-AES128-GCM-SHA256 (TLS 1.3 suites share the IANA name).</summary>
        public string OpenSslName { get; private set; }

        public KeyExchange KeyExchange { get; private set; }

        public AeadAlgorithm Aead { get; private set; }

        /// <summary>The TLS 1.2 PRF hash, or the TLS 1.3 HKDF/transcript hash.</summary>
        public HashAlgorithm Hash { get; private set; }

        public bool IsTls13 { get { return KeyExchange == KeyExchange.Tls13; } }

        /// <summary>Size of the 1.2 Finished verify_data (always 12 here) or of the 1.3 one (the hash size).</summary>
        public int FinishedLength
        {
            get
            {
                if (!IsTls13) return Finished.Tls12VerifyDataLength;
                return Hash == HashAlgorithm.Sha384 ? 48 : 32;
            }
        }

        public override string ToString()
        {
            return IanaName;
        }
    }
}
