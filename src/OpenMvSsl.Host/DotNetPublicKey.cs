using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>A peer's P-256 or RSA public key, read from its certificate.</summary>
    public sealed class DotNetPublicKey : IPublicKey
    {
        private ECDsa _ecdsa;
        private RSA _rsa;
        private readonly KeyType _keyType;
        private readonly int _keySizeBits;

        private DotNetPublicKey(ECDsa ecdsa, RSA rsa)
        {
            _ecdsa = ecdsa;
            _rsa = rsa;
            _keyType = ecdsa != null ? KeyType.EcP256 : KeyType.Rsa;
            _keySizeBits = ecdsa != null ? ecdsa.KeySize : rsa.KeySize;
        }

        /// <summary>
        /// Reads the subject public key of a DER certificate. Throws SslException
        /// CertificateMalformed or CertificateUnsupportedKey.
        /// </summary>
        public static DotNetPublicKey FromCertificate(ReadOnlySpan<byte> certificateDer)
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
                        return new DotNetPublicKey(certificate.GetECDsaPublicKey(), null);
                    }
                    return new DotNetPublicKey(null, certificate.GetRSAPublicKey());
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
            if (_ecdsa == null && _rsa == null)
            {
                throw new SslException(SslError.InvalidState, "This public key has been disposed.");
            }

            KeyType schemeKeyType;
            HashAlgorithmName hash;
            RSASignaturePadding padding;
            if (!SignatureSchemes.TryDescribe(scheme, out schemeKeyType, out hash, out padding)) return false;
            if (schemeKeyType != _keyType) return false;

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
            _ecdsa = null;
            _rsa = null;
        }
    }
}
