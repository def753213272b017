using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Crypto.Omv;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// The crypto provider over the firmware's C library (firmware-bindings/, mbedTLS), called
    /// through P/Invoke: the same C code the device runs, minus the nanoCLR marshalling. Each
    /// instance owns one CTR-DRBG (locked, so connections on several threads may share the
    /// provider). The library is found by <see cref="NativeLibraryLocator"/>; when it is missing
    /// the constructor throws SslException(UnsupportedAlgorithm) naming the path it looked at.
    /// Dispose frees the DRBG; objects created from the provider must not be used afterwards.
    /// </summary>
    public sealed class MbedTlsCryptoProvider : ICryptoProvider, IDisposable
    {
        private readonly DrbgHandle drbg;
        private static readonly IOmvX509 X509 = new NativeX509();

        public MbedTlsCryptoProvider()
        {
            NativeLibraryLocator.EnsureLoaded();
            drbg = new DrbgHandle("OpenMvSsl.Native.MbedTlsCryptoProvider");
        }

        public string Name { get { return "mbedtls"; } }

        public bool IsSupported(AeadAlgorithm algorithm)
        {
            return NativeMethods.omv_aead_key_length((int)algorithm) > 0;
        }

        public bool IsSupported(NamedGroup group)
        {
            return NativeMethods.omv_ecdh_public_key_length((int)group) > 0;
        }

        public IAead CreateAead(AeadAlgorithm algorithm, SpanByte key)
        {
            if (!IsSupported(algorithm))
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "AEAD algorithm " + algorithm + " is not available in the " + Name + " provider.");
            }
            return new MbedTlsAead(algorithm, key);
        }

        public IHash CreateHash(HashAlgorithm algorithm)
        {
            return new MbedTlsHash(algorithm);
        }

        public IHmac CreateHmac(HashAlgorithm algorithm, SpanByte key)
        {
            return new MbedTlsHmac(algorithm, key);
        }

        public IKeyAgreement CreateKeyAgreement(NamedGroup group)
        {
            if (!IsSupported(group))
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "Key agreement group " + group + " is not available in the " + Name + " provider; use secp256r1.");
            }
            return new MbedTlsKeyAgreement(group, drbg);
        }

        public void GetRandomBytes(SpanByte output)
        {
            drbg.Fill(output);
        }

        public IPublicKey GetCertificatePublicKey(SpanByte certificateDer)
        {
            return MbedTlsPublicKey.FromCertificate(certificateDer);
        }

        public IPrivateKey ImportPrivateKey(SpanByte keyDer)
        {
            return MbedTlsPrivateKey.Import(keyDer, drbg);
        }

        public CertificateCheck VerifyCertificateChain(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
        {
            // Certificate times are UTC; a local or unspecified clock reading is taken as the .NET provider takes it.
            DateTime utcNow = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);
            return OmvChainVerifier.Verify(X509, chain, trustAnchors, hostname, utcNow);
        }

        public void Dispose()
        {
            drbg.Dispose();
        }
    }
}
