using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// The desktop crypto provider: System.Security.Cryptography (OpenSSL underneath on Linux).
    /// X25519 is not offered: the BCL on Linux has no X25519 (ECCurve "curve25519" throws
    /// PlatformNotSupportedException), so only secp256r1 key agreement is available.
    /// On Linux, ECDH and ECDSA on P-256/P-384 call libcrypto.so.3 directly (OpenSslEc; set
    /// OPENMVSSL_HOST_EC=bcl to keep them in the BCL).
    /// </summary>
    public sealed class DotNetCryptoProvider : ICryptoProvider
    {
        private readonly bool _openSslEc;
        private readonly PeerKeyCache _peerKeys = new PeerKeyCache();

        public DotNetCryptoProvider()
            : this(OpenSslEc.IsAvailable)
        {
        }

        /// <summary><paramref name="openSslEc"/> false keeps every EC operation in the BCL (tests compare both).</summary>
        internal DotNetCryptoProvider(bool openSslEc)
        {
            _openSslEc = openSslEc && OpenSslEc.IsAvailable;
        }

        /// <summary>True when EC operations go to libcrypto directly rather than through the BCL.</summary>
        public bool UsesOpenSslEc { get { return _openSslEc; } }
        public string Name { get { return "dotnet"; } }

        public bool IsSupported(AeadAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes256Gcm:
                    return AesGcm.IsSupported || DotNetAead.UsesManagedCode(algorithm);
                // CCM is built on plain AES (managed AES-NI, or AesCcmCipher), always present.
                case AeadAlgorithm.Aes128Ccm:
                case AeadAlgorithm.Aes256Ccm:
                case AeadAlgorithm.Aes128Ccm8:
                case AeadAlgorithm.Aes256Ccm8:
                    return true;
                case AeadAlgorithm.ChaCha20Poly1305:
                    return ChaCha20Poly1305.IsSupported || DotNetAead.UsesManagedCode(algorithm);
                default:
                    return false;
            }
        }

        public bool IsSupported(NamedGroup group)
        {
            return group == NamedGroup.Secp256r1 || group == NamedGroup.Secp384r1;
        }

        public IAead CreateAead(AeadAlgorithm algorithm, SpanByte key)
        {
            if (!IsSupported(algorithm))
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "AEAD algorithm " + algorithm + " is not available in the " + Name + " provider.");
            }
            return new DotNetAead(algorithm, key);
        }

        public IHash CreateHash(OpenMvSsl.Crypto.HashAlgorithm algorithm)
        {
            return new DotNetHash(algorithm);
        }

        public IHmac CreateHmac(OpenMvSsl.Crypto.HashAlgorithm algorithm, SpanByte key)
        {
            return new DotNetHmac(algorithm, key);
        }

        public IKeyAgreement CreateKeyAgreement(NamedGroup group)
        {
            if (!IsSupported(group))
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "Key agreement group " + group + " is not available in the " + Name
                    + " provider (the .NET library on Linux has no X25519); use secp256r1.");
            }
            if (_openSslEc) return new OpenSslKeyAgreement(group);
            return new DotNetKeyAgreement(group);
        }

        public void GetRandomBytes(SpanByte output)
        {
            RandomNumberGenerator.Fill(output);
        }

        public IPublicKey GetCertificatePublicKey(SpanByte certificateDer)
        {
            if (_openSslEc) return DotNetPublicKey.FromCertificate(certificateDer, _peerKeys);
            return DotNetPublicKey.FromCertificate(certificateDer, false);
        }

        public IPrivateKey ImportPrivateKey(SpanByte keyDer)
        {
            return DotNetPrivateKey.Import(keyDer, _openSslEc);
        }

        public CertificateCheck VerifyCertificateChain(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
        {
            return CertificateChainVerifier.Verify(chain, trustAnchors, hostname, now);
        }
    }
}
