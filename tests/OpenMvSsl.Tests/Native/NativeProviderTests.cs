using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.Native;
using OpenMvSsl.Tests.Interop;
using Xunit;
using CryptoPki = OpenMvSsl.Tests.Crypto.TestPki;

namespace OpenMvSsl.Tests.Native
{
    /// <summary>
    /// MbedTlsCryptoProvider against the .NET provider on the same inputs: chain verification
    /// must give the same status and description; primitives must agree byte for byte.
    /// </summary>
    public class NativeProviderTests
    {
        private static readonly DotNetCryptoProvider DotNet = new DotNetCryptoProvider();
        private static MbedTlsCryptoProvider Mbed => NativeProvider.Instance;

        [Fact]
        public void The_base_interop_classes_still_run_over_the_dotnet_provider()
        {
            Assert.IsType<DotNetCryptoProvider>(DtlsInterop.Provider);
        }

        private static void SameCheck(byte[][] chain, byte[][] anchors, string hostname, DateTime now, CertificateStatus expected)
        {
            CertificateCheck reference = DotNet.VerifyCertificateChain(chain, anchors, hostname, now);
            CertificateCheck check = Mbed.VerifyCertificateChain(chain, anchors, hostname, now);
            Assert.Equal(expected, reference.Status);
            Assert.True(expected == check.Status, "mbedTLS said " + check.Status + ": " + check.Detail);
            Assert.Equal(reference.Subject, check.Subject);
            Assert.Equal(reference.Issuer, check.Issuer);
            Assert.Equal(reference.PresentedNames, check.PresentedNames);
            if (expected != CertificateStatus.Malformed)
            {
                Assert.Equal(reference.NotBefore, check.NotBefore);
                Assert.Equal(reference.NotAfter, check.NotAfter);
            }
            Assert.Equal(reference.CheckedAt, check.CheckedAt);
            Assert.Equal(reference.ExpectedHostname, check.ExpectedHostname);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Chain_statuses_match_the_dotnet_provider(bool rsa)
        {
            CryptoPki pki = rsa ? CryptoPki.Rsa : CryptoPki.Ec;
            CryptoPki other = rsa ? CryptoPki.Ec : CryptoPki.Rsa;
            SameCheck(pki.Chain, pki.Anchors, "device.local", CryptoPki.Now, CertificateStatus.Valid);
            SameCheck(pki.Chain, pki.Anchors, null, CryptoPki.Now, CertificateStatus.Valid);
            SameCheck(pki.Chain, pki.Anchors, "device.local", CryptoPki.LeafNotAfter.UtcDateTime.AddDays(1), CertificateStatus.Expired);
            SameCheck(pki.Chain, pki.Anchors, "device.local", CryptoPki.LeafNotBefore.UtcDateTime.AddDays(-1), CertificateStatus.NotYetValid);
            SameCheck(pki.Chain, pki.Anchors, "printer.local", CryptoPki.Now, CertificateStatus.HostnameMismatch);
            SameCheck(pki.Chain, other.Anchors, "device.local", CryptoPki.Now, CertificateStatus.Untrusted);
            SameCheck(new[] { pki.Leaf.RawData }, pki.Anchors, "device.local", CryptoPki.Now, CertificateStatus.Untrusted);
            SameCheck(new[] { pki.Leaf.RawData, pki.Intermediate.RawData, pki.Root.RawData }, other.Anchors, "device.local",
                CryptoPki.Now, CertificateStatus.Untrusted);
            byte[] tampered = (byte[])pki.Leaf.RawData.Clone();
            tampered[tampered.Length - 5] ^= 0x01;
            SameCheck(new[] { tampered, pki.Intermediate.RawData }, pki.Anchors, "device.local", CryptoPki.Now, CertificateStatus.BadSignature);
            byte[] truncated = pki.Leaf.RawData.AsSpan(0, pki.Leaf.RawData.Length - 10).ToArray();
            SameCheck(new[] { truncated, pki.Intermediate.RawData }, pki.Anchors, "device.local", CryptoPki.Now, CertificateStatus.Malformed);
            SameCheck(new[] { pki.Leaf.RawData }, new[] { pki.Leaf.RawData }, "device.local", CryptoPki.Now, CertificateStatus.Valid);
        }

        [Theory]
        [InlineData("device.local")]
        [InlineData("DEVICE.Local")]
        [InlineData("device.local.")]
        [InlineData("a.example.test")]
        [InlineData("a.b.example.test")]
        [InlineData("example.test")]
        [InlineData(".example.test")]
        [InlineData("*.example.test")]
        [InlineData("xdevice.local")]
        [InlineData("127.0.0.1")]
        [InlineData("127.0.0.2")]
        [InlineData("127.1")]
        [InlineData("::ffff:127.0.0.1")]
        [InlineData("")]
        public void Hostname_rules_match_the_dotnet_provider(string hostname)
        {
            CryptoPki pki = CryptoPki.Ec;
            CertificateStatus expected = DotNet.VerifyCertificateChain(pki.Chain, pki.Anchors, hostname, CryptoPki.Now).Status;
            SameCheck(pki.Chain, pki.Anchors, hostname, CryptoPki.Now, expected);
        }

        [Fact]
        public void Primitives_agree_with_the_dotnet_provider()
        {
            byte[] key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
            byte[] nonce = new byte[12], aad = new byte[13], plain = new byte[100];
            foreach (AeadAlgorithm algorithm in new[] { AeadAlgorithm.Aes128Gcm, AeadAlgorithm.Aes256Gcm, AeadAlgorithm.Aes128Ccm,
                AeadAlgorithm.Aes128Ccm8, AeadAlgorithm.ChaCha20Poly1305 })
            {
                byte[] k = key.AsSpan(0, AeadSizes.KeyLength(algorithm)).ToArray();
                using IAead a = DotNet.CreateAead(algorithm, k);
                using IAead b = Mbed.CreateAead(algorithm, k);
                byte[] x = new byte[100 + a.TagLength], y = new byte[100 + b.TagLength];
                a.Seal(nonce, aad, plain, x);
                b.Seal(nonce, aad, plain, y);
                Assert.Equal(x, y);
                y[3] ^= 1;
                Assert.False(b.Open(nonce, aad, y, new byte[100]));
                y[3] ^= 1;
                byte[] opened = new byte[100];
                Assert.True(b.Open(nonce, aad, y, opened));
                Assert.Equal(plain, opened);
            }
            using (IHmac a = DotNet.CreateHmac(HashAlgorithm.Sha384, key))
            using (IHmac b = Mbed.CreateHmac(HashAlgorithm.Sha384, key))
            {
                a.Update(plain); b.Update(plain);
                byte[] x = new byte[48], y = new byte[48];
                a.GetHashAndReset(x); b.GetHashAndReset(y);
                Assert.Equal(x, y);
            }
            using (IKeyAgreement a = DotNet.CreateKeyAgreement(NamedGroup.Secp256r1))
            using (IKeyAgreement b = Mbed.CreateKeyAgreement(NamedGroup.Secp256r1))
            {
                byte[] pa = new byte[65], pb = new byte[65], sa = new byte[32], sb = new byte[32];
                a.GetPublicKey(pa); b.GetPublicKey(pb);
                Assert.True(a.DeriveSharedSecret(pb, sa));
                Assert.True(b.DeriveSharedSecret(pa, sb));
                Assert.Equal(sa, sb);
                pa[10] ^= 1;
                Assert.False(b.DeriveSharedSecret(pa, sb));
            }
        }

        [Fact]
        public void Errors_and_disposal_map_to_SslErrors()
        {
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => Mbed.CreateAead(AeadAlgorithm.Aes128Gcm, new byte[15])).Error);
            Assert.Equal(SslError.UnsupportedAlgorithm, Assert.Throws<SslException>(() => Mbed.CreateAead((AeadAlgorithm)99, new byte[16])).Error);
            Assert.Equal(SslError.UnsupportedAlgorithm, Assert.Throws<SslException>(() => Mbed.CreateKeyAgreement(NamedGroup.X25519)).Error);
            Assert.Equal(SslError.UnsupportedAlgorithm, Assert.Throws<SslException>(() => Mbed.CreateHash((HashAlgorithm)7)).Error);
            Assert.Equal(SslError.CertificateMalformed, Assert.Throws<SslException>(() => Mbed.GetCertificatePublicKey(new byte[] { 0x30, 3, 1 })).Error);
            Assert.Equal(SslError.BadKeyOrCertificate, Assert.Throws<SslException>(() => Mbed.ImportPrivateKey(new byte[] { 0x30, 3, 1 })).Error);
            IAead aead = Mbed.CreateAead(AeadAlgorithm.Aes128Gcm, new byte[16]);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => aead.Seal(new byte[6], new byte[0], new byte[10], new byte[100])).Error);
            Assert.Equal(SslError.BufferTooSmall, Assert.Throws<SslException>(() => aead.Seal(new byte[12], new byte[0], new byte[10], new byte[25])).Error);
            aead.Dispose();
            aead.Dispose();
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => aead.Seal(new byte[12], new byte[0], new byte[1], new byte[17])).Error);
            for (int status = -1; status >= -12; status--) Assert.NotEqual(SslError.None, OmvStatus.ToSslError(status));
            Assert.Equal(SslError.BadRecordMac, OmvStatus.ToSslError(-4));
            Assert.Equal(SslError.DecryptError, OmvStatus.ToSslError(-5));
            Assert.Equal(SslError.IllegalParameter, OmvStatus.ToSslError(-6));
            Assert.Equal(SslError.CertificateUnsupportedKey, OmvStatus.ToSslError(-9));
            Assert.Equal(SslError.InvalidState, OmvStatus.ToSslError(-11));
        }

        [Fact]
        public void Seal_and_open_allocate_nothing()
        {
            using IAead aead = Mbed.CreateAead(AeadAlgorithm.Aes128Gcm, new byte[16]);
            byte[] nonce = new byte[12], aad = new byte[13], buffer = new byte[1040];
            aead.Seal(nonce, aad, buffer.AsSpan(0, 1024), buffer);
            Assert.True(aead.Open(nonce, aad, buffer, buffer));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                aead.Seal(nonce, aad, buffer.AsSpan(0, 1024), buffer);
                Assert.True(aead.Open(nonce, aad, buffer, buffer));
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void A_missing_library_is_reported_with_its_path()
        {
            // The message a user sees is built from the expected path; check it names it and the script.
            string path = NativeLibraryLocator.ExpectedPath;
            Assert.NotNull(path);
            Assert.EndsWith("firmware-bindings/build/libomvssl_crypto.so", path.Replace('\\', '/'));
        }
    }
}
