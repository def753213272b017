using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Our own P-256 or RSA private key, imported from DER by the BCL. A P-256 key is also handed to
    /// libcrypto (OpenSslEcKey) for signing when the EC fast path is available.
    /// </summary>
    public sealed class DotNetPrivateKey : IPrivateKey
    {
        private ECDsa _ecdsa;
        private RSA _rsa;
        private OpenSslEcKey _native;
        private readonly KeyType _keyType;
        private readonly int _keySizeBits;
        private readonly int _maxSignatureLength;

        private DotNetPrivateKey(ECDsa ecdsa, RSA rsa)
        {
            _ecdsa = ecdsa;
            _rsa = rsa;
            if (ecdsa != null)
            {
                _keyType = KeyType.EcP256;
                _keySizeBits = ecdsa.KeySize;
                _maxSignatureLength = ecdsa.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence);
            }
            else
            {
                _keyType = KeyType.Rsa;
                _keySizeBits = rsa.KeySize;
                _maxSignatureLength = (rsa.KeySize + 7) / 8;
            }
        }

        /// <summary>
        /// Imports an unencrypted PKCS#8, SEC1 (EC) or PKCS#1 (RSA) DER key. Throws SslException
        /// BadKeyOrCertificate when the bytes are not such a key, CertificateUnsupportedKey
        /// when the key is not P-256 or RSA 2048..8192.
        /// </summary>
        public static DotNetPrivateKey Import(ReadOnlySpan<byte> keyDer)
        {
            return Import(keyDer, OpenSslEc.IsAvailable);
        }

        /// <summary>As Import; <paramref name="useOpenSsl"/> false signs P-256 with the BCL.</summary>
        internal static DotNetPrivateKey Import(ReadOnlySpan<byte> keyDer, bool useOpenSsl)
        {
            KeyFormat format = DetectFormat(keyDer);
            ECDsa ecdsa = null;
            RSA rsa = null;
            try
            {
                int bytesRead;
                switch (format)
                {
                    case KeyFormat.Pkcs8Ec:
                        ecdsa = ECDsa.Create();
                        ecdsa.ImportPkcs8PrivateKey(keyDer, out bytesRead);
                        break;
                    case KeyFormat.Pkcs8Rsa:
                        rsa = RSA.Create();
                        rsa.ImportPkcs8PrivateKey(keyDer, out bytesRead);
                        break;
                    case KeyFormat.Sec1:
                        ecdsa = ECDsa.Create();
                        ecdsa.ImportECPrivateKey(keyDer, out bytesRead);
                        break;
                    default:
                        rsa = RSA.Create();
                        rsa.ImportRSAPrivateKey(keyDer, out bytesRead);
                        break;
                }
                if (bytesRead != keyDer.Length)
                {
                    throw new SslException(SslError.BadKeyOrCertificate,
                        "The private key has " + (keyDer.Length - bytesRead) + " bytes of trailing data.");
                }

                string problem = ecdsa != null ? KeyRules.WhyUnsupportedEc(ecdsa) : KeyRules.WhyUnsupportedRsa(rsa.KeySize);
                if (problem != null)
                {
                    throw new SslException(SslError.CertificateUnsupportedKey, "Private key: " + problem + ".");
                }

                DotNetPrivateKey key = new DotNetPrivateKey(ecdsa, rsa);
                if (ecdsa != null && useOpenSsl) key._native = ToOpenSsl(ecdsa);
                ecdsa = null;
                rsa = null;
                return key;
            }
            catch (CryptographicException e)
            {
                throw new SslException(SslError.BadKeyOrCertificate, "The private key could not be read: " + e.Message);
            }
            finally
            {
                if (ecdsa != null) ecdsa.Dispose();
                if (rsa != null) rsa.Dispose();
            }
        }

        public KeyType KeyType { get { return _keyType; } }

        public int KeySizeBits { get { return _keySizeBits; } }

        public int MaxSignatureLength { get { return _maxSignatureLength; } }

        public int Sign(SignatureScheme scheme, SpanByte message, SpanByte signature)
        {
            if (_ecdsa == null && _rsa == null)
            {
                throw new SslException(SslError.InvalidState, "This private key has been disposed.");
            }

            KeyType schemeKeyType;
            HashAlgorithmName hash;
            RSASignaturePadding padding;
            if (!SignatureSchemes.TryDescribe(scheme, out schemeKeyType, out hash, out padding) || schemeKeyType != _keyType)
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "Signature scheme " + scheme + " (0x" + ((int)scheme).ToString("x4") + ") cannot be used with a " + _keyType + " key.");
            }

            int written;
            if (_native != null)
            {
                Span<byte> digest = stackalloc byte[EcDigest.MaxLength];
                int digestLength = EcDigest.Compute(hash, message, digest);
                written = _native.SignDigest(digest.Slice(0, digestLength), signature);
                if (written < 0)
                {
                    throw new SslException(SslError.BufferTooSmall,
                        "The signature needs up to " + _maxSignatureLength + " bytes, the output has " + signature.Length + ".");
                }
                return written;
            }

            bool fits = _ecdsa != null
                ? _ecdsa.TrySignData(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence, out written)
                : _rsa.TrySignData(message, signature, hash, padding, out written);
            if (!fits)
            {
                throw new SslException(SslError.BufferTooSmall,
                    "The signature needs up to " + _maxSignatureLength + " bytes, the output has " + signature.Length + ".");
            }
            return written;
        }

        public void Dispose()
        {
            if (_ecdsa != null) _ecdsa.Dispose();
            if (_rsa != null) _rsa.Dispose();
            if (_native != null) _native.Dispose();
            _ecdsa = null;
            _rsa = null;
            _native = null;
        }

        // The BCL has parsed and checked the key; libcrypto gets its scalar and point.
        private static OpenSslEcKey ToOpenSsl(ECDsa ecdsa)
        {
            ECParameters parameters = ecdsa.ExportParameters(true);
            byte[] point = new byte[1 + parameters.Q.X.Length + parameters.Q.Y.Length];
            try
            {
                point[0] = 0x04;
                parameters.Q.X.CopyTo(point, 1);
                parameters.Q.Y.CopyTo(point, 1 + parameters.Q.X.Length);
                OpenSslEcKey native = OpenSslEcKey.FromPrivateKey(NamedGroup.Secp256r1, parameters.D, point);
                if (native == null) throw new CryptographicException("libcrypto refused the P-256 private key.");
                return native;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }

        private enum KeyFormat
        {
            Pkcs8Ec,
            Pkcs8Rsa,
            Sec1,
            Pkcs1,
        }

        // All three start with SEQUENCE { INTEGER version, ... }; the next element tells them
        // apart: PKCS#8 has the AlgorithmIdentifier SEQUENCE, SEC1 the key OCTET STRING,
        // PKCS#1 the modulus INTEGER.
        private static KeyFormat DetectFormat(ReadOnlySpan<byte> keyDer)
        {
            try
            {
                AsnReader outer = new AsnReader(keyDer.ToArray(), AsnEncodingRules.BER);
                AsnReader body = outer.ReadSequence();
                if (!body.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
                {
                    throw new SslException(SslError.BadKeyOrCertificate,
                        "The private key is not PKCS#8, SEC1 or PKCS#1 DER (an encrypted PKCS#8 key is not supported).");
                }
                body.ReadIntegerBytes();
                Asn1Tag next = body.PeekTag();
                if (next.HasSameClassAndValue(Asn1Tag.Integer)) return KeyFormat.Pkcs1;
                if (next.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString)) return KeyFormat.Sec1;
                if (next.HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    AsnReader algorithm = body.ReadSequence();
                    string oid = algorithm.ReadObjectIdentifier();
                    if (oid == KeyRules.EcPublicKeyOid) return KeyFormat.Pkcs8Ec;
                    if (oid == KeyRules.RsaEncryptionOid) return KeyFormat.Pkcs8Rsa;
                    throw new SslException(SslError.CertificateUnsupportedKey,
                        "Private key: the key algorithm is " + oid + "; " + KeyRules.Supported + ".");
                }
            }
            catch (AsnContentException)
            {
            }
            throw new SslException(SslError.BadKeyOrCertificate, "The private key is not PKCS#8, SEC1 or PKCS#1 DER.");
        }
    }
}
