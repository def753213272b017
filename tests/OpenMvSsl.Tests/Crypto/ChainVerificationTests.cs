using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    public abstract class ChainVerificationTests
    {
        protected abstract ICryptoProvider Provider { get; }

        public static readonly TheoryData<bool> BothKeyTypes = new TheoryData<bool> { false, true };

        private static TestPki Pki(bool rsa)
        {
            return rsa ? TestPki.Rsa : TestPki.Ec;
        }

        // Detail is free text; only the .NET provider's wording (BCL status flags, OIDs, key sizes)
        // is pinned. Status, Subject, Issuer, names and dates are checked for every provider.
        private void AssertDotNetDetailContains(string expected, CertificateCheck check)
        {
            if (TestProviders.IsDotNet(Provider))
            {
                Assert.Contains(expected, check.Detail);
            }
        }

        private CertificateCheck Verify(byte[][] chain, byte[][] anchors, string hostname, DateTime now)
        {
            return Provider.VerifyCertificateChain(chain, anchors, hostname, now);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void A_good_chain_is_valid_and_described(bool rsa)
        {
            TestPki pki = Pki(rsa);
            CertificateCheck check = Verify(pki.Chain, pki.Anchors, "device.local", TestPki.Now);
            Assert.True(check.IsValid, check.Detail);
            Assert.Equal(CertificateStatus.Valid, check.Status);
            Assert.Equal(pki.Leaf.Subject, check.Subject);
            Assert.Contains("CN=device.local", check.Subject);
            Assert.Equal(pki.Intermediate.Subject, check.Issuer);
            Assert.Equal(TestPki.LeafNotBefore.UtcDateTime, check.NotBefore);
            Assert.Equal(TestPki.LeafNotAfter.UtcDateTime, check.NotAfter);
            Assert.Equal(DateTimeKind.Utc, check.NotAfter.Kind);
            Assert.Equal(TestPki.Now, check.CheckedAt);
            Assert.Equal("device.local", check.ExpectedHostname);
            Assert.Equal("device.local, *.example.test, 127.0.0.1", check.PresentedNames);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void Without_a_hostname_only_the_chain_is_checked(bool rsa)
        {
            TestPki pki = Pki(rsa);
            CertificateCheck check = Verify(pki.Chain, pki.Anchors, null, TestPki.Now);
            Assert.Equal(CertificateStatus.Valid, check.Status);
            Assert.Null(check.ExpectedHostname);
        }

        [Fact]
        public void The_root_sent_along_with_the_chain_changes_nothing()
        {
            TestPki pki = TestPki.Ec;
            byte[][] chain = { pki.Leaf.RawData, pki.Intermediate.RawData, pki.Root.RawData };
            Assert.Equal(CertificateStatus.Valid, Verify(chain, pki.Anchors, "device.local", TestPki.Now).Status);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void An_expired_leaf_is_Expired_with_its_dates(bool rsa)
        {
            TestPki pki = Pki(rsa);
            DateTime now = TestPki.LeafNotAfter.UtcDateTime.AddSeconds(1);
            CertificateCheck check = Verify(pki.Chain, pki.Anchors, "device.local", now);
            Assert.Equal(CertificateStatus.Expired, check.Status);
            Assert.Equal(pki.Leaf.Subject, check.Subject);
            Assert.Equal(TestPki.LeafNotAfter.UtcDateTime, check.NotAfter);
            Assert.Equal(now, check.CheckedAt);
            Assert.Contains("2026-01-01 00:00:00", check.Detail);

            // One second earlier it is still valid: the comparison is exact, in UTC.
            Assert.Equal(CertificateStatus.Valid,
                Verify(pki.Chain, pki.Anchors, "device.local", TestPki.LeafNotAfter.UtcDateTime.AddSeconds(-1)).Status);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void A_leaf_not_yet_valid_is_NotYetValid(bool rsa)
        {
            TestPki pki = Pki(rsa);
            DateTime now = TestPki.LeafNotBefore.UtcDateTime.AddSeconds(-1);
            CertificateCheck check = Verify(pki.Chain, pki.Anchors, "device.local", now);
            Assert.Equal(CertificateStatus.NotYetValid, check.Status);
            Assert.Equal(TestPki.LeafNotBefore.UtcDateTime, check.NotBefore);
            Assert.Equal(now, check.CheckedAt);
            Assert.Equal(CertificateStatus.Valid,
                Verify(pki.Chain, pki.Anchors, "device.local", TestPki.LeafNotBefore.UtcDateTime.AddSeconds(1)).Status);
        }

        [Fact]
        public void A_clock_of_unspecified_or_local_kind_is_handled_as_the_same_instant()
        {
            TestPki pki = TestPki.Ec;
            DateTime justExpired = TestPki.LeafNotAfter.UtcDateTime.AddSeconds(1);
            CertificateCheck unspecified = Verify(pki.Chain, pki.Anchors, null, DateTime.SpecifyKind(justExpired, DateTimeKind.Unspecified));
            Assert.Equal(CertificateStatus.Expired, unspecified.Status);
            CertificateCheck local = Verify(pki.Chain, pki.Anchors, null, justExpired.ToLocalTime());
            Assert.Equal(CertificateStatus.Expired, local.Status);
            Assert.Equal(justExpired, local.CheckedAt);
            Assert.Equal(DateTimeKind.Utc, local.CheckedAt.Kind);
        }

        // The intermediate expires while the leaf is still valid.
        [Fact]
        public void An_expired_intermediate_is_reported_with_its_own_name_and_dates()
        {
            TestPki pki = TestPki.Ec;
            DateTimeOffset intermediateEnd = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
            X509Certificate2 intermediate = TestPki.Issue("CN=Short Intermediate", pki.IntermediateKey, pki.Root,
                pki.RootKey, true, TestPki.CaNotBefore, intermediateEnd, false);
            X509Certificate2 leaf = TestPki.Issue("CN=device.local", pki.LeafKey, intermediate, pki.IntermediateKey,
                false, TestPki.LeafNotBefore, TestPki.LeafNotAfter, true);

            CertificateCheck check = Verify(new[] { leaf.RawData, intermediate.RawData }, pki.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Expired, check.Status);
            Assert.Equal("CN=Short Intermediate", check.Subject);
            Assert.Equal(intermediateEnd.UtcDateTime, check.NotAfter);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void A_wrong_hostname_is_HostnameMismatch_naming_both_sides(bool rsa)
        {
            TestPki pki = Pki(rsa);
            CertificateCheck check = Verify(pki.Chain, pki.Anchors, "printer.local", TestPki.Now);
            Assert.Equal(CertificateStatus.HostnameMismatch, check.Status);
            Assert.Equal("printer.local", check.ExpectedHostname);
            Assert.Equal("device.local, *.example.test, 127.0.0.1", check.PresentedNames);
            Assert.Contains("printer.local", check.Detail);
            Assert.Equal(pki.Leaf.Subject, check.Subject);
        }

        [Theory]
        [InlineData("device.local", true)]
        [InlineData("DEVICE.Local", true)]
        [InlineData("device.local.", true)]
        [InlineData("a.example.test", true)]
        [InlineData("A.EXAMPLE.TEST", true)]
        [InlineData("a.b.example.test", false)]
        [InlineData("example.test", false)]
        [InlineData(".example.test", false)]
        [InlineData("*.example.test", false)]
        [InlineData("xdevice.local", false)]
        [InlineData("127.0.0.1", true)]
        [InlineData("127.0.0.2", false)]
        [InlineData("127.1", false)]
        [InlineData("::ffff:127.0.0.1", false)]
        [InlineData("", false)]
        public void Hostname_rules_on_the_test_leaf(string hostname, bool matches)
        {
            TestPki pki = TestPki.Ec;
            CertificateCheck check = Verify(pki.Chain, pki.Anchors, hostname, TestPki.Now);
            Assert.Equal(matches ? CertificateStatus.Valid : CertificateStatus.HostnameMismatch, check.Status);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void A_chain_to_another_root_is_Untrusted_naming_the_missing_issuer(bool rsa)
        {
            TestPki pki = Pki(rsa);
            TestPki other = Pki(!rsa);
            CertificateCheck check = Verify(pki.Chain, other.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Untrusted, check.Status);
            Assert.Equal(pki.Root.Subject, check.Issuer);
            Assert.Equal(pki.Intermediate.Subject, check.Subject);
            Assert.Equal("device.local, *.example.test, 127.0.0.1", check.PresentedNames);
            Assert.Contains(pki.Root.Subject, check.Detail);
        }

        [Fact]
        public void A_root_sent_by_the_peer_but_not_trusted_is_Untrusted()
        {
            TestPki pki = TestPki.Ec;
            byte[][] chain = { pki.Leaf.RawData, pki.Intermediate.RawData, pki.Root.RawData };
            CertificateCheck check = Verify(chain, TestPki.Rsa.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Untrusted, check.Status);
            Assert.Equal(pki.Root.Subject, check.Issuer);
        }

        [Fact]
        public void No_trust_anchors_at_all_is_Untrusted()
        {
            TestPki pki = TestPki.Ec;
            Assert.Equal(CertificateStatus.Untrusted, Verify(pki.Chain, new byte[0][], "device.local", TestPki.Now).Status);
            Assert.Equal(CertificateStatus.Untrusted, Verify(pki.Chain, null, "device.local", TestPki.Now).Status);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void A_missing_intermediate_is_Untrusted_naming_it(bool rsa)
        {
            TestPki pki = Pki(rsa);
            CertificateCheck check = Verify(new[] { pki.Leaf.RawData }, pki.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Untrusted, check.Status);
            Assert.Equal(pki.Intermediate.Subject, check.Issuer);
            Assert.Equal(pki.Leaf.Subject, check.Subject);
        }

        // Untrusted outranks Expired: an expired chain to an unknown root is reported as untrusted.
        [Fact]
        public void Untrusted_wins_over_expired()
        {
            TestPki pki = TestPki.Ec;
            DateTime now = TestPki.LeafNotAfter.UtcDateTime.AddDays(10);
            Assert.Equal(CertificateStatus.Untrusted, Verify(pki.Chain, TestPki.Rsa.Anchors, "device.local", now).Status);
        }

        [Theory]
        [MemberData(nameof(BothKeyTypes))]
        public void A_tampered_leaf_signature_is_BadSignature(bool rsa)
        {
            TestPki pki = Pki(rsa);
            byte[] leaf = (byte[])pki.Leaf.RawData.Clone();
            leaf[leaf.Length - 1] ^= 0x01; // the last byte of the signature value
            CertificateCheck check = Verify(new[] { leaf, pki.Intermediate.RawData }, pki.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.BadSignature, check.Status);
            Assert.Equal(pki.Leaf.Subject, check.Subject);
        }

        [Fact]
        public void A_tampered_intermediate_signature_is_BadSignature_naming_it()
        {
            TestPki pki = TestPki.Ec;
            byte[] intermediate = (byte[])pki.Intermediate.RawData.Clone();
            intermediate[intermediate.Length - 1] ^= 0x01;
            CertificateCheck check = Verify(new[] { pki.Leaf.RawData, intermediate }, pki.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.BadSignature, check.Status);
            Assert.Equal(pki.Intermediate.Subject, check.Subject);
        }

        // BadSignature outranks Expired.
        [Fact]
        public void BadSignature_wins_over_expired()
        {
            TestPki pki = TestPki.Ec;
            byte[] leaf = (byte[])pki.Leaf.RawData.Clone();
            leaf[leaf.Length - 1] ^= 0x01;
            DateTime now = TestPki.LeafNotAfter.UtcDateTime.AddDays(1);
            Assert.Equal(CertificateStatus.BadSignature,
                Verify(new[] { leaf, pki.Intermediate.RawData }, pki.Anchors, "device.local", now).Status);
        }

        [Fact]
        public void A_P384_leaf_is_UnsupportedKey()
        {
            TestPki pki = TestPki.Ec;
            using (ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384))
            {
                X509Certificate2 leaf = TestPki.Issue("CN=p384.device", p384, pki.Intermediate, pki.IntermediateKey,
                    false, TestPki.LeafNotBefore, TestPki.LeafNotAfter, true);
                CertificateCheck check = Verify(new[] { leaf.RawData, pki.Intermediate.RawData }, pki.Anchors,
                    "device.local", TestPki.Now);
                Assert.Equal(CertificateStatus.UnsupportedKey, check.Status);
                Assert.Equal("CN=p384.device", check.Subject);
                AssertDotNetDetailContains("1.3.132.0.34", check);
            }
        }

        [Fact]
        public void A_small_RSA_leaf_is_UnsupportedKey_even_when_untrusted()
        {
            TestPki pki = TestPki.Rsa;
            using (RSA rsa1024 = RSA.Create(1024))
            {
                X509Certificate2 leaf = TestPki.Issue("CN=weak.device", rsa1024, pki.Intermediate, pki.IntermediateKey,
                    false, TestPki.LeafNotBefore, TestPki.LeafNotAfter, true);
                CertificateCheck check = Verify(new[] { leaf.RawData }, TestPki.Ec.Anchors, "device.local", TestPki.Now);
                Assert.Equal(CertificateStatus.UnsupportedKey, check.Status);
                AssertDotNetDetailContains("1024", check);
            }
        }

        [Fact]
        public void Unparseable_DER_is_Malformed()
        {
            TestPki pki = TestPki.Ec;
            byte[] leaf = pki.Leaf.RawData;
            byte[] truncated = leaf.AsSpan(0, leaf.Length / 2).ToArray();

            CertificateCheck check = Verify(new[] { truncated, pki.Intermediate.RawData }, pki.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Malformed, check.Status);
            Assert.Equal(TestPki.Now, check.CheckedAt);
            Assert.Equal("device.local", check.ExpectedHostname);

            Assert.Equal(CertificateStatus.Malformed,
                Verify(new[] { leaf, TestBytes.Counting(300, 0x30) }, pki.Anchors, "device.local", TestPki.Now).Status);
            Assert.Equal(CertificateStatus.Malformed,
                Verify(new[] { new byte[0] }, pki.Anchors, "device.local", TestPki.Now).Status);
            // The BCL loader would accept these two; a peer's certificate must be exactly one DER value.
            Assert.Equal(CertificateStatus.Malformed,
                Verify(new[] { TestBytes.Concat(leaf, new byte[] { 0 }), pki.Intermediate.RawData }, pki.Anchors, "device.local", TestPki.Now).Status);
            Assert.Equal(CertificateStatus.Malformed,
                Verify(new[] { System.Text.Encoding.ASCII.GetBytes(pki.Leaf.ExportCertificatePem()) }, pki.Anchors, "device.local", TestPki.Now).Status);
            Assert.Equal(CertificateStatus.Malformed,
                Verify(new byte[][] { null }, pki.Anchors, "device.local", TestPki.Now).Status);
            Assert.Equal(CertificateStatus.Malformed, Verify(new byte[0][], pki.Anchors, "device.local", TestPki.Now).Status);
            Assert.Equal(CertificateStatus.Malformed, Verify(null, pki.Anchors, "device.local", TestPki.Now).Status);

            CertificateCheck badAnchor = Verify(pki.Chain, new[] { pki.Root.RawData, new byte[] { 0x30, 0x03, 0x02, 0x01 } },
                "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Malformed, badAnchor.Status);
            Assert.Contains("anchor", badAnchor.Detail);
        }

        [Fact]
        public void A_pinned_self_signed_leaf_is_Valid_and_still_time_and_name_checked()
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                SubjectAlternativeNameBuilder names = new SubjectAlternativeNameBuilder();
                names.AddDnsName("camera.local");
                names.AddIpAddress(IPAddress.Parse("192.168.1.20"));
                X509Certificate2 pinned = TestPki.SelfSigned("CN=camera.local", key, TestPki.LeafNotBefore,
                    TestPki.LeafNotAfter, names.Build());
                byte[][] chain = { pinned.RawData };
                byte[][] anchors = { TestPki.Ec.Root.RawData, pinned.RawData };

                CertificateCheck check = Verify(chain, anchors, "192.168.1.20", TestPki.Now);
                Assert.Equal(CertificateStatus.Valid, check.Status);
                Assert.Equal("camera.local, 192.168.1.20", check.PresentedNames);

                Assert.Equal(CertificateStatus.Expired,
                    Verify(chain, anchors, "camera.local", TestPki.LeafNotAfter.UtcDateTime.AddDays(1)).Status);
                Assert.Equal(CertificateStatus.HostnameMismatch, Verify(chain, anchors, "camera2.local", TestPki.Now).Status);
                Assert.Equal(CertificateStatus.Untrusted, Verify(chain, TestPki.Ec.Anchors, "camera.local", TestPki.Now).Status);
            }
        }

        // Pinning the exact leaf bytes trusts it even though its issuer is unknown.
        [Fact]
        public void A_pinned_CA_issued_leaf_is_Valid_without_its_issuer()
        {
            TestPki pki = TestPki.Rsa;
            CertificateCheck check = Verify(new[] { pki.Leaf.RawData }, new[] { pki.Leaf.RawData }, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Valid, check.Status);
        }

        [Fact]
        public void Without_any_SAN_the_common_name_is_used()
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                X509Certificate2 byName = TestPki.SelfSigned("CN=legacy.local, O=Old", key, TestPki.LeafNotBefore,
                    TestPki.LeafNotAfter, null);
                byte[][] chain = { byName.RawData };
                CertificateCheck check = Verify(chain, chain, "legacy.local", TestPki.Now);
                Assert.Equal(CertificateStatus.Valid, check.Status);
                Assert.Equal("legacy.local", check.PresentedNames);
                Assert.Equal(CertificateStatus.HostnameMismatch, Verify(chain, chain, "other.local", TestPki.Now).Status);
            }
        }

        [Fact]
        public void With_a_SAN_the_common_name_is_ignored()
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                SubjectAlternativeNameBuilder names = new SubjectAlternativeNameBuilder();
                names.AddDnsName("san.local");
                X509Certificate2 certificate = TestPki.SelfSigned("CN=cn.local", key, TestPki.LeafNotBefore,
                    TestPki.LeafNotAfter, names.Build());
                byte[][] chain = { certificate.RawData };
                Assert.Equal(CertificateStatus.Valid, Verify(chain, chain, "san.local", TestPki.Now).Status);
                CertificateCheck check = Verify(chain, chain, "cn.local", TestPki.Now);
                Assert.Equal(CertificateStatus.HostnameMismatch, check.Status);
                Assert.Equal("san.local", check.PresentedNames);
            }
        }

        // A flag the status list has no name for (here InvalidBasicConstraints: the issuer is
        // not a CA) must never pass as valid; it is reported as Untrusted (the .NET provider also names the flag).
        [Fact]
        public void A_chain_through_a_non_CA_issuer_is_not_valid()
        {
            TestPki pki = TestPki.Ec;
            X509Certificate2 notACa = TestPki.Issue("CN=Not A CA", pki.IntermediateKey, pki.Root, pki.RootKey, false,
                TestPki.CaNotBefore, TestPki.CaNotAfter, false);
            X509Certificate2 leaf = TestPki.Issue("CN=device.local", pki.LeafKey, notACa, pki.IntermediateKey, false,
                TestPki.LeafNotBefore, TestPki.LeafNotAfter, true);
            CertificateCheck check = Verify(new[] { leaf.RawData, notACa.RawData }, pki.Anchors, "device.local", TestPki.Now);
            Assert.Equal(CertificateStatus.Untrusted, check.Status);
            AssertDotNetDetailContains("InvalidBasicConstraints", check);
        }

        [Fact]
        public void Repeated_verifications_carry_nothing_over()
        {
            // A provider that caches chains or keeps verifier state must still answer each call on its own.
            TestPki pki = TestPki.Ec;
            for (int i = 0; i < 50; i++)
            {
                Assert.True(Verify(pki.Chain, pki.Anchors, "device.local", TestPki.Now).IsValid);
                Assert.Equal(CertificateStatus.HostnameMismatch, Verify(pki.Chain, pki.Anchors, "other.local", TestPki.Now).Status);
            }
        }
    }

    public sealed class ChainVerificationTests_DotNet : ChainVerificationTests
    {
        protected override ICryptoProvider Provider => TestProviders.DotNet;
    }

    public sealed class ChainVerificationTests_MbedTls : ChainVerificationTests
    {
        protected override ICryptoProvider Provider => TestProviders.MbedTls;
    }
}
