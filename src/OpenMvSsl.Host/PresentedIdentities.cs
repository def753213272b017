using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// The names a certificate claims: its subjectAltName dNSName and iPAddress entries, and
    /// the last subject CN (used only when there is no subjectAltName at all).
    /// </summary>
    internal sealed class PresentedIdentities
    {
        private const string SubjectAltNameOid = "2.5.29.17";
        private const string CommonNameOid = "2.5.4.3";

        private PresentedIdentities(bool hasSubjectAltName, string[] dnsNames, IPAddress[] ipAddresses, string commonName)
        {
            HasSubjectAltName = hasSubjectAltName;
            DnsNames = dnsNames;
            IpAddresses = ipAddresses;
            CommonName = commonName;
        }

        public bool HasSubjectAltName { get; private set; }

        public string[] DnsNames { get; private set; }

        public IPAddress[] IpAddresses { get; private set; }

        /// <summary>The most specific subject CN, or null.</summary>
        public string CommonName { get; private set; }

        /// <summary>Reads the names; throws CryptographicException when the extension is malformed.</summary>
        public static PresentedIdentities Read(X509Certificate2 certificate)
        {
            List<string> dnsNames = new List<string>();
            List<IPAddress> ipAddresses = new List<IPAddress>();
            X509Extension extension = certificate.Extensions[SubjectAltNameOid];
            if (extension != null)
            {
                X509SubjectAlternativeNameExtension subjectAltName =
                    new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
                foreach (string name in subjectAltName.EnumerateDnsNames()) dnsNames.Add(name);
                foreach (IPAddress address in subjectAltName.EnumerateIPAddresses()) ipAddresses.Add(address);
            }

            string commonName = null;
            // In encoded order the most specific name comes last; that CN wins.
            foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames(false))
            {
                if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
                {
                    commonName = rdn.GetSingleElementValue();
                }
            }

            return new PresentedIdentities(extension != null, dnsNames.ToArray(), ipAddresses.ToArray(), commonName);
        }

        /// <summary>The names a hostname is compared with, comma-separated, for error messages.</summary>
        public string Describe()
        {
            StringBuilder text = new StringBuilder();
            if (HasSubjectAltName)
            {
                foreach (string name in DnsNames) Append(text, name);
                foreach (IPAddress address in IpAddresses) Append(text, address.ToString());
            }
            else if (CommonName != null)
            {
                Append(text, CommonName);
            }
            return text.ToString();
        }

        private static void Append(StringBuilder text, string name)
        {
            if (text.Length > 0) text.Append(", ");
            text.Append(name);
        }
    }
}
