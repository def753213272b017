using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Loads exactly one DER certificate. X509CertificateLoader alone also takes PEM text and
    /// ignores bytes after the certificate; a peer's certificate must be nothing but DER.
    /// </summary>
    internal static class DerCertificate
    {
        /// <summary>The certificate, or null with <paramref name="problem"/> saying why not.</summary>
        public static X509Certificate2 TryLoad(ReadOnlySpan<byte> der, out string problem)
        {
            try
            {
                Asn1Tag tag = Asn1Tag.Decode(der, out _);
                int contentOffset;
                int contentLength;
                int consumed;
                AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out contentOffset, out contentLength, out consumed);
                if (!tag.HasSameClassAndValue(Asn1Tag.Sequence) || !tag.IsConstructed)
                {
                    problem = "it does not start with a DER SEQUENCE";
                    return null;
                }
                if (consumed != der.Length)
                {
                    problem = (der.Length - consumed) + " bytes follow the certificate";
                    return null;
                }
            }
            catch (AsnContentException e)
            {
                problem = "it is not DER (" + e.Message + ")";
                return null;
            }

            try
            {
                problem = null;
                return X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException e)
            {
                problem = e.Message;
                return null;
            }
        }
    }
}
