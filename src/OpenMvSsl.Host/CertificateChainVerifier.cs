using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Checks a peer's chain with X509Chain against the caller's trust anchors only (no OS store,
    /// no downloads, no revocation), and turns the outcome into one status, in this priority:
    /// Malformed, UnsupportedKey, BadSignature, Untrusted, Expired / NotYetValid,
    /// HostnameMismatch. A leaf that is itself a trust anchor (a pinned certificate) is trusted
    /// as it is; its validity period and names are still checked.
    /// </summary>
    internal static class CertificateChainVerifier
    {
        // Flags decided by our own comparison of the clock with each certificate's validity.
        private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;
        private const X509ChainStatusFlags NoTrustFlags = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;

        public static CertificateCheck Verify(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
        {
            DateTime checkedAt = ToUtc(now);
            if (chain == null || chain.Length == 0)
            {
                return Unparsed(checkedAt, hostname, "The peer sent no certificate.");
            }

            X509Certificate2[] certificates = new X509Certificate2[chain.Length];
            X509Certificate2[] anchors = new X509Certificate2[trustAnchors == null ? 0 : trustAnchors.Length];
            try
            {
                for (int i = 0; i < chain.Length; i++)
                {
                    string problem;
                    certificates[i] = TryLoad(chain[i], out problem);
                    if (certificates[i] == null)
                    {
                        return Unparsed(checkedAt, hostname,
                            "Certificate " + i + " of the chain (0 = leaf) cannot be parsed: " + problem + ".");
                    }
                }
                for (int i = 0; i < anchors.Length; i++)
                {
                    string problem;
                    anchors[i] = TryLoad(trustAnchors[i], out problem);
                    if (anchors[i] == null)
                    {
                        return Unparsed(checkedAt, hostname, "Trust anchor " + i + " cannot be parsed: " + problem + ".");
                    }
                }
                return VerifyParsed(certificates, anchors, hostname, checkedAt);
            }
            finally
            {
                DisposeAll(certificates);
                DisposeAll(anchors);
            }
        }

        private static CertificateCheck VerifyParsed(X509Certificate2[] certificates, X509Certificate2[] anchors,
            string hostname, DateTime checkedAt)
        {
            X509Certificate2 leaf = certificates[0];
            PresentedIdentities identities;
            string keyProblem;
            try
            {
                identities = PresentedIdentities.Read(leaf);
                keyProblem = KeyRules.WhyUnsupported(leaf);
            }
            catch (CryptographicException e)
            {
                return Result(CertificateStatus.Malformed, leaf, checkedAt, hostname, "",
                    "The leaf certificate's names or key cannot be decoded: " + e.Message);
            }
            string presentedNames = identities.Describe();

            if (keyProblem != null)
            {
                return Result(CertificateStatus.UnsupportedKey, leaf, checkedAt, hostname, presentedNames,
                    "The leaf certificate cannot be used: " + keyProblem + ".");
            }

            if (IsAnchor(leaf, anchors))
            {
                CertificateCheck timeProblem = CheckValidityPeriod(leaf, checkedAt, hostname, presentedNames,
                    "The certificate is pinned as a trust anchor. ");
                if (timeProblem != null) return timeProblem;
            }
            else
            {
                CertificateCheck chainProblem = CheckChain(certificates, anchors, checkedAt, hostname, presentedNames);
                if (chainProblem != null) return chainProblem;
            }

            if (hostname != null && !HostnameMatcher.Matches(hostname, identities))
            {
                return Result(CertificateStatus.HostnameMismatch, leaf, checkedAt, hostname, presentedNames,
                    "The certificate is for " + (presentedNames.Length > 0 ? presentedNames : "no name at all")
                    + ", not for '" + hostname + "'.");
            }

            return Result(CertificateStatus.Valid, leaf, checkedAt, hostname, presentedNames, "");
        }

        // Null when the chain reaches an anchor with good signatures and valid dates.
        private static CertificateCheck CheckChain(X509Certificate2[] certificates, X509Certificate2[] anchors,
            DateTime checkedAt, string hostname, string presentedNames)
        {
            using (X509Chain x509Chain = new X509Chain())
            {
                X509ChainPolicy policy = x509Chain.ChainPolicy;
                policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                policy.CustomTrustStore.AddRange(anchors);
                for (int i = 1; i < certificates.Length; i++) policy.ExtraStore.Add(certificates[i]);
                policy.RevocationMode = X509RevocationMode.NoCheck;
                policy.DisableCertificateDownloads = true;
                // A DateTime of kind Utc is converted correctly whatever the local time zone.
                policy.VerificationTime = checkedAt;
                policy.VerificationTimeIgnored = false;

                try
                {
                    x509Chain.Build(certificates[0]);
                }
                catch (CryptographicException e)
                {
                    return Result(CertificateStatus.Untrusted, certificates[0], checkedAt, hostname, presentedNames,
                        "The chain could not be built: " + e.Message);
                }

                X509ChainElementCollection elements = x509Chain.ChainElements;
                try
                {
                    return Classify(x509Chain, elements, certificates[0], checkedAt, hostname, presentedNames);
                }
                finally
                {
                    // Elements are the chain's own copies; ours are disposed by Verify.
                    foreach (X509ChainElement element in elements)
                    {
                        if (Array.IndexOf(certificates, element.Certificate) < 0
                            && Array.IndexOf(anchors, element.Certificate) < 0)
                        {
                            element.Certificate.Dispose();
                        }
                    }
                }
            }
        }

        private static CertificateCheck Classify(X509Chain x509Chain, X509ChainElementCollection elements,
            X509Certificate2 leaf, DateTime checkedAt, string hostname, string presentedNames)
        {
            X509Certificate2 top = elements.Count > 0 ? elements[elements.Count - 1].Certificate : leaf;

            foreach (X509ChainElement element in elements)
            {
                if (HasFlag(element.ChainElementStatus, X509ChainStatusFlags.NotSignatureValid))
                {
                    return Result(CertificateStatus.BadSignature, element.Certificate, checkedAt, hostname, presentedNames,
                        "The signature on '" + element.Certificate.Subject + "' does not verify with its issuer's key. "
                        + Describe(element.ChainElementStatus));
                }
            }
            if (HasFlag(x509Chain.ChainStatus, X509ChainStatusFlags.NotSignatureValid))
            {
                return Result(CertificateStatus.BadSignature, leaf, checkedAt, hostname, presentedNames,
                    "A signature in the chain does not verify. " + Describe(x509Chain.ChainStatus));
            }

            X509ChainStatusFlags all = AllFlags(x509Chain.ChainStatus);
            foreach (X509ChainElement element in elements) all |= AllFlags(element.ChainElementStatus);

            if ((all & NoTrustFlags) != 0)
            {
                return Result(CertificateStatus.Untrusted, top, checkedAt, hostname, presentedNames,
                    "No trust anchor for issuer '" + top.Issuer + "' of '" + top.Subject + "'. "
                    + Describe(x509Chain.ChainStatus));
            }

            // Any other problem must not pass as valid.
            X509ChainStatusFlags unknown = all & ~TimeFlags;
            if (unknown != X509ChainStatusFlags.NoError)
            {
                return Result(CertificateStatus.Untrusted, FirstWith(elements, unknown, leaf), checkedAt, hostname,
                    presentedNames, "The chain was rejected (" + unknown + "). " + Describe(x509Chain.ChainStatus));
            }

            foreach (X509ChainElement element in elements)
            {
                CertificateCheck timeProblem = CheckValidityPeriod(element.Certificate, checkedAt, hostname, presentedNames, "");
                if (timeProblem != null) return timeProblem;
            }
            return null;
        }

        private static CertificateCheck CheckValidityPeriod(X509Certificate2 certificate, DateTime checkedAt,
            string hostname, string presentedNames, string prefix)
        {
            DateTime notBefore = certificate.NotBefore.ToUniversalTime();
            DateTime notAfter = certificate.NotAfter.ToUniversalTime();
            if (checkedAt < notBefore)
            {
                return Result(CertificateStatus.NotYetValid, certificate, checkedAt, hostname, presentedNames,
                    prefix + "'" + certificate.Subject + "' is valid from " + Format(notBefore) + " UTC but the clock says "
                    + Format(checkedAt) + " UTC; check the device clock.");
            }
            if (checkedAt > notAfter)
            {
                return Result(CertificateStatus.Expired, certificate, checkedAt, hostname, presentedNames,
                    prefix + "'" + certificate.Subject + "' expired at " + Format(notAfter) + " UTC and the clock says "
                    + Format(checkedAt) + " UTC.");
            }
            return null;
        }

        private static bool IsAnchor(X509Certificate2 certificate, X509Certificate2[] anchors)
        {
            ReadOnlySpan<byte> der = certificate.RawDataMemory.Span;
            foreach (X509Certificate2 anchor in anchors)
            {
                if (der.SequenceEqual(anchor.RawDataMemory.Span)) return true;
            }
            return false;
        }

        private static X509Certificate2 TryLoad(byte[] der, out string problem)
        {
            if (der == null || der.Length == 0)
            {
                problem = "it is empty";
                return null;
            }
            return DerCertificate.TryLoad(der, out problem);
        }

        private static X509Certificate2 FirstWith(X509ChainElementCollection elements, X509ChainStatusFlags flags,
            X509Certificate2 fallback)
        {
            foreach (X509ChainElement element in elements)
            {
                if ((AllFlags(element.ChainElementStatus) & flags) != 0) return element.Certificate;
            }
            return fallback;
        }

        private static bool HasFlag(X509ChainStatus[] statuses, X509ChainStatusFlags flag)
        {
            return (AllFlags(statuses) & flag) != 0;
        }

        private static X509ChainStatusFlags AllFlags(X509ChainStatus[] statuses)
        {
            X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
            foreach (X509ChainStatus status in statuses) flags |= status.Status;
            return flags;
        }

        private static string Describe(X509ChainStatus[] statuses)
        {
            StringBuilder text = new StringBuilder();
            foreach (X509ChainStatus status in statuses)
            {
                if (text.Length > 0) text.Append("; ");
                text.Append(status.Status).Append(": ").Append(status.StatusInformation.Trim());
            }
            return text.ToString();
        }

        private static CertificateCheck Result(CertificateStatus status, X509Certificate2 about, DateTime checkedAt,
            string hostname, string presentedNames, string detail)
        {
            return new CertificateCheck(status, about.Subject, about.Issuer, about.NotBefore.ToUniversalTime(),
                about.NotAfter.ToUniversalTime(), checkedAt, hostname, presentedNames, detail);
        }

        private static CertificateCheck Unparsed(DateTime checkedAt, string hostname, string detail)
        {
            DateTime unknown = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
            return new CertificateCheck(CertificateStatus.Malformed, "", "", unknown, unknown, checkedAt, hostname, "", detail);
        }

        // The interface promises UTC; a value of unspecified kind is taken as UTC, a local one converted.
        private static DateTime ToUtc(DateTime now)
        {
            if (now.Kind == DateTimeKind.Local) return now.ToUniversalTime();
            return DateTime.SpecifyKind(now, DateTimeKind.Utc);
        }

        private static string Format(DateTime utc)
        {
            return utc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        }

        private static void DisposeAll(X509Certificate2[] certificates)
        {
            foreach (X509Certificate2 certificate in certificates)
            {
                if (certificate != null) certificate.Dispose();
            }
        }
    }
}
