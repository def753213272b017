using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Crypto.Omv
{
    /// <summary>
    /// Certificate chain checks with the C library (omv_x509_verify), for the device provider and
    /// the desktop P/Invoke provider alike, reported as the .NET provider reports them: one status
    /// in the priority Malformed, UnsupportedKey, BadSignature, Untrusted, Expired / NotYetValid,
    /// HostnameMismatch, about the certificate concerned. A leaf that is itself a trust anchor
    /// (pinned) is trusted as it is; its period and names are still checked. DNS names are
    /// matched by mbedTLS (one trailing dot dropped; a wildcard in the hostname never matches);
    /// IP literals here, against the SAN's addresses.
    /// </summary>
    internal static class OmvChainVerifier
    {
        // omv_cert_reason flags.
        private const int Expired = 1 << 0;
        private const int NotYetValid = 1 << 1;
        private const int HostnameMismatch = 1 << 2;
        private const int Untrusted = 1 << 3;
        private const int BadSignature = 1 << 4;
        private const int UnsupportedKey = 1 << 5;
        private const int Malformed = 1 << 6;
        private const int Other = 1 << 7;

        public static CertificateCheck Verify(IOmvX509 x509, byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
        {
            DateTime checkedAt = now;
            if (chain == null || chain.Length == 0) return Unparsed(checkedAt, hostname, "The peer sent no certificate.");
            byte[][] anchors = trustAnchors == null ? new byte[0][] : trustAnchors;
            for (int i = 0; i < chain.Length; i++)
            {
                if (chain[i] == null || chain[i].Length == 0)
                    return Unparsed(checkedAt, hostname, "Certificate " + i + " of the chain (0 = leaf) cannot be parsed: it is empty.");
            }
            for (int i = 0; i < anchors.Length; i++)
            {
                if (anchors[i] == null || anchors[i].Length == 0)
                    return Unparsed(checkedAt, hostname, "Trust anchor " + i + " cannot be parsed: it is empty.");
            }

            byte[] hostAddress = IpLiteral.Parse(hostname);
            string dnsName = hostname == null || hostAddress != null ? null
                : (hostname.Length > 0 && hostname[hostname.Length - 1] == '.' ? hostname.Substring(0, hostname.Length - 1) : hostname);
            int reasons;
            int index;
            Run(x509, chain, anchors, dnsName, OmvCertificateText.ToUnix(checkedAt), out reasons, out index);

            if ((reasons & Malformed) != 0)
            {
                return Unparsed(checkedAt, hostname, index >= 0
                    ? "Certificate " + index + " of the chain (0 = leaf) cannot be parsed (mbedTLS rejects its DER)."
                    : "A trust anchor cannot be parsed (mbedTLS rejects its DER).");
            }

            byte[] leaf = chain[0];
            string[] names = OmvCertificateText.PresentedNamesOf(x509, leaf);
            string presented = Join(names);
            bool nameMatches = hostname == null
                || (hostAddress != null ? HasAddress(names, hostAddress)
                    : dnsName.Length > 0 && dnsName.IndexOf('*') < 0 && (reasons & HostnameMismatch) == 0);

            if ((reasons & UnsupportedKey) != 0)
            {
                return Result(x509, CertificateStatus.UnsupportedKey, leaf, checkedAt, hostname, presented,
                    "The leaf certificate cannot be used: its key is not one this provider supports "
                    + "(EC P-256, or RSA of 2048 bits or more) or mbedTLS's profile refuses it.");
            }

            if (IsAnchor(leaf, anchors))
            {
                CertificateCheck timeProblem = CheckPeriod(x509, leaf, checkedAt, hostname, presented, "The certificate is pinned as a trust anchor. ");
                if (timeProblem != null) return timeProblem;
            }
            else
            {
                byte[] about = chain[index >= 0 && index < chain.Length ? index : 0];
                if ((reasons & BadSignature) != 0)
                {
                    return Result(x509, CertificateStatus.BadSignature, about, checkedAt, hostname, presented,
                        "The signature on '" + OmvCertificateText.SubjectOf(x509, about) + "' does not verify with its issuer's key.");
                }
                if ((reasons & Untrusted) != 0)
                {
                    return Result(x509, CertificateStatus.Untrusted, about, checkedAt, hostname, presented,
                        "No trust anchor for issuer '" + OmvCertificateText.IssuerOf(x509, about) + "' of '"
                        + OmvCertificateText.SubjectOf(x509, about) + "'.");
                }
                if ((reasons & Other) != 0)
                {
                    return Result(x509, CertificateStatus.Untrusted, about, checkedAt, hostname, presented,
                        "mbedTLS rejected the chain for a reason without its own status (key usage, basic constraints, "
                        + "path length or policy; reason flags " + reasons + ").");
                }
                if ((reasons & (Expired | NotYetValid)) != 0)
                {
                    CertificateCheck timeProblem = CheckPeriod(x509, about, checkedAt, hostname, presented, "");
                    if (timeProblem != null) return timeProblem;
                    return Result(x509, (reasons & Expired) != 0 ? CertificateStatus.Expired : CertificateStatus.NotYetValid, about,
                        checkedAt, hostname, presented, "A certificate of the chain is outside its validity period.");
                }
            }

            if (!nameMatches)
            {
                return Result(x509, CertificateStatus.HostnameMismatch, leaf, checkedAt, hostname, presented,
                    "The certificate is for " + (presented.Length > 0 ? presented : "no name at all") + ", not for '" + hostname + "'.");
            }
            return Result(x509, CertificateStatus.Valid, leaf, checkedAt, hostname, presented, "");
        }

        private static void Run(IOmvX509 x509, byte[][] chain, byte[][] anchors, string hostname, long now, out int reasons, out int index)
        {
            int[] chainLengths;
            int[] anchorLengths;
            byte[] chainBytes = Concatenate(chain, out chainLengths);
            byte[] anchorBytes = Concatenate(anchors, out anchorLengths);
            OmvStatus.Check(x509.Verify(chainBytes, chainLengths, anchorBytes, anchorLengths, hostname, now, out reasons, out index),
                "Certificate chain verification");
        }

        private static byte[] Concatenate(byte[][] certificates, out int[] lengths)
        {
            lengths = new int[certificates.Length];
            int total = 0;
            for (int i = 0; i < certificates.Length; i++)
            {
                lengths[i] = certificates[i].Length;
                total += lengths[i];
            }
            byte[] all = new byte[total];
            int offset = 0;
            for (int i = 0; i < certificates.Length; i++)
            {
                Array.Copy(certificates[i], 0, all, offset, certificates[i].Length);
                offset += certificates[i].Length;
            }
            return all;
        }

        private static CertificateCheck CheckPeriod(IOmvX509 x509, byte[] certificate, DateTime checkedAt, string hostname, string presented, string prefix)
        {
            DateTime notBefore, notAfter;
            OmvCertificateText.Validity(x509, certificate, out notBefore, out notAfter);
            string subject = OmvCertificateText.SubjectOf(x509, certificate);
            if (checkedAt.Ticks < notBefore.Ticks)
            {
                return Result(x509, CertificateStatus.NotYetValid, certificate, checkedAt, hostname, presented,
                    prefix + "'" + subject + "' is valid from " + OmvCertificateText.Format(notBefore) + " UTC but the clock says "
                    + OmvCertificateText.Format(checkedAt) + " UTC; check the device clock.");
            }
            if (checkedAt.Ticks > notAfter.Ticks)
            {
                return Result(x509, CertificateStatus.Expired, certificate, checkedAt, hostname, presented,
                    prefix + "'" + subject + "' expired at " + OmvCertificateText.Format(notAfter) + " UTC and the clock says "
                    + OmvCertificateText.Format(checkedAt) + " UTC.");
            }
            return null;
        }

        private static bool HasAddress(string[] names, byte[] wanted)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (IpLiteral.Same(IpLiteral.Parse(names[i]), wanted)) return true;
            }
            return false;
        }

        private static bool IsAnchor(byte[] certificate, byte[][] anchors)
        {
            for (int i = 0; i < anchors.Length; i++)
            {
                if (TextBytes.SameBytes(certificate, anchors[i])) return true;
            }
            return false;
        }

        private static string Join(string[] names)
        {
            string text = "";
            for (int i = 0; i < names.Length; i++) text += (i == 0 ? "" : ", ") + names[i];
            return text;
        }

        private static CertificateCheck Result(IOmvX509 x509, CertificateStatus status, byte[] about, DateTime checkedAt, string hostname,
            string presented, string detail)
        {
            DateTime notBefore, notAfter;
            OmvCertificateText.Validity(x509, about, out notBefore, out notAfter);
            return new CertificateCheck(status, OmvCertificateText.SubjectOf(x509, about), OmvCertificateText.IssuerOf(x509, about),
                notBefore, notAfter, checkedAt, hostname, presented, detail);
        }

        private static CertificateCheck Unparsed(DateTime checkedAt, string hostname, string detail)
        {
            DateTime unknown = new DateTime(0, DateTimeKind.Utc);
            return new CertificateCheck(CertificateStatus.Malformed, "", "", unknown, unknown, checkedAt,
                hostname, "", detail);
        }
    }
}
