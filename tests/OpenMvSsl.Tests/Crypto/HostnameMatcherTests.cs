using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>RFC 6125 name matching, on certificates made for each case.</summary>
    public class HostnameMatcherTests
    {
        private static PresentedIdentities Identities(string subject, string[] dnsNames, string[] ipAddresses)
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                X509Extension subjectAltName = null;
                if (dnsNames != null || ipAddresses != null)
                {
                    SubjectAlternativeNameBuilder builder = new SubjectAlternativeNameBuilder();
                    foreach (string name in dnsNames ?? new string[0]) builder.AddDnsName(name);
                    foreach (string address in ipAddresses ?? new string[0]) builder.AddIpAddress(IPAddress.Parse(address));
                    subjectAltName = builder.Build();
                }
                using (X509Certificate2 certificate = TestPki.SelfSigned(subject, key, TestPki.LeafNotBefore,
                    TestPki.LeafNotAfter, subjectAltName))
                {
                    return PresentedIdentities.Read(certificate);
                }
            }
        }

        [Theory]
        [InlineData("*.example.test", "a.example.test", true)]
        [InlineData("*.example.test", "xn--bcher-kva.example.test", true)]
        [InlineData("*.example.test", "a.b.example.test", false)]
        [InlineData("*.example.test", "example.test", false)]
        [InlineData("*.test", "a.test", false)]
        [InlineData("a*.example.test", "ab.example.test", false)]
        [InlineData("*a.example.test", "ba.example.test", false)]
        [InlineData("a.*.example.test", "a.b.example.test", false)]
        [InlineData("**.example.test", "a.example.test", false)]
        [InlineData("*.*.test", "a.b.test", false)]
        [InlineData("device.local.", "device.local", true)]
        [InlineData("Device.LOCAL", "device.local", true)]
        [InlineData("device.local", "device.localx", false)]
        [InlineData("device.local", "device..local", false)]
        public void Dns_names_and_wildcards(string presented, string hostname, bool expected)
        {
            Assert.Equal(expected, HostnameMatcher.Matches(hostname, Identities("CN=x", new[] { presented }, null)));
        }

        [Fact]
        public void Ip_addresses_compare_with_iPAddress_entries_only()
        {
            PresentedIdentities identities = Identities("CN=10.0.0.1", new[] { "10.0.0.2", "*.example.test" },
                new[] { "192.168.1.20", "fe80::1" });
            Assert.True(HostnameMatcher.Matches("192.168.1.20", identities));
            Assert.True(HostnameMatcher.Matches("fe80::1", identities));
            Assert.True(HostnameMatcher.Matches("FE80:0:0:0:0:0:0:1", identities));
            Assert.True(HostnameMatcher.Matches("[fe80::1]", identities));
            // A dNSName that looks like an address, and the CN, do not count for addresses.
            Assert.False(HostnameMatcher.Matches("10.0.0.2", identities));
            Assert.False(HostnameMatcher.Matches("10.0.0.1", identities));
            Assert.False(HostnameMatcher.Matches("192.168.1.21", identities));
        }

        [Fact]
        public void A_wildcard_never_matches_an_address()
        {
            PresentedIdentities identities = Identities("CN=x", new[] { "*.0.0.1", "*.168.1.20" }, null);
            Assert.False(HostnameMatcher.Matches("127.0.0.1", identities));
            Assert.False(HostnameMatcher.Matches("192.168.1.20", identities));
        }

        [Fact]
        public void The_common_name_counts_only_without_any_SAN()
        {
            PresentedIdentities noSan = Identities("CN=legacy.local, O=Old", null, null);
            Assert.False(noSan.HasSubjectAltName);
            Assert.True(HostnameMatcher.Matches("legacy.local", noSan));
            Assert.Equal("legacy.local", noSan.Describe());

            PresentedIdentities addressCn = Identities("CN=192.168.4.1", null, null);
            Assert.True(HostnameMatcher.Matches("192.168.4.1", addressCn));
            Assert.False(HostnameMatcher.Matches("192.168.4.2", addressCn));

            // Two CNs: the most specific one (written first, encoded last) is the name.
            PresentedIdentities twoNames = Identities("CN=specific.local, CN=general.local, O=Org", null, null);
            Assert.Equal("specific.local", twoNames.CommonName);
            Assert.False(HostnameMatcher.Matches("general.local", twoNames));

            PresentedIdentities withSan = Identities("CN=legacy.local", new[] { "new.local" }, null);
            Assert.False(HostnameMatcher.Matches("legacy.local", withSan));
            Assert.True(HostnameMatcher.Matches("new.local", withSan));
        }

        [Theory]
        [InlineData("127.0.0.1", true)]
        [InlineData("255.255.255.255", true)]
        [InlineData("256.0.0.1", false)]
        [InlineData("127.1", false)]
        [InlineData("10", false)]
        [InlineData("1.2.3.4.5", false)]
        [InlineData("1.2.3.a", false)]
        [InlineData("::1", true)]
        [InlineData("device.local", false)]
        [InlineData("not:an:address", false)]
        public void Only_real_addresses_are_treated_as_addresses(string text, bool isAddress)
        {
            Assert.Equal(isAddress, HostnameMatcher.ParseIpAddress(text) != null);
        }
    }
}
