using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Fuzz
{
    /// <summary>
    /// The desktop provider with a seeded random source and seeded P-256 key agreement, so that a
    /// handshake prefix sends the same bytes on every run and a crashing input replays (ECDSA
    /// signatures stay randomized, so a TLS 1.3 CertificateVerify and what follows it differ).
    /// </summary>
    public sealed class SeededCryptoProvider : ICryptoProvider
    {
        private readonly ICryptoProvider inner;
        private readonly Random random;

        public SeededCryptoProvider(ICryptoProvider inner, int seed)
        {
            this.inner = inner;
            random = new Random(seed);
        }

        public string Name => inner.Name + " (seeded)";
        public bool IsSupported(AeadAlgorithm algorithm) => inner.IsSupported(algorithm);
        public bool IsSupported(NamedGroup group) => inner.IsSupported(group);
        public IAead CreateAead(AeadAlgorithm algorithm, SpanByte key) => inner.CreateAead(algorithm, key);
        public IHash CreateHash(HashAlgorithm algorithm) => inner.CreateHash(algorithm);
        public IHmac CreateHmac(HashAlgorithm algorithm, SpanByte key) => inner.CreateHmac(algorithm, key);
        public IKeyAgreement CreateKeyAgreement(NamedGroup group)
            => group == NamedGroup.Secp256r1 ? new SeededKeyAgreement(random) : inner.CreateKeyAgreement(group);
        public void GetRandomBytes(SpanByte output) => random.NextBytes(output);
        public IPublicKey GetCertificatePublicKey(SpanByte certificateDer) => inner.GetCertificatePublicKey(certificateDer);
        public IPrivateKey ImportPrivateKey(SpanByte keyDer) => inner.ImportPrivateKey(keyDer);
        public CertificateCheck VerifyCertificateChain(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
            => inner.VerifyCertificateChain(chain, trustAnchors, hostname, now);
    }
}
