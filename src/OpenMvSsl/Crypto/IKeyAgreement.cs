using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>One ephemeral (EC)DH key pair: made for one handshake, then disposed.</summary>
    public interface IKeyAgreement : IDisposable
    {
        NamedGroup Group { get; }

        /// <summary>Length of the encoded public key: 65 for secp256r1 and 97 for secp384r1 (uncompressed points), 32 for X25519.</summary>
        int PublicKeyLength { get; }

        /// <summary>Length of the shared secret: 32 (secp256r1, X25519) or 48 (secp384r1).</summary>
        int SharedSecretLength { get; }

        /// <summary>Writes the public key in its TLS encoding (RFC 8446 4.2.8.2).</summary>
        void GetPublicKey(SpanByte output);

        /// <summary>
        /// Derives the shared secret from the peer's encoded public key. Returns false when the
        /// peer's key is malformed or not on the curve.
        /// </summary>
        bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output);
    }
}
