using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.Tls;
using BcAlert = Org.BouncyCastle.Tls.AlertDescription;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>Checks a peer's certificate chain against one trust anchor (and, for a client, the
    /// server name) with .NET's X509Chain, so the BouncyCastle peers judge certificates the way a
    /// normal client would. Failures become a bad_certificate alert whose text says why.</summary>
    internal static class BcCertificateValidator
    {
        public static byte[][] ToDer(Certificate certificate)
        {
            if (certificate == null) return new byte[0][];
            var list = certificate.GetCertificateList();
            var der = new byte[list.Length][];
            for (int i = 0; i < list.Length; i++) der[i] = list[i].GetEncoded();
            return der;
        }

        /// <summary>Throws TlsFatalAlert(bad_certificate) unless <paramref name="chainDer"/>
        /// (leaf first) leads to <paramref name="trustAnchorDer"/> and, when
        /// <paramref name="expectedName"/> is given, the leaf matches it.</summary>
        public static void Check(byte[][] chainDer, byte[] trustAnchorDer, string expectedName)
        {
            if (chainDer.Length == 0)
                throw new TlsFatalAlert(BcAlert.bad_certificate, "peer sent no certificate");

            using var leaf = X509CertificateLoader.LoadCertificate(chainDer[0]);
            using var anchor = X509CertificateLoader.LoadCertificate(trustAnchorDer);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(anchor);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            for (int i = 1; i < chainDer.Length; i++)
                chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(chainDer[i]));

            if (!chain.Build(leaf))
            {
                var reasons = new StringBuilder();
                foreach (X509ChainStatus status in chain.ChainStatus)
                    reasons.Append(status.Status).Append(" (").Append(status.StatusInformation.Trim()).Append(") ");
                throw new TlsFatalAlert(BcAlert.bad_certificate,
                    "certificate '" + leaf.Subject + "' does not chain to '" + anchor.Subject + "': " + reasons);
            }

            if (expectedName != null && !leaf.MatchesHostname(expectedName, true, true))
            {
                throw new TlsFatalAlert(BcAlert.bad_certificate,
                    "certificate '" + leaf.Subject + "' does not match server name '" + expectedName + "'");
            }
        }
    }
}
