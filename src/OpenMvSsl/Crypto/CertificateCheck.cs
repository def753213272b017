using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>
    /// What a certificate chain check found, with what a person needs to fix it: the time the
    /// check used, the names that were compared, the issuer that could not be trusted.
    /// </summary>
    public sealed class CertificateCheck
    {
        public CertificateCheck(CertificateStatus status, string subject, string issuer,
            DateTime notBefore, DateTime notAfter, DateTime checkedAt, string expectedHostname,
            string presentedNames, string detail)
        {
            Status = status;
            Subject = subject;
            Issuer = issuer;
            NotBefore = notBefore;
            NotAfter = notAfter;
            CheckedAt = checkedAt;
            ExpectedHostname = expectedHostname;
            PresentedNames = presentedNames;
            Detail = detail;
        }

        public CertificateStatus Status { get; private set; }

        /// <summary>Subject of the certificate the status is about (the leaf unless the problem is higher up).</summary>
        public string Subject { get; private set; }

        /// <summary>Issuer of that certificate.</summary>
        public string Issuer { get; private set; }

        public DateTime NotBefore { get; private set; }

        public DateTime NotAfter { get; private set; }

        /// <summary>The clock reading the validity check used (the device clock, in UTC).</summary>
        public DateTime CheckedAt { get; private set; }

        /// <summary>The hostname asked for, or null when none was checked.</summary>
        public string ExpectedHostname { get; private set; }

        /// <summary>The DNS names and IP addresses the leaf presents, comma-separated.</summary>
        public string PresentedNames { get; private set; }

        /// <summary>Anything else the provider could say (its own reason text).</summary>
        public string Detail { get; private set; }

        public bool IsValid { get { return Status == CertificateStatus.Valid; } }
    }
}
