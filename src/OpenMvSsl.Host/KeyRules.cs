using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Which keys the library accepts: EC keys on P-256, and RSA keys of 2048 to 8192 bits
    /// (rsaEncryption only; RSASSA-PSS-restricted keys have no matching TLS scheme here).
    /// </summary>
    internal static class KeyRules
    {
        public const string EcPublicKeyOid = "1.2.840.10045.2.1";
        public const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
        public const string P256CurveOid = "1.2.840.10045.3.1.7";
        public const int MinRsaBits = 2048;
        public const int MaxRsaBits = 8192;

        public const string Supported = "only EC P-256 and RSA 2048..8192-bit keys are supported";

        /// <summary>Null when the certificate's key is usable, otherwise why not.</summary>
        public static string WhyUnsupported(X509Certificate2 certificate)
        {
            string algorithm = certificate.PublicKey.Oid.Value;
            if (algorithm == EcPublicKeyOid)
            {
                string curve = ReadCurveOid(certificate.PublicKey.EncodedParameters.RawData);
                if (curve == P256CurveOid) return null;
                return "the key is on EC curve " + (curve ?? "(explicit parameters)") + "; " + Supported;
            }
            if (algorithm == RsaEncryptionOid)
            {
                using (RSA rsa = certificate.PublicKey.GetRSAPublicKey())
                {
                    return WhyUnsupportedRsa(rsa.KeySize);
                }
            }
            return "the key algorithm is " + algorithm + "; " + Supported;
        }

        public static string WhyUnsupportedRsa(int bits)
        {
            if (bits >= MinRsaBits && bits <= MaxRsaBits) return null;
            return "the RSA key has " + bits + " bits; " + Supported;
        }

        public static string WhyUnsupportedEc(ECAlgorithm key)
        {
            ECParameters parameters = key.ExportParameters(false);
            if (IsP256(parameters.Curve)) return null;
            string name = parameters.Curve.Oid != null
                ? (parameters.Curve.Oid.Value ?? parameters.Curve.Oid.FriendlyName)
                : null;
            return "the key is on EC curve " + (name ?? "(explicit parameters)") + "; " + Supported;
        }

        private static bool IsP256(ECCurve curve)
        {
            if (!curve.IsNamed || curve.Oid == null) return false;
            if (curve.Oid.Value == P256CurveOid) return true;
            string name = curve.Oid.FriendlyName;
            return name == "nistP256" || name == "ECDSA_P256" || name == "prime256v1" || name == "secp256r1";
        }

        // The parameters of id-ecPublicKey: a named-curve OID, or explicit parameters (null).
        private static string ReadCurveOid(byte[] encodedParameters)
        {
            try
            {
                AsnReader reader = new AsnReader(encodedParameters, AsnEncodingRules.DER);
                if (!reader.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)) return null;
                return reader.ReadObjectIdentifier();
            }
            catch (AsnContentException)
            {
                return null;
            }
        }
    }
}
