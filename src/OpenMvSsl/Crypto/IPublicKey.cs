using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>A peer's public key, taken from its certificate.</summary>
    public interface IPublicKey : IDisposable
    {
        KeyType KeyType { get; }

        /// <summary>Key size in bits (256 for P-256, the modulus size for RSA).</summary>
        int KeySizeBits { get; }

        /// <summary>
        /// Verifies <paramref name="signature"/> over <paramref name="message"/> (hashed inside,
        /// as the scheme says). ECDSA signatures are DER-encoded, as TLS sends them. Returns
        /// false for a wrong signature or a scheme that does not fit the key.
        /// </summary>
        bool Verify(SignatureScheme scheme, SpanByte message, SpanByte signature);
    }
}
