using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>
    /// A small PKI made inside the tests: root -> intermediate -> leaf, all ECDSA P-256 or all
    /// RSA-2048, with fixed validity periods so that every check uses a fixed clock. The leaf
    /// names "device.local", "*.example.test" and 127.0.0.1.
    /// </summary>
    internal sealed class TestPki
    {
        public static readonly DateTimeOffset CaNotBefore = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public static readonly DateTimeOffset CaNotAfter = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public static readonly DateTimeOffset LeafNotBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public static readonly DateTimeOffset LeafNotAfter = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>A moment inside every validity period above.</summary>
        public static readonly DateTime Now = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        private static readonly Lazy<TestPki> EcPki = new Lazy<TestPki>(() => new TestPki(false));
        private static readonly Lazy<TestPki> RsaPki = new Lazy<TestPki>(() => new TestPki(true));

        public static TestPki Ec { get { return EcPki.Value; } }

        public static TestPki Rsa { get { return RsaPki.Value; } }

        private TestPki(bool rsa)
        {
            string kind = rsa ? "RSA" : "EC";
            RootKey = NewKey(rsa);
            IntermediateKey = NewKey(rsa);
            LeafKey = NewKey(rsa);

            Root = Issue("CN=OpenMvSsl Test Root " + kind + ", O=OpenMvSsl Tests", RootKey, null, RootKey, true,
                CaNotBefore, CaNotAfter, false);
            Intermediate = Issue("CN=OpenMvSsl Test Intermediate " + kind + ", O=OpenMvSsl Tests", IntermediateKey,
                Root, RootKey, true, CaNotBefore, CaNotAfter, false);
            Leaf = Issue("CN=device.local, O=OpenMvSsl Tests", LeafKey, Intermediate, IntermediateKey, false,
                LeafNotBefore, LeafNotAfter, true);
        }

        public AsymmetricAlgorithm RootKey { get; private set; }

        public AsymmetricAlgorithm IntermediateKey { get; private set; }

        public AsymmetricAlgorithm LeafKey { get; private set; }

        public X509Certificate2 Root { get; private set; }

        public X509Certificate2 Intermediate { get; private set; }

        public X509Certificate2 Leaf { get; private set; }

        /// <summary>What a server sends: leaf, then intermediate.</summary>
        public byte[][] Chain { get { return new[] { Leaf.RawData, Intermediate.RawData }; } }

        public byte[][] Anchors { get { return new[] { Root.RawData }; } }

        public static AsymmetricAlgorithm NewKey(bool rsa)
        {
            return rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }

        /// <summary>
        /// Issues a certificate for <paramref name="subjectKey"/>, signed by
        /// <paramref name="issuerKey"/> (self-signed when <paramref name="issuer"/> is null).
        /// The issuer's validity is deliberately not enforced so that tests can build chains
        /// where a child outlives its parent.
        /// </summary>
        public static X509Certificate2 Issue(string subject, AsymmetricAlgorithm subjectKey, X509Certificate2 issuer,
            AsymmetricAlgorithm issuerKey, bool isCa, DateTimeOffset notBefore, DateTimeOffset notAfter, bool deviceNames)
        {
            CertificateRequest request = NewRequest(subject, subjectKey);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                isCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            if (issuer != null)
            {
                request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
            }
            if (deviceNames)
            {
                SubjectAlternativeNameBuilder names = new SubjectAlternativeNameBuilder();
                names.AddDnsName("device.local");
                names.AddDnsName("*.example.test");
                names.AddIpAddress(IPAddress.Parse("127.0.0.1"));
                request.CertificateExtensions.Add(names.Build());
            }

            X500DistinguishedName issuerName = issuer != null ? issuer.SubjectName : request.SubjectName;
            return request.Create(issuerName, SignerFor(issuerKey), notBefore, notAfter, NewSerial());
        }

        /// <summary>A self-signed end-entity certificate with the given subject and SAN builder output.</summary>
        public static X509Certificate2 SelfSigned(string subject, AsymmetricAlgorithm key, DateTimeOffset notBefore,
            DateTimeOffset notAfter, X509Extension subjectAltName)
        {
            CertificateRequest request = NewRequest(subject, key);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            if (subjectAltName != null) request.CertificateExtensions.Add(subjectAltName);
            return request.Create(request.SubjectName, SignerFor(key), notBefore, notAfter, NewSerial());
        }

        private static CertificateRequest NewRequest(string subject, AsymmetricAlgorithm key)
        {
            RSA rsa = key as RSA;
            if (rsa != null) return new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            ECDsa ecdsa = (ECDsa)key;
            HashAlgorithmName hash = ecdsa.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
            return new CertificateRequest(subject, ecdsa, hash);
        }

        private static X509SignatureGenerator SignerFor(AsymmetricAlgorithm key)
        {
            RSA rsa = key as RSA;
            return rsa != null
                ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
                : X509SignatureGenerator.CreateForECDsa((ECDsa)key);
        }

        private static byte[] NewSerial()
        {
            byte[] serial = RandomNumberGenerator.GetBytes(8);
            serial[0] &= 0x7f;
            serial[0] |= 0x01;
            return serial;
        }
    }
}
