using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenMvSsl.Tests.Engine
{
    /// <summary>A throwaway CA and leaf certificates made in memory for engine tests.</summary>
    internal sealed class TestCredentials
    {
        public byte[] CaDer;
        public byte[] LeafDer;
        public byte[] LeafKeyPkcs8;

        public static TestCredentials EcdsaSignedBy(string caName, string leafName, DateTimeOffset notBefore, DateTimeOffset notAfter, bool rsa = false)
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=" + caName, caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(5));

            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(leafName);
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            byte[] serial = RandomNumberGenerator.GetBytes(8);
            if (rsa)
            {
                using var key = RSA.Create(2048);
                var request = new CertificateRequest("CN=" + leafName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                request.CertificateExtensions.Add(san.Build());
                using var leaf = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notAfter, serial);
                return new TestCredentials { CaDer = ca.RawData, LeafDer = leaf.RawData, LeafKeyPkcs8 = key.ExportPkcs8PrivateKey() };
            }
            using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                var request = new CertificateRequest("CN=" + leafName, key, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(san.Build());
                using var leaf = request.Create(ca, notBefore, notAfter, serial);
                return new TestCredentials { CaDer = ca.RawData, LeafDer = leaf.RawData, LeafKeyPkcs8 = key.ExportPkcs8PrivateKey() };
            }
        }

        public static TestCredentials Valid(string leafName = "device.test", bool rsa = false) =>
            EcdsaSignedBy("Test CA", leafName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), rsa);
    }
}
