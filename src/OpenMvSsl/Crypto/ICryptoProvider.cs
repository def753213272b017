using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>
    /// Every cryptographic operation the protocol core needs. The desktop implementation wraps
    /// System.Security.Cryptography; the device implementation calls a C library over mbedTLS
    /// (firmware-bindings/). Everything crosses as plain bytes so that a C function with
    /// (pointer, length) pairs can implement each member.
    /// </summary>
    public interface ICryptoProvider
    {
        /// <summary>A short name for logs and benchmarks ("dotnet", "mbedtls").</summary>
        string Name { get; }

        bool IsSupported(AeadAlgorithm algorithm);

        bool IsSupported(NamedGroup group);

        /// <summary>Key length must fit the algorithm (16 or 32 bytes).</summary>
        IAead CreateAead(AeadAlgorithm algorithm, SpanByte key);

        IHash CreateHash(HashAlgorithm algorithm);

        IHmac CreateHmac(HashAlgorithm algorithm, SpanByte key);

        /// <summary>Generates a fresh ephemeral key pair on <paramref name="group"/>.</summary>
        IKeyAgreement CreateKeyAgreement(NamedGroup group);

        /// <summary>Fills <paramref name="output"/> from a cryptographically secure generator.</summary>
        void GetRandomBytes(SpanByte output);

        /// <summary>
        /// Reads the subject public key of a DER certificate. Throws <see cref="SslException"/>
        /// (CertificateMalformed or CertificateUnsupportedKey) when it cannot.
        /// </summary>
        IPublicKey GetCertificatePublicKey(SpanByte certificateDer);

        /// <summary>
        /// Imports a private key from DER: PKCS#8, SEC1 (EC) or PKCS#1 (RSA). Throws
        /// <see cref="SslException"/> (BadKeyOrCertificate) when it cannot.
        /// </summary>
        IPrivateKey ImportPrivateKey(SpanByte keyDer);

        /// <summary>
        /// Checks a chain (leaf first, DER) against the trust anchors (DER) at time
        /// <paramref name="now"/> (UTC), and the leaf against <paramref name="hostname"/> unless
        /// it is null. Never throws for a bad chain: the result says what is wrong.
        /// </summary>
        CertificateCheck VerifyCertificateChain(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now);
    }
}
