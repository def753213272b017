using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading.Tasks;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Xunit;
using BcECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>
    /// The libcrypto EC fast path of the desktop provider (OpenSslEc, OpenSslEcKey, OpenSslKeyAgreement)
    /// against published vectors, the BCL and BouncyCastle. On a system without libcrypto.so.3 the
    /// fast path is off and these tests have nothing to check.
    /// </summary>
    public class OpenSslEcTests
    {
        private static readonly byte[] Sample = System.Text.Encoding.ASCII.GetBytes("sample");
        private static readonly DotNetCryptoProvider Fast = new DotNetCryptoProvider(true);
        private static readonly DotNetCryptoProvider Bcl = new DotNetCryptoProvider(false);

        public static readonly TheoryData<NamedGroup> Groups = new TheoryData<NamedGroup> { NamedGroup.Secp256r1, NamedGroup.Secp384r1 };

        public static readonly TheoryData<int> SignatureVectorIndexes = new TheoryData<int> { 0, 1, 2 };

        private static bool FastPathPresent
        {
            get { return OpenSslEc.IsAvailable; }
        }

        [Fact]
        public void The_fast_path_is_on_where_libcrypto_3_exists_unless_switched_off()
        {
            string choice = Environment.GetEnvironmentVariable(OpenSslEc.SwitchVariable);
            bool switchedOff = choice != null && choice.Trim().Equals("bcl", StringComparison.OrdinalIgnoreCase);
            IntPtr library;
            bool present = OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libcrypto.so.3", out library);
            Assert.Equal(present && !switchedOff, OpenSslEc.IsAvailable);
            Assert.Equal(OpenSslEc.IsAvailable, new DotNetCryptoProvider().UsesOpenSslEc);
            Assert.False(Bcl.UsesOpenSslEc);
            if (!FastPathPresent) return;
            using (IKeyAgreement agreement = Fast.CreateKeyAgreement(NamedGroup.Secp256r1))
            {
                Assert.IsType<OpenSslKeyAgreement>(agreement);
            }
            using (IKeyAgreement agreement = Bcl.CreateKeyAgreement(NamedGroup.Secp256r1))
            {
                Assert.IsType<DotNetKeyAgreement>(agreement);
            }
        }

        [Theory]
        [MemberData(nameof(Groups))]
        public void Rfc5903_ecdh_known_answer(NamedGroup group)
        {
            if (!FastPathPresent) return;
            OpenSslEcVectors.EcdhVector v = group == NamedGroup.Secp384r1 ? OpenSslEcVectors.P384 : OpenSslEcVectors.P256;

            // The published points really are i*G and r*G (checked independently with BouncyCastle).
            X9ECParameters curve = ECNamedCurveTable.GetByName(v.BouncyCastleCurve);
            Assert.Equal(v.Gi, curve.G.Multiply(new BigInteger(1, v.I)).Normalize().GetEncoded(false));
            Assert.Equal(v.Gr, curve.G.Multiply(new BigInteger(1, v.R)).Normalize().GetEncoded(false));

            using (OpenSslEcKey initiator = OpenSslEcKey.FromPrivateKey(group, v.I, v.Gi))
            using (OpenSslEcKey responder = OpenSslEcKey.FromPrivateKey(group, v.R, v.Gr))
            {
                byte[] exported = new byte[initiator.PublicPointLength];
                initiator.ExportPublicPoint(exported);
                Assert.Equal(v.Gi, exported);

                byte[] shared = new byte[v.SharedX.Length];
                Assert.True(initiator.DeriveSharedSecret(v.Gr, shared));
                Assert.Equal(v.SharedX, shared);
                Array.Clear(shared);
                Assert.True(responder.DeriveSharedSecret(v.Gi, shared));
                Assert.Equal(v.SharedX, shared);
            }
        }

        [Theory]
        [MemberData(nameof(Groups))]
        public void Fast_path_and_BCL_key_agreements_agree_both_ways(NamedGroup group)
        {
            if (!FastPathPresent) return;
            for (int round = 0; round < 3; round++)
            {
                using (IKeyAgreement fast = Fast.CreateKeyAgreement(group))
                using (IKeyAgreement bcl = Bcl.CreateKeyAgreement(group))
                {
                    Assert.Equal(bcl.PublicKeyLength, fast.PublicKeyLength);
                    Assert.Equal(bcl.SharedSecretLength, fast.SharedSecretLength);
                    byte[] fastSecret = new byte[fast.SharedSecretLength];
                    byte[] bclSecret = new byte[bcl.SharedSecretLength];
                    Assert.True(fast.DeriveSharedSecret(PublicKeyOf(bcl), fastSecret));
                    Assert.True(bcl.DeriveSharedSecret(PublicKeyOf(fast), bclSecret));
                    Assert.Equal(bclSecret, fastSecret);
                    Assert.NotEqual(new byte[fastSecret.Length], fastSecret);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Groups))]
        public void Invalid_peer_points_are_refused_by_both_paths_alike(NamedGroup group)
        {
            if (!FastPathPresent) return;
            OpenSslEcVectors.EcdhVector v = group == NamedGroup.Secp384r1 ? OpenSslEcVectors.P384 : OpenSslEcVectors.P256;
            int coordinate = v.GiX.Length;
            X9ECParameters curve = ECNamedCurveTable.GetByName(v.BouncyCastleCurve);
            BigInteger prime = curve.Curve.Field.Characteristic;

            // A point on the curve whose x is so small that x + p still fits the coordinate:
            // (x + p, y) names the same point modulo p, so only a range check refuses it.
            BcECPoint small = SmallXPoint(curve, coordinate);
            byte[] smallPoint = small.GetEncoded(false);
            byte[] xPlusP = (byte[])smallPoint.Clone();
            byte[] widened = BigIntegers(small.AffineXCoord.ToBigInteger().Add(prime), coordinate);
            widened.CopyTo(xPlusP, 1);

            byte[] offCurve = (byte[])v.Gr.Clone();
            offCurve[offCurve.Length - 1] ^= 0x01;
            byte[] zeros = new byte[1 + 2 * coordinate];
            zeros[0] = 0x04;
            byte[] ones = new byte[1 + 2 * coordinate];
            Array.Fill(ones, (byte)0xff);
            ones[0] = 0x04;
            byte[] xIsP = (byte[])v.Gr.Clone();
            BigIntegers(prime, coordinate).CopyTo(xIsP, 1);
            byte[] yIsP = (byte[])v.Gr.Clone();
            BigIntegers(prime, coordinate).CopyTo(yIsP, 1 + coordinate);
            byte[] compressed = curve.G.Multiply(new BigInteger(1, v.R)).Normalize().GetEncoded(true);
            byte[] hybrid = (byte[])v.Gr.Clone();
            hybrid[0] = 0x06;

            byte[][] refused =
            {
                offCurve,
                v.Gr.AsSpan(0, v.Gr.Length - 1).ToArray(),      // one byte short
                TestBytes.Concat(v.Gr, new byte[1]),             // one byte long
                new byte[0],
                new byte[] { 0x00 },                             // the point at infinity (SEC1 encoding)
                zeros,
                ones,                                            // both coordinates above p
                xIsP,
                yIsP,
                xPlusP,
                compressed,                                      // a valid point, but TLS needs uncompressed
                hybrid,
            };

            using (IKeyAgreement fast = Fast.CreateKeyAgreement(group))
            using (IKeyAgreement bcl = Bcl.CreateKeyAgreement(group))
            {
                byte[] output = new byte[fast.SharedSecretLength];
                for (int i = 0; i < refused.Length; i++)
                {
                    Assert.False(fast.DeriveSharedSecret(refused[i], output), "fast path accepted case " + i);
                    Assert.False(bcl.DeriveSharedSecret(refused[i], output), "BCL accepted case " + i);
                }
                // The control cases are accepted, so the refusals above are about the encoding.
                Assert.True(fast.DeriveSharedSecret(smallPoint, output));
                Assert.True(bcl.DeriveSharedSecret(smallPoint, output));
                Assert.True(fast.DeriveSharedSecret(v.Gr, output));
            }
        }

        [Theory]
        [MemberData(nameof(SignatureVectorIndexes))]
        public void Rfc6979_signatures_verify_and_altered_ones_do_not(int index)
        {
            if (!FastPathPresent) return;
            OpenSslEcVectors.SignatureVector v = OpenSslEcVectors.Signatures[index];
            byte[] signature = OpenSslEcVectors.Der(v.R, v.S);
            byte[] digest = Digest(v.Sha384, Sample);
            using (OpenSslEcKey key = OpenSslEcKey.FromPublicPoint(v.Group, v.PublicPoint))
            {
                Assert.NotNull(key);
                Assert.True(key.VerifyDigest(digest, signature));

                Assert.False(key.VerifyDigest(Digest(v.Sha384, System.Text.Encoding.ASCII.GetBytes("samplf")), signature));
                foreach (byte[] altered in Altered(signature))
                {
                    Assert.False(key.VerifyDigest(digest, altered), "accepted " + TestBytes.ToHex(altered));
                }
            }
        }

        [Theory]
        [MemberData(nameof(SignatureVectorIndexes))]
        public void Fast_path_signatures_verify_with_the_BCL_and_BouncyCastle(int index)
        {
            if (!FastPathPresent) return;
            OpenSslEcVectors.SignatureVector v = OpenSslEcVectors.Signatures[index];
            byte[] message = TestBytes.Counting(200, index);
            byte[] digest = Digest(v.Sha384, message);
            using (OpenSslEcKey key = OpenSslEcKey.FromPrivateKey(v.Group, v.PrivateKey, v.PublicPoint))
            using (ECDsa bcl = ECDsa.Create(new ECParameters
            {
                Curve = v.Group == NamedGroup.Secp384r1 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = v.PublicX, Y = v.PublicY },
            }))
            {
                byte[] buffer = new byte[key.MaxSignatureLength];
                for (int round = 0; round < 4; round++)
                {
                    int length = key.SignDigest(digest, buffer);
                    Assert.InRange(length, 8, key.MaxSignatureLength);
                    byte[] signature = buffer.AsSpan(0, length).ToArray();

                    Assert.True(key.VerifyDigest(digest, signature));
                    Assert.True(bcl.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));

                    var bouncy = SignerUtilities.GetSigner(v.Sha384 ? "SHA-384withECDSA" : "SHA-256withECDSA");
                    X9ECParameters curve = ECNamedCurveTable.GetByName(v.Group == NamedGroup.Secp384r1 ? "secp384r1" : "secp256r1");
                    bouncy.Init(false, new ECPublicKeyParameters(curve.Curve.DecodePoint(v.PublicPoint), new ECDomainParameters(curve)));
                    bouncy.BlockUpdate(message, 0, message.Length);
                    Assert.True(bouncy.VerifySignature(signature));
                }

                // ECDSA is randomized: two signatures over the same digest differ.
                int first = key.SignDigest(digest, buffer);
                byte[] one = buffer.AsSpan(0, first).ToArray();
                int second = key.SignDigest(digest, buffer);
                Assert.NotEqual(one, buffer.AsSpan(0, second).ToArray());

                // Too small an output is reported, not overrun.
                Assert.Equal(-1, key.SignDigest(digest, new byte[6]));
            }
        }

        [Fact]
        public void Points_that_are_not_on_the_curve_make_no_public_key()
        {
            if (!FastPathPresent) return;
            OpenSslEcVectors.SignatureVector v = OpenSslEcVectors.Signatures[0];
            byte[] offCurve = v.PublicPoint;
            offCurve[offCurve.Length - 1] ^= 0x01;
            Assert.Null(OpenSslEcKey.FromPublicPoint(v.Group, offCurve));
            Assert.Null(OpenSslEcKey.FromPublicPoint(v.Group, new byte[] { 0x00 }));
            Assert.Null(OpenSslEcKey.FromPublicPoint(v.Group, new byte[0]));
            Assert.Null(OpenSslEcKey.FromPublicPoint(NamedGroup.Secp384r1, v.PublicPoint));
        }

        [Fact]
        public void One_private_key_signs_on_several_threads_at_once()
        {
            if (!FastPathPresent) return;
            OpenSslEcVectors.SignatureVector v = OpenSslEcVectors.Signatures[0];
            byte[] digest = Digest(false, Sample);
            using (OpenSslEcKey key = OpenSslEcKey.FromPrivateKey(v.Group, v.PrivateKey, v.PublicPoint))
            {
                Parallel.For(0, 4, worker =>
                {
                    byte[] buffer = new byte[key.MaxSignatureLength];
                    for (int i = 0; i < 100; i++)
                    {
                        int length = key.SignDigest(digest, buffer);
                        Assert.True(key.VerifyDigest(digest, buffer.AsSpan(0, length)));
                    }
                });
            }
        }

        [Fact]
        public void The_provider_signs_with_the_fast_path_and_the_BCL_verifies()
        {
            if (!FastPathPresent) return;
            ECDsa leafKey = (ECDsa)TestPki.Ec.LeafKey;
            byte[] message = TestBytes.Counting(300, 3);
            using (IPrivateKey ours = Fast.ImportPrivateKey(leafKey.ExportPkcs8PrivateKey()))
            using (IPublicKey bclPublic = Bcl.GetCertificatePublicKey(TestPki.Ec.Leaf.RawData))
            using (IPublicKey fastPublic = Fast.GetCertificatePublicKey(TestPki.Ec.Leaf.RawData))
            {
                Assert.Equal(KeyType.EcP256, ours.KeyType);
                Assert.Equal(256, ours.KeySizeBits);
                Assert.Equal(KeyType.EcP256, fastPublic.KeyType);
                Assert.Equal(256, fastPublic.KeySizeBits);
                byte[] signature = new byte[ours.MaxSignatureLength];
                int length = ours.Sign(SignatureScheme.EcdsaSecp256r1Sha256, message, signature);
                Assert.True(bclPublic.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature.AsSpan(0, length)));
                Assert.True(fastPublic.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature.AsSpan(0, length)));
                Assert.True(leafKey.VerifyData(message, signature.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

                SslException e = Assert.Throws<SslException>(() => ours.Sign(SignatureScheme.EcdsaSecp256r1Sha256, message, new byte[8]));
                Assert.Equal(SslError.BufferTooSmall, e.Error);
            }
        }

        [Fact]
        public void Cached_peer_keys_survive_their_wrappers_and_eviction()
        {
            if (!FastPathPresent) return;
            DotNetCryptoProvider provider = new DotNetCryptoProvider(true);
            ECDsa leafKey = (ECDsa)TestPki.Ec.LeafKey;
            byte[] message = TestBytes.Counting(100, 1);
            byte[] signature = leafKey.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            byte[] leaf = TestPki.Ec.Leaf.RawData;

            IPublicKey first = provider.GetCertificatePublicKey(leaf);
            IPublicKey second = provider.GetCertificatePublicKey(leaf);
            first.Dispose();
            Assert.True(second.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature));
            Assert.Throws<SslException>(() => first.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature));

            // More certificates than the cache holds: every key still verifies its own signatures.
            for (int i = 0; i < PeerKeyCache.Capacity + 2; i++)
            {
                using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                using (var certificate = TestPki.SelfSigned("CN=cache" + i, key, TestPki.LeafNotBefore, TestPki.LeafNotAfter, null))
                using (IPublicKey publicKey = provider.GetCertificatePublicKey(certificate.RawData))
                {
                    byte[] own = key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                    Assert.True(publicKey.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, own));
                    Assert.False(publicKey.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature));
                }
            }
            Assert.True(second.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature));
            second.Dispose();
            using (IPublicKey again = provider.GetCertificatePublicKey(leaf))
            {
                Assert.True(again.Verify(SignatureScheme.EcdsaSecp256r1Sha256, message, signature));
            }

            // A certificate that does not parse is refused every time (failures are not cached).
            byte[] broken = TestBytes.Concat(leaf, new byte[] { 0 });
            Assert.Throws<SslException>(() => provider.GetCertificatePublicKey(broken));
            Assert.Throws<SslException>(() => provider.GetCertificatePublicKey(broken));
        }

        private static byte[] PublicKeyOf(IKeyAgreement agreement)
        {
            byte[] key = new byte[agreement.PublicKeyLength];
            agreement.GetPublicKey(key);
            return key;
        }

        private static byte[] Digest(bool sha384, byte[] message)
        {
            return sha384 ? SHA384.HashData(message) : SHA256.HashData(message);
        }

        private static byte[] BigIntegers(BigInteger value, int length)
        {
            return Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(length, value);
        }

        private static BcECPoint SmallXPoint(X9ECParameters curve, int coordinate)
        {
            for (int x = 1; x < 1000; x++)
            {
                byte[] encoded = new byte[1 + coordinate];
                encoded[0] = 0x02;
                encoded[coordinate] = (byte)x;
                encoded[coordinate - 1] = (byte)(x >> 8);
                try
                {
                    return curve.Curve.DecodePoint(encoded).Normalize();
                }
                catch (ArgumentException)
                {
                    // no point with this x; try the next
                }
            }
            throw new InvalidOperationException("no small-x point found");
        }

        // Each change must make the signature invalid: a value bit, the DER framing, extra or missing bytes.
        private static byte[][] Altered(byte[] signature)
        {
            byte[] rBit = (byte[])signature.Clone();
            rBit[6] ^= 0x01;
            byte[] sBit = (byte[])signature.Clone();
            sBit[sBit.Length - 1] ^= 0x80;
            byte[] tag = (byte[])signature.Clone();
            tag[0] = 0x31;
            byte[] length = (byte[])signature.Clone();
            length[1]++;
            byte[] swapped = OpenSslEcVectors.Der(Tail(signature, false), Tail(signature, true));
            return new[]
            {
                rBit, sBit, tag, length, swapped,
                TestBytes.Concat(signature, new byte[] { 0x00 }),
                signature.AsSpan(0, signature.Length - 1).ToArray(),
                new byte[0],
                new byte[] { 0x30, 0x00 },
                OpenSslEcVectors.Der(new byte[] { 0 }, new byte[] { 1 }),
                NonCanonical(signature),
            };
        }

        // r or s of a DER signature as unsigned bytes (first = false gives s).
        private static byte[] Tail(byte[] signature, bool first)
        {
            int rLength = signature[3];
            if (first) return signature.AsSpan(4, rLength).ToArray();
            return signature.AsSpan(4 + rLength + 2, signature[4 + rLength + 1]).ToArray();
        }

        // The same r and s with a redundant leading zero on r: BER, not DER.
        private static byte[] NonCanonical(byte[] signature)
        {
            int rLength = signature[3];
            byte[] result = new byte[signature.Length + 1];
            result[0] = 0x30;
            result[1] = (byte)(signature[1] + 1);
            result[2] = 0x02;
            result[3] = (byte)(rLength + 1);
            result[4] = 0x00;
            Array.Copy(signature, 4, result, 5, signature.Length - 4);
            return result;
        }
    }
}
