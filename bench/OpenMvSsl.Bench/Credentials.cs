using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OpenMvSsl.Bench
{
    /// <summary>One ECDSA P-256 self-signed certificate and one PSK, shared by every stack in the run.</summary>
    internal sealed class Credentials
    {
        public static readonly byte[] PskIdentity = Encoding.ASCII.GetBytes("bench");
        public static readonly byte[] PskKey = Convert.FromHexString("0102030405060708090a0b0c0d0e0f10");

        public byte[] CertificateDer;
        public byte[] PrivateKeyPkcs8;
        /// <summary>The same certificate with its key, loaded the way SslStream wants it.</summary>
        public X509Certificate2 Certificate;
        /// <summary>The key imported by our provider, for our servers.</summary>
        public OpenMvSsl.Crypto.IPrivateKey ServerKey;

        public static Credentials Create()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=bench.test", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("bench.test");
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var created = new Credentials
            {
                CertificateDer = certificate.RawData,
                PrivateKeyPkcs8 = key.ExportPkcs8PrivateKey(),
                Certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null),
            };
            created.ServerKey = Ours.Provider.ImportPrivateKey(created.PrivateKeyPkcs8);
            return created;
        }
    }
}
