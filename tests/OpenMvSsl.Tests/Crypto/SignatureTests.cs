using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    public abstract class SignatureTests
    {
        protected abstract ICryptoProvider Provider { get; }
        private static readonly byte[] Message = TestBytes.Counting(300, 7);

        public static readonly TheoryData<SignatureScheme> AllSchemes = new TheoryData<SignatureScheme>
        {
            SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPkcs1Sha256, SignatureScheme.RsaPkcs1Sha384,
            SignatureScheme.RsaPssRsaeSha256, SignatureScheme.RsaPssRsaeSha384,
        };

        private static bool IsEcdsa(SignatureScheme scheme)
        {
            return scheme == SignatureScheme.EcdsaSecp256r1Sha256;
        }

        private static TestPki PkiFor(SignatureScheme scheme)
        {
            return IsEcdsa(scheme) ? TestPki.Ec : TestPki.Rsa;
        }

        private static string BouncyCastleName(SignatureScheme scheme)
        {
            switch (scheme)
            {
                case SignatureScheme.EcdsaSecp256r1Sha256: return "SHA-256withECDSA";
                case SignatureScheme.RsaPkcs1Sha256: return "SHA-256withRSA";
                case SignatureScheme.RsaPkcs1Sha384: return "SHA-384withRSA";
                // BouncyCastle's default PSS salt is the hash length, as RFC 8446 requires.
                case SignatureScheme.RsaPssRsaeSha256: return "SHA-256withRSAandMGF1";
                default: return "SHA-384withRSAandMGF1";
            }
        }

        private static byte[] Pkcs8Of(AsymmetricAlgorithm key)
        {
            return key.ExportPkcs8PrivateKey();
        }

        private static byte[] Sign(IPrivateKey key, SignatureScheme scheme, byte[] message)
        {
            byte[] signature = new byte[key.MaxSignatureLength];
            int length = key.Sign(scheme, message, signature);
            return signature.AsSpan(0, length).ToArray();
        }

        [Theory]
        [MemberData(nameof(AllSchemes))]
        public void Our_signature_verifies_with_our_key_BouncyCastle_and_the_BCL(SignatureScheme scheme)
        {
            TestPki pki = PkiFor(scheme);
            using (IPrivateKey privateKey = Provider.ImportPrivateKey(Pkcs8Of(pki.LeafKey)))
            using (IPublicKey publicKey = Provider.GetCertificatePublicKey(pki.Leaf.RawData))
            {
                byte[] signature = Sign(privateKey, scheme, Message);
                Assert.True(publicKey.Verify(scheme, Message, signature));

                ISigner verifier = SignerUtilities.GetSigner(BouncyCastleName(scheme));
                verifier.Init(false, PublicKeyFactory.CreateKey(pki.Leaf.PublicKey.ExportSubjectPublicKeyInfo()));
                verifier.BlockUpdate(Message, 0, Message.Length);
                Assert.True(verifier.VerifySignature(signature));

                Assert.True(VerifyWithCertificateKey(pki.Leaf, scheme, Message, signature));
            }
        }

        [Theory]
        [MemberData(nameof(AllSchemes))]
        public void BouncyCastle_signature_verifies_with_our_key(SignatureScheme scheme)
        {
            TestPki pki = PkiFor(scheme);
            ISigner signer = SignerUtilities.GetSigner(BouncyCastleName(scheme));
            signer.Init(true, PrivateKeyFactory.CreateKey(Pkcs8Of(pki.LeafKey)));
            signer.BlockUpdate(Message, 0, Message.Length);
            byte[] signature = signer.GenerateSignature();

            using (IPublicKey publicKey = Provider.GetCertificatePublicKey(pki.Leaf.RawData))
            {
                Assert.True(publicKey.Verify(scheme, Message, signature));
                byte[] otherMessage = (byte[])Message.Clone();
                otherMessage[299] ^= 1;
                Assert.False(publicKey.Verify(scheme, otherMessage, signature));
            }
        }

        [Theory]
        [MemberData(nameof(AllSchemes))]
        public void Tampered_truncated_or_garbage_signatures_are_false_not_exceptions(SignatureScheme scheme)
        {
            TestPki pki = PkiFor(scheme);
            using (IPrivateKey privateKey = Provider.ImportPrivateKey(Pkcs8Of(pki.LeafKey)))
            using (IPublicKey publicKey = Provider.GetCertificatePublicKey(pki.Leaf.RawData))
            {
                byte[] signature = Sign(privateKey, scheme, Message);
                for (int position = 0; position < signature.Length; position += 5)
                {
                    byte[] tampered = (byte[])signature.Clone();
                    tampered[position] ^= 0x04;
                    Assert.False(publicKey.Verify(scheme, Message, tampered));
                }
                Assert.False(publicKey.Verify(scheme, Message, signature.AsSpan(0, signature.Length - 1).ToArray()));
                Assert.False(publicKey.Verify(scheme, Message, TestBytes.Concat(signature, new byte[1])));
                Assert.False(publicKey.Verify(scheme, Message, new byte[0]));
                Assert.False(publicKey.Verify(scheme, Message, TestBytes.Hex("3006020100020100")));
                Assert.False(publicKey.Verify(scheme, Message, TestBytes.Counting(signature.Length, 0x30)));
            }
        }

        [Theory]
        [MemberData(nameof(AllSchemes))]
        public void Another_key_does_not_verify(SignatureScheme scheme)
        {
            TestPki pki = PkiFor(scheme);
            using (IPrivateKey otherKey = Provider.ImportPrivateKey(Pkcs8Of(pki.IntermediateKey)))
            using (IPublicKey publicKey = Provider.GetCertificatePublicKey(pki.Leaf.RawData))
            {
                Assert.False(publicKey.Verify(scheme, Message, Sign(otherKey, scheme, Message)));
            }
        }

        [Fact]
        public void A_scheme_that_does_not_fit_the_key_is_false_when_verifying_and_an_error_when_signing()
        {
            using (IPrivateKey ecKey = Provider.ImportPrivateKey(Pkcs8Of(TestPki.Ec.LeafKey)))
            using (IPrivateKey rsaKey = Provider.ImportPrivateKey(Pkcs8Of(TestPki.Rsa.LeafKey)))
            using (IPublicKey ecPublic = Provider.GetCertificatePublicKey(TestPki.Ec.Leaf.RawData))
            using (IPublicKey rsaPublic = Provider.GetCertificatePublicKey(TestPki.Rsa.Leaf.RawData))
            {
                byte[] ecSignature = Sign(ecKey, SignatureScheme.EcdsaSecp256r1Sha256, Message);
                byte[] pkcs1Signature = Sign(rsaKey, SignatureScheme.RsaPkcs1Sha256, Message);
                byte[] pssSignature = Sign(rsaKey, SignatureScheme.RsaPssRsaeSha256, Message);

                Assert.False(ecPublic.Verify(SignatureScheme.RsaPkcs1Sha256, Message, ecSignature));
                Assert.False(ecPublic.Verify(SignatureScheme.RsaPssRsaeSha256, Message, pssSignature));
                Assert.False(rsaPublic.Verify(SignatureScheme.EcdsaSecp256r1Sha256, Message, ecSignature));
                Assert.False(rsaPublic.Verify(SignatureScheme.RsaPssRsaeSha256, Message, pkcs1Signature));
                Assert.False(rsaPublic.Verify(SignatureScheme.RsaPkcs1Sha256, Message, pssSignature));
                Assert.False(rsaPublic.Verify(SignatureScheme.RsaPkcs1Sha384, Message, pkcs1Signature));
                Assert.False(rsaPublic.Verify((SignatureScheme)0x0807, Message, pssSignature));

                SslException e = Assert.Throws<SslException>(() => Sign(ecKey, SignatureScheme.RsaPkcs1Sha256, Message));
                Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
                e = Assert.Throws<SslException>(() => Sign(rsaKey, SignatureScheme.EcdsaSecp256r1Sha256, Message));
                Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
                e = Assert.Throws<SslException>(() => Sign(rsaKey, (SignatureScheme)0x0806, Message));
                Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
            }
        }

        [Fact]
        public void Keys_report_their_type_size_and_signature_length()
        {
            using (IPrivateKey ecKey = Provider.ImportPrivateKey(Pkcs8Of(TestPki.Ec.LeafKey)))
            using (IPrivateKey rsaKey = Provider.ImportPrivateKey(Pkcs8Of(TestPki.Rsa.LeafKey)))
            using (IPublicKey ecPublic = Provider.GetCertificatePublicKey(TestPki.Ec.Leaf.RawData))
            using (IPublicKey rsaPublic = Provider.GetCertificatePublicKey(TestPki.Rsa.Leaf.RawData))
            {
                Assert.Equal(KeyType.EcP256, ecKey.KeyType);
                Assert.Equal(256, ecKey.KeySizeBits);
                Assert.Equal(72, ecKey.MaxSignatureLength);
                Assert.Equal(KeyType.Rsa, rsaKey.KeyType);
                Assert.Equal(2048, rsaKey.KeySizeBits);
                Assert.Equal(256, rsaKey.MaxSignatureLength);
                Assert.Equal(KeyType.EcP256, ecPublic.KeyType);
                Assert.Equal(256, ecPublic.KeySizeBits);
                Assert.Equal(KeyType.Rsa, rsaPublic.KeyType);
                Assert.Equal(2048, rsaPublic.KeySizeBits);

                SslException e = Assert.Throws<SslException>(() =>
                    rsaKey.Sign(SignatureScheme.RsaPkcs1Sha256, Message, new byte[255]));
                Assert.Equal(SslError.BufferTooSmall, e.Error);
            }
        }

        [Fact]
        public void Imports_PKCS8_SEC1_and_PKCS1_keys()
        {
            ECDsa ec = (ECDsa)TestPki.Ec.LeafKey;
            RSA rsa = (RSA)TestPki.Rsa.LeafKey;
            using (IPublicKey ecPublic = Provider.GetCertificatePublicKey(TestPki.Ec.Leaf.RawData))
            using (IPublicKey rsaPublic = Provider.GetCertificatePublicKey(TestPki.Rsa.Leaf.RawData))
            {
                foreach (byte[] der in new[] { ec.ExportPkcs8PrivateKey(), ec.ExportECPrivateKey() })
                {
                    using (IPrivateKey key = Provider.ImportPrivateKey(der))
                    {
                        Assert.True(ecPublic.Verify(SignatureScheme.EcdsaSecp256r1Sha256, Message,
                            Sign(key, SignatureScheme.EcdsaSecp256r1Sha256, Message)));
                    }
                }
                foreach (byte[] der in new[] { rsa.ExportPkcs8PrivateKey(), rsa.ExportRSAPrivateKey() })
                {
                    using (IPrivateKey key = Provider.ImportPrivateKey(der))
                    {
                        Assert.True(rsaPublic.Verify(SignatureScheme.RsaPssRsaeSha384, Message,
                            Sign(key, SignatureScheme.RsaPssRsaeSha384, Message)));
                    }
                }
            }
        }

        [Fact]
        public void Refuses_unsupported_and_unreadable_private_keys()
        {
            using (ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384))
            using (RSA rsa1024 = RSA.Create(1024))
            {
                AssertImportFails(SslError.CertificateUnsupportedKey, p384.ExportPkcs8PrivateKey());
                AssertImportFails(SslError.CertificateUnsupportedKey, p384.ExportECPrivateKey());
                AssertImportFails(SslError.CertificateUnsupportedKey, rsa1024.ExportPkcs8PrivateKey());
                AssertImportFails(SslError.CertificateUnsupportedKey, rsa1024.ExportRSAPrivateKey());

                byte[] encrypted = p384.ExportEncryptedPkcs8PrivateKey("secret",
                    new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));
                AssertImportFails(SslError.BadKeyOrCertificate, encrypted);

                byte[] good = ((ECDsa)TestPki.Ec.LeafKey).ExportPkcs8PrivateKey();
                AssertImportFails(SslError.BadKeyOrCertificate, TestBytes.Concat(good, new byte[] { 0 }));
                AssertImportFails(SslError.BadKeyOrCertificate, good.AsSpan(0, good.Length - 3).ToArray());
                AssertImportFails(SslError.BadKeyOrCertificate, new byte[0]);
                AssertImportFails(SslError.BadKeyOrCertificate, TestBytes.Counting(100, 0x30));
                AssertImportFails(SslError.BadKeyOrCertificate, TestPki.Ec.Leaf.RawData);
            }
        }

        [Fact]
        public void Refuses_unsupported_and_unreadable_certificate_keys()
        {
            using (ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384))
            using (RSA rsa1024 = RSA.Create(1024))
            {
                DateTimeOffset from = TestPki.LeafNotBefore;
                DateTimeOffset until = TestPki.LeafNotAfter;
                AssertPublicKeyFails(SslError.CertificateUnsupportedKey,
                    TestPki.SelfSigned("CN=p384", p384, from, until, null).RawData);
                AssertPublicKeyFails(SslError.CertificateUnsupportedKey,
                    TestPki.SelfSigned("CN=rsa1024", rsa1024, from, until, null).RawData);
            }

            byte[] leaf = TestPki.Ec.Leaf.RawData;
            AssertPublicKeyFails(SslError.CertificateMalformed, leaf.AsSpan(0, leaf.Length - 10).ToArray());
            AssertPublicKeyFails(SslError.CertificateMalformed, new byte[0]);
            AssertPublicKeyFails(SslError.CertificateMalformed, TestBytes.Concat(leaf, new byte[] { 0 }));
            AssertPublicKeyFails(SslError.CertificateMalformed,
                System.Text.Encoding.ASCII.GetBytes(TestPki.Ec.Leaf.ExportCertificatePem()));
            AssertPublicKeyFails(SslError.CertificateMalformed, TestBytes.Counting(200, 0x30));
        }

        private void AssertImportFails(SslError expected, byte[] der)
        {
            SslException e = Assert.Throws<SslException>(() => Provider.ImportPrivateKey(der));
            Assert.Equal(expected, e.Error);
        }

        private void AssertPublicKeyFails(SslError expected, byte[] der)
        {
            SslException e = Assert.Throws<SslException>(() => Provider.GetCertificatePublicKey(der));
            Assert.Equal(expected, e.Error);
        }

        // The BCL reading the key straight from the certificate, for a second opinion.
        private static bool VerifyWithCertificateKey(X509Certificate2 certificate, SignatureScheme scheme,
            byte[] message, byte[] signature)
        {
            if (IsEcdsa(scheme))
            {
                using (ECDsa ecdsa = certificate.GetECDsaPublicKey())
                {
                    return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                }
            }
            bool sha384 = scheme == SignatureScheme.RsaPkcs1Sha384 || scheme == SignatureScheme.RsaPssRsaeSha384;
            bool pss = scheme == SignatureScheme.RsaPssRsaeSha256 || scheme == SignatureScheme.RsaPssRsaeSha384;
            using (RSA rsa = certificate.GetRSAPublicKey())
            {
                return rsa.VerifyData(message, signature, sha384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256,
                    pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
            }
        }
    }

    public sealed class SignatureTests_DotNet : SignatureTests
    {
        protected override ICryptoProvider Provider => TestProviders.DotNet;
    }

    public sealed class SignatureTests_MbedTls : SignatureTests
    {
        protected override ICryptoProvider Provider => TestProviders.MbedTls;
    }
}
