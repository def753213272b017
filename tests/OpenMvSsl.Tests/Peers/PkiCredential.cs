using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// One certificate and its private key from <see cref="TestPki"/>, on disk as PEM and DER
    /// (key in PKCS#8) for the external peers and in memory for in-process tests. The byte[]
    /// properties return fresh copies, so a test may modify them.
    /// </summary>
    public sealed class PkiCredential
    {
        private readonly byte[] certificateDer;
        private readonly byte[] privateKeyDer;

        internal PkiCredential(string name, string keyAlgorithm, bool isCertificateAuthority,
            byte[] certificateDer, byte[] privateKeyDer, string directory, PkiCredential issuer)
        {
            Name = name;
            KeyAlgorithm = keyAlgorithm;
            IsCertificateAuthority = isCertificateAuthority;
            Issuer = issuer;
            this.certificateDer = certificateDer;
            this.privateKeyDer = privateKeyDer;
            CertificatePem = PemEncoding.WriteString("CERTIFICATE", certificateDer) + "\n";
            PrivateKeyPem = PemEncoding.WriteString("PRIVATE KEY", privateKeyDer) + "\n";

            CertificatePemPath = Path.Combine(directory, name + ".crt.pem");
            PrivateKeyPemPath = Path.Combine(directory, name + ".key.pem");
            CertificateDerPath = Path.Combine(directory, name + ".crt.der");
            PrivateKeyDerPath = Path.Combine(directory, name + ".key.der");
            File.WriteAllText(CertificatePemPath, CertificatePem, Encoding.ASCII);
            File.WriteAllText(PrivateKeyPemPath, PrivateKeyPem, Encoding.ASCII);
            File.WriteAllBytes(CertificateDerPath, certificateDer);
            File.WriteAllBytes(PrivateKeyDerPath, privateKeyDer);
            if (issuer != null)
            {
                ChainPemPath = Path.Combine(directory, name + ".chain.pem");
                File.WriteAllText(ChainPemPath, CertificatePem + issuer.CertificatePem, Encoding.ASCII);
            }

            using (X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(certificateDer))
            {
                Subject = certificate.Subject;
                NotBefore = certificate.NotBefore.ToUniversalTime();
                NotAfter = certificate.NotAfter.ToUniversalTime();
            }
        }

        /// <summary>File stem, e.g. "ecdsa-server".</summary>
        public string Name { get; }

        /// <summary>"ECDSA P-256" or "RSA 2048".</summary>
        public string KeyAlgorithm { get; }

        public bool IsCertificateAuthority { get; }

        /// <summary>The CA that signed it (null for a root).</summary>
        public PkiCredential Issuer { get; }

        public string Subject { get; }

        public DateTime NotBefore { get; }

        public DateTime NotAfter { get; }

        public string CertificatePem { get; }

        /// <summary>PKCS#8 "PRIVATE KEY" PEM.</summary>
        public string PrivateKeyPem { get; }

        public byte[] CertificateDer => (byte[])certificateDer.Clone();

        /// <summary>PKCS#8 DER.</summary>
        public byte[] PrivateKeyDer => (byte[])privateKeyDer.Clone();

        public byte[] CertificatePemBytes => Encoding.ASCII.GetBytes(CertificatePem);

        public byte[] PrivateKeyPemBytes => Encoding.ASCII.GetBytes(PrivateKeyPem);

        public string CertificatePemPath { get; }

        public string PrivateKeyPemPath { get; }

        public string CertificateDerPath { get; }

        public string PrivateKeyDerPath { get; }

        /// <summary>Leaf then issuer, PEM (null for a root).</summary>
        public string ChainPemPath { get; }

        /// <summary>A new X509Certificate2 (public part only); the caller disposes it.</summary>
        public X509Certificate2 LoadCertificate()
        {
            return X509CertificateLoader.LoadCertificate(certificateDer);
        }

        public override string ToString() => Name + " (" + Subject + ", " + KeyAlgorithm + ")";
    }
}
