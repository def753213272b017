using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>Our own private key (server certificate key, or client key for mutual TLS).</summary>
    public interface IPrivateKey : IDisposable
    {
        KeyType KeyType { get; }

        int KeySizeBits { get; }

        /// <summary>Largest signature this key produces, in bytes.</summary>
        int MaxSignatureLength { get; }

        /// <summary>
        /// Signs <paramref name="message"/> (hashed inside) and returns the signature length.
        /// ECDSA signatures are DER-encoded. Throws <see cref="SslException"/> with
        /// <see cref="SslError.UnsupportedAlgorithm"/> when the scheme does not fit the key.
        /// </summary>
        int Sign(SignatureScheme scheme, SpanByte message, SpanByte signature);
    }
}
