using System;
using System.Net;
using System.Text;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// Certificate chain checks with the C library (omv_x509_verify), reported like the .NET
    /// provider: one status in the priority Malformed, UnsupportedKey, BadSignature, Untrusted,
    /// Expired / NotYetValid, HostnameMismatch, about the certificate concerned. A leaf that is
    /// itself a trust anchor (pinned) is trusted as it is; its period and names are still
    /// checked. DNS hostnames are matched by mbedTLS (after dropping one trailing dot; wildcards
    /// in the hostname itself never match); IP literals are compared with the SAN's addresses.
    /// </summary>
    internal static unsafe class MbedTlsChainVerifier
    {
        // omv_cert_reason flags.
        private const uint Expired = 1u << 0;
        private const uint NotYetValid = 1u << 1;
        private const uint HostnameMismatch = 1u << 2;
        private const uint Untrusted = 1u << 3;
        private const uint BadSignature = 1u << 4;
        private const uint UnsupportedKey = 1u << 5;
        private const uint Malformed = 1u << 6;
        private const uint Other = 1u << 7;

        public static CertificateCheck Verify(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
        {
            DateTime checkedAt = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);
            if (chain == null || chain.Length == 0) return Unparsed(checkedAt, hostname, "The peer sent no certificate.");
            byte[][] anchors = trustAnchors ?? new byte[0][];
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

            IPAddress hostAddress = IpLiteral(hostname);
            string dnsName = hostname == null || hostAddress != null ? null
                : (hostname.EndsWith(".", StringComparison.Ordinal) ? hostname.Substring(0, hostname.Length - 1) : hostname);
            uint reasons;
            int index;
            Run(chain, anchors, dnsName, ToUnix(checkedAt), out reasons, out index);

            if ((reasons & Malformed) != 0)
            {
                return Unparsed(checkedAt, hostname, index >= 0
                    ? "Certificate " + index + " of the chain (0 = leaf) cannot be parsed (mbedTLS rejects its DER)."
                    : "A trust anchor cannot be parsed (mbedTLS rejects its DER).");
            }

            byte[] leaf = chain[0];
            string[] names = CertificateText.PresentedNamesOf(leaf);
            string presented = string.Join(", ", names);
            bool nameMatches = hostname == null
                || (hostAddress != null ? HasAddress(names, hostAddress)
                    : dnsName.Length > 0 && dnsName.IndexOf('*') < 0 && (reasons & HostnameMismatch) == 0);

            if ((reasons & UnsupportedKey) != 0)
            {
                return Result(CertificateStatus.UnsupportedKey, leaf, checkedAt, hostname, presented,
                    "The leaf certificate cannot be used: its key is not one this provider supports "
                    + "(EC P-256, or RSA of 2048 bits or more) or mbedTLS's profile refuses it.");
            }

            if (IsAnchor(leaf, anchors))
            {
                CertificateCheck timeProblem = CheckPeriod(leaf, checkedAt, hostname, presented, "The certificate is pinned as a trust anchor. ");
                if (timeProblem != null) return timeProblem;
            }
            else
            {
                byte[] about = chain[index >= 0 && index < chain.Length ? index : 0];
                if ((reasons & BadSignature) != 0)
                {
                    return Result(CertificateStatus.BadSignature, about, checkedAt, hostname, presented,
                        "The signature on '" + CertificateText.SubjectOf(about) + "' does not verify with its issuer's key.");
                }
                if ((reasons & Untrusted) != 0)
                {
                    string issuer = CertificateText.IssuerOf(about);
                    return Result(CertificateStatus.Untrusted, about, checkedAt, hostname, presented,
                        "No trust anchor for issuer '" + issuer + "' of '" + CertificateText.SubjectOf(about) + "'.");
                }
                if ((reasons & Other) != 0)
                {
                    return Result(CertificateStatus.Untrusted, about, checkedAt, hostname, presented,
                        "mbedTLS rejected the chain for a reason without its own status (key usage, basic constraints, "
                        + "path length or policy; reason flags 0x" + reasons.ToString("x") + ").");
                }
                if ((reasons & (Expired | NotYetValid)) != 0)
                {
                    CertificateCheck timeProblem = CheckPeriod(about, checkedAt, hostname, presented, "");
                    if (timeProblem != null) return timeProblem;
                    return Result((reasons & Expired) != 0 ? CertificateStatus.Expired : CertificateStatus.NotYetValid, about,
                        checkedAt, hostname, presented, "A certificate of the chain is outside its validity period.");
                }
            }

            if (!nameMatches)
            {
                return Result(CertificateStatus.HostnameMismatch, leaf, checkedAt, hostname, presented,
                    "The certificate is for " + (presented.Length > 0 ? presented : "no name at all") + ", not for '" + hostname + "'.");
            }
            return Result(CertificateStatus.Valid, leaf, checkedAt, hostname, presented, "");
        }

        private static void Run(byte[][] chain, byte[][] anchors, string hostname, long now, out uint reasons, out int index)
        {
            byte[] chainBytes = Concatenate(chain, out uint[] chainLengths);
            byte[] anchorBytes = Concatenate(anchors, out uint[] anchorLengths);
            byte[] host = hostname == null ? null : Encoding.UTF8.GetBytes(hostname + "\0");
            int status;
            fixed (byte* c = chainBytes)
            fixed (uint* cl = chainLengths)
            fixed (byte* a = anchorBytes)
            fixed (uint* al = anchorLengths)
            fixed (byte* h = host)
            {
                status = NativeMethods.omv_x509_verify(c, cl, (nuint)chain.Length, anchors.Length == 0 ? null : a,
                    anchors.Length == 0 ? null : al, (nuint)anchors.Length, h, now, out reasons, out index);
            }
            NativeStatus.Check(status, "Certificate chain verification");
        }

        private static byte[] Concatenate(byte[][] certificates, out uint[] lengths)
        {
            lengths = new uint[certificates.Length];
            int total = 0;
            for (int i = 0; i < certificates.Length; i++)
            {
                lengths[i] = (uint)certificates[i].Length;
                total += certificates[i].Length;
            }
            byte[] all = new byte[total];
            int offset = 0;
            foreach (byte[] certificate in certificates)
            {
                Buffer.BlockCopy(certificate, 0, all, offset, certificate.Length);
                offset += certificate.Length;
            }
            return all;
        }

        private static CertificateCheck CheckPeriod(byte[] certificate, DateTime checkedAt, string hostname, string presented, string prefix)
        {
            DateTime notBefore, notAfter;
            Validity(certificate, out notBefore, out notAfter);
            string subject = CertificateText.SubjectOf(certificate);
            if (checkedAt < notBefore)
            {
                return Result(CertificateStatus.NotYetValid, certificate, checkedAt, hostname, presented,
                    prefix + "'" + subject + "' is valid from " + CertificateText.Format(notBefore) + " UTC but the clock says "
                    + CertificateText.Format(checkedAt) + " UTC; check the device clock.");
            }
            if (checkedAt > notAfter)
            {
                return Result(CertificateStatus.Expired, certificate, checkedAt, hostname, presented,
                    prefix + "'" + subject + "' expired at " + CertificateText.Format(notAfter) + " UTC and the clock says "
                    + CertificateText.Format(checkedAt) + " UTC.");
            }
            return null;
        }

        private static void Validity(byte[] der, out DateTime notBefore, out DateTime notAfter)
        {
            long before, after;
            fixed (byte* d = der)
            {
                NativeStatus.Check(NativeMethods.omv_x509_validity(d, (nuint)der.Length, out before, out after), "Reading a validity period");
            }
            notBefore = CertificateText.ToUtc(before);
            notAfter = CertificateText.ToUtc(after);
        }

        // Strict literals only: four dotted decimals, or an IPv6 address (with ':'); "127.1" is a DNS name.
        private static IPAddress IpLiteral(string hostname)
        {
            if (string.IsNullOrEmpty(hostname)) return null;
            IPAddress address;
            if (hostname.IndexOf(':') >= 0)
                return IPAddress.TryParse(hostname, out address) ? address : null;
            string[] parts = hostname.Split('.');
            if (parts.Length != 4) return null;
            foreach (string part in parts)
            {
                if (part.Length == 0 || part.Length > 3) return null;
                foreach (char c in part) if (c < '0' || c > '9') return null;
            }
            return IPAddress.TryParse(hostname, out address) ? address : null;
        }

        private static bool HasAddress(string[] names, IPAddress wanted)
        {
            foreach (string name in names)
            {
                IPAddress address;
                if (IpLiteral(name) != null && IPAddress.TryParse(name, out address) && address.Equals(wanted)) return true;
            }
            return false;
        }

        private static bool IsAnchor(byte[] certificate, byte[][] anchors)
        {
            foreach (byte[] anchor in anchors)
            {
                if (certificate.AsSpan().SequenceEqual(anchor)) return true;
            }
            return false;
        }

        private static long ToUnix(DateTime utc)
        {
            return (long)Math.Floor((utc - DateTime.UnixEpoch).TotalSeconds);
        }

        private static CertificateCheck Result(CertificateStatus status, byte[] about, DateTime checkedAt, string hostname,
            string presented, string detail)
        {
            DateTime notBefore, notAfter;
            Validity(about, out notBefore, out notAfter);
            return new CertificateCheck(status, CertificateText.SubjectOf(about), CertificateText.IssuerOf(about), notBefore, notAfter,
                checkedAt, hostname, presented, detail);
        }

        private static CertificateCheck Unparsed(DateTime checkedAt, string hostname, string detail)
        {
            DateTime unknown = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
            return new CertificateCheck(CertificateStatus.Malformed, "", "", unknown, unknown, checkedAt, hostname, "", detail);
        }
    }
}
