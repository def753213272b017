using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// A peer's P-256 or RSA public key, read from its certificate. A P-256 key is held by libcrypto
    /// directly (OpenSslEcKey) when the EC fast path is available, otherwise by the BCL's ECDsa.
    /// </summary>
    public sealed class DotNetPublicKey : IPublicKey
    {
        private ECDsa _ecdsa;
        private RSA _rsa;
        private OpenSslEcKey _native;
        private readonly bool _ownsNative;
        private readonly KeyType _keyType;
        private readonly int _keySizeBits;

        private DotNetPublicKey(ECDsa ecdsa, RSA rsa, OpenSslEcKey native)
            : this(ecdsa, rsa, native, true)
        {
        }

        private DotNetPublicKey(ECDsa ecdsa, RSA rsa, OpenSslEcKey native, bool ownsNative)
        {
            _ecdsa = ecdsa;
            _rsa = rsa;
            _native = native;
            _ownsNative = ownsNative;
            _keyType = rsa == null ? KeyType.EcP256 : KeyType.Rsa;
            _keySizeBits = rsa == null ? 256 : rsa.KeySize;
        }

        /// <summary>
        /// Reads the subject public key of a DER certificate. Throws SslException
        /// CertificateMalformed or CertificateUnsupportedKey.
        /// </summary>
        public static DotNetPublicKey FromCertificate(ReadOnlySpan<byte> certificateDer)
        {
            return FromCertificate(certificateDer, OpenSslEc.IsAvailable);
        }

        /// <summary>
        /// As FromCertificate(bytes, true), through <paramref name="cache"/>: a certificate seen
        /// recently reuses its libcrypto key (shared, so this wrapper does not dispose it).
        /// </summary>
        internal static DotNetPublicKey FromCertificate(ReadOnlySpan<byte> certificateDer, PeerKeyCache cache)
        {
            OpenSslEcKey cached = cache.Find(certificateDer);
            if (cached != null) return new DotNetPublicKey(null, null, cached, false);

            DotNetPublicKey key = FromCertificate(certificateDer, true);
            if (key._native == null) return key;
            cache.Add(certificateDer, key._native);
            return new DotNetPublicKey(null, null, key._native, false);
        }

        /// <summary>As FromCertificate; <paramref name="useOpenSsl"/> false keeps a P-256 key in the BCL.</summary>
        internal static DotNetPublicKey FromCertificate(ReadOnlySpan<byte> certificateDer, bool useOpenSsl)
        {
            string parseProblem;
            X509Certificate2 certificate = DerCertificate.TryLoad(certificateDer, out parseProblem);
            if (certificate == null)
            {
                throw new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate,
                    "The certificate could not be parsed: " + parseProblem + ".");
            }

            using (certificate)
            {
                string problem;
                try
                {
                    problem = KeyRules.WhyUnsupported(certificate);
                }
                catch (CryptographicException e)
                {
                    throw new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate,
                        "The certificate's public key could not be read: " + e.Message);
                }
                if (problem != null)
                {
                    throw new SslException(SslError.CertificateUnsupportedKey, AlertDescription.UnsupportedCertificate,
                        "Certificate '" + certificate.Subject + "': " + problem + ".");
                }

                try
                {
                    if (certificate.PublicKey.Oid.Value == KeyRules.EcPublicKeyOid)
                    {
                        if (useOpenSsl)
                        {
                            // KeyRules checked the curve is P-256; the key is the bare SEC1 point.
                            OpenSslEcKey native = OpenSslEcKey.FromPublicPoint(NamedGroup.Secp256r1,
                                certificate.PublicKey.EncodedKeyValue.RawData);
                            if (native == null)
                            {
                                throw new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate,
                                    "The certificate's public key could not be read: it is not a point on P-256.");
                            }
                            return new DotNetPublicKey(null, null, native);
                        }
                        return new DotNetPublicKey(certificate.GetECDsaPublicKey(), null, null);
                    }
                    return new DotNetPublicKey(null, certificate.GetRSAPublicKey(), null);
                }
                catch (CryptographicException e)
                {
                    throw new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate,
                        "The certificate's public key could not be read: " + e.Message);
                }
            }
        }

        public KeyType KeyType { get { return _keyType; } }

        public int KeySizeBits { get { return _keySizeBits; } }

        public bool Verify(SignatureScheme scheme, SpanByte message, SpanByte signature)
        {
            if (_ecdsa == null && _rsa == null && _native == null)
            {
                throw new SslException(SslError.InvalidState, "This public key has been disposed.");
            }

            KeyType schemeKeyType;
            HashAlgorithmName hash;
            RSASignaturePadding padding;
            if (!SignatureSchemes.TryDescribe(scheme, out schemeKeyType, out hash, out padding)) return false;
            if (schemeKeyType != _keyType) return false;

            if (_native != null)
            {
                Span<byte> digest = stackalloc byte[EcDigest.MaxLength];
                int digestLength = EcDigest.Compute(hash, message, digest);
                return _native.VerifyDigest(digest.Slice(0, digestLength), signature);
            }

            try
            {
                if (_ecdsa != null)
                {
                    return _ecdsa.VerifyData(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }
                return _rsa.VerifyData(message, signature, hash, padding);
            }
            catch (CryptographicException)
            {
                // A signature the BCL cannot even decode is simply not a valid signature.
                return false;
            }
        }

        public void Dispose()
        {
            if (_ecdsa != null) _ecdsa.Dispose();
            if (_rsa != null) _rsa.Dispose();
            if (_native != null && _ownsNative) _native.Dispose();
            _ecdsa = null;
            _rsa = null;
            _native = null;
        }
    }
}
