using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    public abstract class KeyAgreementTests
    {
        protected abstract ICryptoProvider Provider { get; }

        [Fact]
        public void Two_of_ours_agree_on_the_same_secret()
        {
            using (IKeyAgreement alice = Provider.CreateKeyAgreement(NamedGroup.Secp256r1))
            using (IKeyAgreement bob = Provider.CreateKeyAgreement(NamedGroup.Secp256r1))
            {
                Assert.Equal(NamedGroup.Secp256r1, alice.Group);
                Assert.Equal(65, alice.PublicKeyLength);
                Assert.Equal(32, alice.SharedSecretLength);

                byte[] alicePublic = PublicKeyOf(alice);
                byte[] bobPublic = PublicKeyOf(bob);
                Assert.Equal(0x04, alicePublic[0]);
                Assert.NotEqual(alicePublic, bobPublic);

                byte[] aliceSecret = new byte[32];
                byte[] bobSecret = new byte[32];
                Assert.True(alice.DeriveSharedSecret(bobPublic, aliceSecret));
                Assert.True(bob.DeriveSharedSecret(alicePublic, bobSecret));
                Assert.Equal(aliceSecret, bobSecret);
                Assert.NotEqual(new byte[32], aliceSecret);
            }
        }

        [Fact]
        public void Ours_and_BouncyCastle_agree()
        {
            X9ECParameters curve = ECNamedCurveTable.GetByName("secp256r1");
            ECDomainParameters domain = new ECDomainParameters(curve);
            SecureRandom random = new SecureRandom();
            for (int round = 0; round < 5; round++)
            {
                ECKeyPairGenerator generator = new ECKeyPairGenerator();
                generator.Init(new ECKeyGenerationParameters(domain, random));
                AsymmetricCipherKeyPair theirs = generator.GenerateKeyPair();
                byte[] theirPublic = ((ECPublicKeyParameters)theirs.Public).Q.GetEncoded(false);

                using (IKeyAgreement ours = Provider.CreateKeyAgreement(NamedGroup.Secp256r1))
                {
                    byte[] ourSecret = new byte[32];
                    Assert.True(ours.DeriveSharedSecret(theirPublic, ourSecret));

                    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
                    agreement.Init(theirs.Private);
                    ECPublicKeyParameters ourPublic = new ECPublicKeyParameters(curve.Curve.DecodePoint(PublicKeyOf(ours)), domain);
                    byte[] theirSecret = BigIntegers.AsUnsignedByteArray(32, agreement.CalculateAgreement(ourPublic));
                    Assert.Equal(theirSecret, ourSecret);
                }
            }
        }

        [Fact]
        public void Malformed_or_off_curve_peer_keys_are_refused_without_throwing()
        {
            using (IKeyAgreement ours = Provider.CreateKeyAgreement(NamedGroup.Secp256r1))
            using (IKeyAgreement peer = Provider.CreateKeyAgreement(NamedGroup.Secp256r1))
            {
                byte[] good = PublicKeyOf(peer);
                byte[] output = new byte[32];

                byte[] offCurve = (byte[])good.Clone();
                offCurve[64] ^= 0x01; // y changed: the point is no longer on the curve
                Assert.False(ours.DeriveSharedSecret(offCurve, output));

                byte[] compressedPrefix = (byte[])good.Clone();
                compressedPrefix[0] = 0x02;
                Assert.False(ours.DeriveSharedSecret(compressedPrefix, output));

                byte[] hybridPrefix = (byte[])good.Clone();
                hybridPrefix[0] = 0x06;
                Assert.False(ours.DeriveSharedSecret(hybridPrefix, output));

                Assert.False(ours.DeriveSharedSecret(good.AsSpan(0, 64).ToArray(), output));
                Assert.False(ours.DeriveSharedSecret(good.AsSpan(0, 33).ToArray(), output));
                Assert.False(ours.DeriveSharedSecret(TestBytes.Concat(good, new byte[1]), output));
                Assert.False(ours.DeriveSharedSecret(new byte[0], output));

                // x and y all zero, and all 0xFF (coordinates beyond the field prime).
                byte[] zeros = new byte[65];
                zeros[0] = 0x04;
                Assert.False(ours.DeriveSharedSecret(zeros, output));
                byte[] ones = new byte[65];
                Array.Fill(ones, (byte)0xff);
                ones[0] = 0x04;
                Assert.False(ours.DeriveSharedSecret(ones, output));

                Assert.True(ours.DeriveSharedSecret(good, output));
            }
        }

        [Fact]
        public void Short_buffers_are_caller_errors()
        {
            using (IKeyAgreement ours = Provider.CreateKeyAgreement(NamedGroup.Secp256r1))
            {
                SslException e = Assert.Throws<SslException>(() => ours.GetPublicKey(new byte[64]));
                Assert.Equal(SslError.BufferTooSmall, e.Error);
                e = Assert.Throws<SslException>(() => ours.DeriveSharedSecret(PublicKeyOf(ours), new byte[31]));
                Assert.Equal(SslError.BufferTooSmall, e.Error);
            }
        }

        // The BCL on Linux has no X25519: ECCurve "curve25519" throws PlatformNotSupportedException.
        [Fact]
        public void X25519_is_reported_unsupported()
        {
            Assert.True(Provider.IsSupported(NamedGroup.Secp256r1));
            Assert.False(Provider.IsSupported(NamedGroup.X25519));
            SslException e = Assert.Throws<SslException>(() => Provider.CreateKeyAgreement(NamedGroup.X25519));
            Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
            if (!OperatingSystem.IsLinux()) return;
            Assert.Throws<PlatformNotSupportedException>(() =>
                System.Security.Cryptography.ECDiffieHellman.Create(
                    System.Security.Cryptography.ECCurve.CreateFromFriendlyName("curve25519")));
        }

        private static byte[] PublicKeyOf(IKeyAgreement agreement)
        {
            byte[] key = new byte[agreement.PublicKeyLength];
            agreement.GetPublicKey(key);
            return key;
        }
    }

    public sealed class KeyAgreementTests_DotNet : KeyAgreementTests
    {
        protected override ICryptoProvider Provider => TestProviders.DotNet;
    }

    public sealed class KeyAgreementTests_MbedTls : KeyAgreementTests
    {
        protected override ICryptoProvider Provider => TestProviders.MbedTls;
    }
}
