using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// Pem against PEM written by OpenSSL and by .NET, compared with .NET's own PEM decoder
    /// (PemEncoding) and the DER .NET exports; plus every way an input can be wrong.
    /// </summary>
    public class PemTests
    {
        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        // .NET's decoder, as an independent reference.
        private static byte[] Reference(string pem, string label)
        {
            int at = 0;
            while (true)
            {
                var fields = PemEncoding.Find(pem.AsSpan(at));
                string found = pem.Substring(at)[fields.Label];
                byte[] der = Convert.FromBase64String(pem.Substring(at)[fields.Base64Data]);
                if (found == label) return der;
                at += fields.Location.End.Value;
            }
        }

        private static SslException Bad(Action action)
        {
            var e = Assert.Throws<SslException>(action);
            Assert.Equal(SslError.BadKeyOrCertificate, e.Error);
            return e;
        }

        [Fact]
        public void OpenSslCertificateDecodesToTheSameDerAsDotNet()
        {
            byte[][] certificates = Pem.DecodeCertificates(OpenSslPem.Bytes(OpenSslPem.Certificate), "cert");
            Assert.Single(certificates);
            Assert.Equal(Reference(OpenSslPem.Certificate, "CERTIFICATE"), certificates[0]);
            using var parsed = X509CertificateLoader.LoadCertificate(certificates[0]);
            Assert.Equal("CN=pem.test", parsed.Subject);
        }

        [Fact]
        public void OpenSslSec1KeyIsFoundAfterItsEcParametersBlock()
        {
            byte[] key = Pem.DecodePrivateKey(OpenSslPem.Bytes(OpenSslPem.EcKeyWithParameters), "key");
            Assert.Equal(Reference(OpenSslPem.EcKeyWithParameters, "EC PRIVATE KEY"), key);
            using var ec = ECDsa.Create();
            ec.ImportECPrivateKey(key, out int read);
            Assert.Equal(key.Length, read);
        }

        [Fact]
        public void AChainKeepsItsOrderAndSkipsOtherBlocksAndText()
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=Chain CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var leaf = new CertificateRequest("CN=leaf", leafKey, HashAlgorithmName.SHA256)
                .Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), new byte[] { 1, 2, 3 });
            // The shape `openssl pkcs12 -nodes` writes: attribute lines, a key, then certificates.
            string pem = "Bag Attributes\n    localKeyID: 01 02\nsubject=CN = leaf\n"
                + leafKey.ExportPkcs8PrivateKeyPem() + "\n"
                + leaf.ExportCertificatePem() + "\nissuer=CN = Chain CA\n" + ca.ExportCertificatePem() + "\n";
            byte[][] chain = Pem.DecodeCertificates(Ascii(pem), "cert");
            Assert.Equal(2, chain.Length);
            Assert.Equal(leaf.RawData, chain[0]);
            Assert.Equal(ca.RawData, chain[1]);
            Assert.Equal(leafKey.ExportPkcs8PrivateKey(), Pem.DecodePrivateKey(Ascii(pem), "key"));
        }

        [Fact]
        public void WindowsLineEndingsAndIndentationAreAccepted()
        {
            string crlf = OpenSslPem.Certificate.Replace("\n", "\r\n");
            Assert.Equal(Reference(OpenSslPem.Certificate, "CERTIFICATE"), Pem.DecodeCertificates(Ascii(crlf), "cert")[0]);
        }

        [Theory]
        [InlineData("pkcs8")]
        [InlineData("sec1")]
        [InlineData("pkcs1")]
        public void EveryKeyFormatComesOutAsTheDerDotNetExports(string format)
        {
            string pem;
            byte[] der;
            if (format == "pkcs1")
            {
                using var rsa = RSA.Create(1024);
                pem = rsa.ExportRSAPrivateKeyPem();
                der = rsa.ExportRSAPrivateKey();
            }
            else
            {
                using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                pem = format == "sec1" ? ec.ExportECPrivateKeyPem() : ec.ExportPkcs8PrivateKeyPem();
                der = format == "sec1" ? ec.ExportECPrivateKey() : ec.ExportPkcs8PrivateKey();
            }
            Assert.Equal(der, Pem.DecodePrivateKey(Ascii(pem), "key"));
            Assert.Equal(der, Pem.DecodePrivateKey(der, "key"));
        }

        [Fact]
        public void DerInputIsRecognisedAndReturnedAsIs()
        {
            byte[] der = Reference(OpenSslPem.Certificate, "CERTIFICATE");
            Assert.False(Pem.IsPem(der));
            Assert.True(Pem.IsPem(OpenSslPem.Bytes(OpenSslPem.Certificate)));
            Assert.Same(der, Pem.DecodeCertificates(der, "cert")[0]);
        }

        [Fact]
        public void DecodeReturnsOnlyTheRequestedLabels()
        {
            byte[][] parameters = Pem.Decode(OpenSslPem.Bytes(OpenSslPem.EcKeyWithParameters), new[] { "EC PARAMETERS" }, "x");
            Assert.Single(parameters);
            Assert.Equal(Convert.FromBase64String("BggqhkjOPQMBBw=="), parameters[0]);
            Assert.Empty(Pem.Decode(OpenSslPem.Bytes(OpenSslPem.EcKeyWithParameters), new[] { "CERTIFICATE" }, "x"));
            Assert.Equal("EC PARAMETERS, EC PRIVATE KEY", Pem.LabelsIn(OpenSslPem.Bytes(OpenSslPem.EcKeyWithParameters)));
        }

        [Fact]
        public void SwappedCertificateAndKeyAreNamedAsSuch()
        {
            Assert.Contains("swapped", Bad(() => Pem.DecodeCertificates(OpenSslPem.Bytes(OpenSslPem.EcKeyWithParameters), "cert")).Message);
            Assert.Contains("swapped", Bad(() => Pem.DecodePrivateKey(OpenSslPem.Bytes(OpenSslPem.Certificate), "key")).Message);
        }

        [Fact]
        public void EncryptedKeysAreRefusedWithAFix()
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string encrypted = ec.ExportEncryptedPkcs8PrivateKeyPem("secret",
                new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));
            string message = Bad(() => Pem.DecodePrivateKey(Ascii(encrypted), "key")).Message;
            Assert.Contains("encrypted", message);
            Assert.Contains("openssl pkey", message);

            string legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
            Assert.Contains("encrypted", Bad(() => Pem.DecodePrivateKey(Ascii(legacy), "key")).Message);
        }

        [Fact]
        public void TruncatedAndCorruptPemSaysWhat()
        {
            string pem = OpenSslPem.Certificate;
            Assert.Contains("no END line", Bad(() => Pem.DecodeCertificates(Ascii(pem.Substring(0, pem.Length - 30)), "cert")).Message);
            Assert.Contains("not base64", Bad(() => Pem.DecodeCertificates(Ascii(pem.Replace("MIIB", "MI*B")), "cert")).Message);
            string shortened = pem.Replace("\n" + pem.Split('\n')[3] + "\n", "\n");
            Assert.Contains("cert", Bad(() => Pem.DecodeCertificates(Ascii(shortened), "cert")).Message);
            Assert.Contains("ends with END",
                Bad(() => Pem.DecodeCertificates(Ascii("-----BEGIN CERTIFICATE-----\nMAA=\n-----END X509 CRL-----\n"), "cert")).Message);
            Assert.Contains("empty", Bad(() => Pem.DecodeCertificates(Ascii("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"), "cert")).Message);
        }

        [Fact]
        public void NeitherPemNorDerIsSaidPlainly()
        {
            Assert.Contains("neither PEM", Bad(() => Pem.DecodeCertificates(Ascii("hello world"), "caData")).Message);
            Assert.Contains("caData", Bad(() => Pem.DecodeCertificates(Ascii("hello world"), "caData")).Message);
            byte[] der = Reference(OpenSslPem.Certificate, "CERTIFICATE");
            Assert.Contains("truncated", Bad(() => Pem.DecodeCertificates(der.Take(der.Length - 1).ToArray(), "cert")).Message);
            Assert.Contains("empty", Bad(() => Pem.DecodeCertificates(new byte[0], "cert")).Message);
            Assert.Contains("no CERTIFICATE block (found: CERTIFICATE REQUEST)",
                Bad(() => Pem.DecodeCertificates(Ascii("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n"), "cert")).Message);
            Assert.Contains("malformed PEM BEGIN line", Bad(() => Pem.DecodeCertificates(Ascii("-----BEGIN CERTIFICATE\nMAA=\n"), "cert")).Message);
        }

        [Fact]
        public void RandomBytesNeverEscapeAsAnotherException()
        {
            var random = new Random(1234);
            string prefix = "-----BEGIN CERTIFICATE-----\n";
            for (int i = 0; i < 2000; i++)
            {
                byte[] data = new byte[random.Next(0, 80)];
                random.NextBytes(data);
                if (i % 2 == 0) data = Ascii(prefix).Concat(data).ToArray();
                try
                {
                    Pem.DecodeCertificates(data, "cert");
                    Pem.DecodePrivateKey(data, "key");
                }
                catch (SslException e)
                {
                    Assert.Equal(SslError.BadKeyOrCertificate, e.Error);
                }
            }
        }
    }
}
