using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake
{
    /// <summary>
    /// Turns a certificate check into the error a person can act on: the device clock for
    /// validity problems, both names for a hostname mismatch, the issuer for an untrusted chain.
    /// </summary>
    internal static class CertificatePolicy
    {
        /// <summary>Checks <paramref name="chain"/> and throws the matching SslException when it is not acceptable.</summary>
        internal static void Verify(ICryptoProvider provider, byte[][] chain, byte[][] anchors, string hostname, DateTime now, string whose)
        {
            if (anchors == null || anchors.Length == 0)
                throw new SslException(SslError.CertificateUntrusted, AlertDescription.UnknownCa,
                    "cannot verify the " + whose + "'s certificate: no CA loaded (call LoadVerifyLocations, or use CertNone)");
            CertificateCheck check = provider.VerifyCertificateChain(chain, anchors, hostname, now);
            if (check.IsValid) return;
            throw ToException(check, whose);
        }

        internal static SslException ToException(CertificateCheck check, string whose)
        {
            string subject = "'" + check.Subject + "'";
            switch (check.Status)
            {
                case CertificateStatus.Expired:
                    return new SslException(SslError.CertificateExpired, AlertDescription.CertificateExpired,
                        "the " + whose + "'s certificate " + subject + " expired on " + Utc(check.NotAfter) + "; the device clock says " + Utc(check.CheckedAt)
                        + " (set the clock, e.g. by NTP, or renew the certificate)");
                case CertificateStatus.NotYetValid:
                    return new SslException(SslError.CertificateNotYetValid, AlertDescription.CertificateExpired,
                        "the " + whose + "'s certificate " + subject + " is not valid before " + Utc(check.NotBefore) + "; the device clock says " + Utc(check.CheckedAt)
                        + " (the clock is probably not set: set it, e.g. by NTP)");
                case CertificateStatus.HostnameMismatch:
                    return new SslException(SslError.CertificateHostnameMismatch, AlertDescription.BadCertificate,
                        "the " + whose + "'s certificate is for '" + check.PresentedNames + "', not for '" + check.ExpectedHostname
                        + "' (connect with the name the certificate was issued for)");
                case CertificateStatus.Untrusted:
                    return new SslException(SslError.CertificateUntrusted, AlertDescription.UnknownCa,
                        "the " + whose + "'s certificate " + subject + " was issued by '" + check.Issuer
                        + "', which does not chain to a loaded CA (load that CA with LoadVerifyLocations)"
                        + (check.Detail == null || check.Detail.Length == 0 ? "" : "; " + check.Detail));
                case CertificateStatus.BadSignature:
                    return new SslException(SslError.CertificateBadSignature, AlertDescription.BadCertificate,
                        "the " + whose + "'s certificate " + subject + " has a signature that does not verify");
                case CertificateStatus.UnsupportedKey:
                    return new SslException(SslError.CertificateUnsupportedKey, AlertDescription.UnsupportedCertificate,
                        "the " + whose + "'s certificate " + subject + " has a key this library cannot use (ECDSA P-256 or RSA 2048+ are supported)");
                default:
                    return new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate,
                        "the " + whose + "'s certificate could not be parsed" + (check.Detail == null ? "" : ": " + check.Detail));
            }
        }

        private static string Utc(DateTime time)
        {
            return time.ToString("yyyy-MM-dd HH:mm:ss") + " UTC";
        }
    }
}
