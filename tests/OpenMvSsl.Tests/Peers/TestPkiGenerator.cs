using System;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Creates the test certificates with .NET's CertificateRequest, once per test process
    /// (RSA key generation is the slow part), and hands the DER bytes to every TestPki.
    /// </summary>
    internal static class TestPkiGenerator
    {
        private static readonly object Gate = new object();
        private static Material cached;

        /// <summary>Raw output of one generation run.</summary>
        internal sealed class Entry
        {
            internal string Name;
            internal string KeyAlgorithm;
            internal bool IsCertificateAuthority;
            internal byte[] CertificateDer;
            internal byte[] PrivateKeyDer;
            internal Entry Issuer;
            // A CA's key, kept to sign its leaves.
            internal AsymmetricAlgorithm SigningKey;
        }

        internal sealed class Material
        {
            internal Entry EcdsaRoot, RsaRoot, UnrelatedRoot;
            internal Entry EcdsaServer, RsaServer, EcdsaClient, RsaClient;
            internal Entry ExpiredServer, NotYetValidServer, OtherHostServer, UnrelatedServer;
            internal TimeSpan GenerationTime;
        }

        internal static Material Get()
        {
            lock (Gate)
            {
                if (cached == null) cached = Generate();
                return cached;
            }
        }

        private static Material Generate()
        {
            Stopwatch watch = Stopwatch.StartNew();
            // Whole seconds: certificates carry no fractions, and equal bounds are easier to reason about.
            DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            DateTimeOffset rootFrom = now.AddDays(-365), rootTo = now.AddYears(10);
            DateTimeOffset leafFrom = now.AddDays(-1), leafTo = now.AddDays(365);

            var m = new Material();
            m.EcdsaRoot = Root("ecdsa-root", "OpenMvSsl Test ECDSA Root CA", NewEcdsa(), rootFrom, rootTo);
            m.RsaRoot = Root("rsa-root", "OpenMvSsl Test RSA Root CA", NewRsa(), rootFrom, rootTo);
            m.UnrelatedRoot = Root("unrelated-root", "OpenMvSsl Unrelated Test CA", NewEcdsa(), rootFrom, rootTo);

            m.EcdsaServer = Leaf("ecdsa-server", TestPki.ServerDnsName, m.EcdsaRoot, NewEcdsa(), true, ServerNames(), leafFrom, leafTo);
            m.RsaServer = Leaf("rsa-server", TestPki.ServerDnsName, m.RsaRoot, NewRsa(), true, ServerNames(), leafFrom, leafTo);
            m.EcdsaClient = Leaf("ecdsa-client", TestPki.ClientName, m.EcdsaRoot, NewEcdsa(), false, Names(TestPki.ClientName), leafFrom, leafTo);
            m.RsaClient = Leaf("rsa-client", TestPki.ClientName, m.RsaRoot, NewRsa(), false, Names(TestPki.ClientName), leafFrom, leafTo);

            m.ExpiredServer = Leaf("expired-server", TestPki.ServerDnsName, m.EcdsaRoot, NewEcdsa(), true, ServerNames(),
                now.AddDays(-30), now.AddDays(-1));
            m.NotYetValidServer = Leaf("not-yet-valid-server", TestPki.ServerDnsName, m.EcdsaRoot, NewEcdsa(), true, ServerNames(),
                now.AddDays(30), now.AddDays(60));
            m.OtherHostServer = Leaf("other-host-server", TestPki.OtherHostName, m.EcdsaRoot, NewEcdsa(), true,
                Names(TestPki.OtherHostName), leafFrom, leafTo);
            m.UnrelatedServer = Leaf("unrelated-server", TestPki.ServerDnsName, m.UnrelatedRoot, NewEcdsa(), true, ServerNames(),
                leafFrom, leafTo);
            m.GenerationTime = watch.Elapsed;
            return m;
        }

        private static AsymmetricAlgorithm NewEcdsa() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

        private static AsymmetricAlgorithm NewRsa() => RSA.Create(2048);

        private static string Algorithm(AsymmetricAlgorithm key) => key is ECDsa ? "ECDSA P-256" : "RSA 2048";

        /// <summary>DNS:localhost, DNS:server.test, IP:127.0.0.1.</summary>
        private static X509Extension ServerNames()
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(TestPki.ServerDnsName);
            names.AddDnsName(TestPki.SecondServerDnsName);
            names.AddIpAddress(IPAddress.Loopback);
            return names.Build(false);
        }

        private static X509Extension Names(string dnsName)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            return names.Build(false);
        }

        private static X500DistinguishedName DistinguishedName(string commonName)
        {
            var builder = new X500DistinguishedNameBuilder();
            builder.AddOrganizationName("OpenMvSsl Tests");
            builder.AddCommonName(commonName);
            return builder.Build();
        }

        private static CertificateRequest Request(X500DistinguishedName subject, AsymmetricAlgorithm key)
        {
            if (key is ECDsa ecdsa) return new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256);
            return new CertificateRequest(subject, (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        private static X509SignatureGenerator Signer(AsymmetricAlgorithm key)
        {
            if (key is ECDsa ecdsa) return X509SignatureGenerator.CreateForECDsa(ecdsa);
            return X509SignatureGenerator.CreateForRSA((RSA)key, RSASignaturePadding.Pkcs1);
        }

        private static byte[] Serial()
        {
            byte[] serial = RandomNumberGenerator.GetBytes(16);
            serial[0] = (byte)((serial[0] & 0x3F) | 0x40); // positive, no leading zero byte
            return serial;
        }

        private static byte[] Pkcs8(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKey();

        private static Entry Root(string name, string commonName, AsymmetricAlgorithm key, DateTimeOffset from, DateTimeOffset to)
        {
            X500DistinguishedName subject = DistinguishedName(commonName);
            CertificateRequest request = Request(subject, key);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            var subjectKeyId = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
            request.CertificateExtensions.Add(subjectKeyId);
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyId));
            using (X509Certificate2 certificate = request.Create(subject, Signer(key), from, to, Serial()))
            {
                var entry = new Entry
                {
                    Name = name,
                    KeyAlgorithm = Algorithm(key),
                    IsCertificateAuthority = true,
                    CertificateDer = certificate.RawData,
                    PrivateKeyDer = Pkcs8(key),
                    SigningKey = key,
                };
                return entry;
            }
        }

        private static Entry Leaf(string name, string commonName, Entry issuer, AsymmetricAlgorithm key, bool server,
            X509Extension subjectAltNames, DateTimeOffset from, DateTimeOffset to)
        {
            using (X509Certificate2 issuerCertificate = X509CertificateLoader.LoadCertificate(issuer.CertificateDer))
            {
                CertificateRequest request = Request(DistinguishedName(commonName), key);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
                X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature;
                if (key is RSA) usage |= X509KeyUsageFlags.KeyEncipherment;
                request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
                var purposes = new OidCollection();
                purposes.Add(new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2"));
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(purposes, false));
                request.CertificateExtensions.Add(subjectAltNames);
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
                request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuerCertificate, true, false));
                using (X509Certificate2 certificate = request.Create(issuerCertificate.SubjectName, Signer(issuer.SigningKey), from, to, Serial()))
                {
                    var entry = new Entry
                    {
                        Name = name,
                        KeyAlgorithm = Algorithm(key),
                        CertificateDer = certificate.RawData,
                        PrivateKeyDer = Pkcs8(key),
                        Issuer = issuer,
                    };
                    key.Dispose();
                    return entry;
                }
            }
        }
    }
}
