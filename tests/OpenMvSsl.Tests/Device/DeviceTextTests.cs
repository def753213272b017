using System;
using OpenMvSsl.Crypto.Omv;
using System.Net;
using System.Text;
using OpenMvSsl.Device;
using Xunit;

namespace OpenMvSsl.Tests.Device
{
    /// <summary>The device provider's own replacements for what nanoFramework's mscorlib lacks (IPAddress, Encoding).</summary>
    public class DeviceTextTests
    {
        [Theory]
        [InlineData("127.0.0.1")]
        [InlineData("10.1.255.0")]
        [InlineData("::1")]
        [InlineData("::")]
        [InlineData("2001:db8::8:800:200c:417a")]
        [InlineData("fe80:0:0:0:202:b3ff:fe1e:8329")]
        [InlineData("2001:DB8:0:0:8:800::")]
        public void ParsesIpLiteralsLikeDotNet(string text)
        {
            Assert.Equal(IPAddress.Parse(text).GetAddressBytes(), IpLiteral.Parse(text));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("127.1")]
        [InlineData("256.0.0.1")]
        [InlineData("1.2.3.4.5")]
        [InlineData("1..2.3")]
        [InlineData("example.com")]
        [InlineData("1:2:3:4:5:6:7:8:9")]
        [InlineData("1::2::3")]
        [InlineData("12345::")]
        [InlineData("g::1")]
        [InlineData("1:2:3:4:5:6:7")]
        public void RejectsWhatIsNotAStrictLiteral(string text)
        {
            Assert.Null(IpLiteral.Parse(text!));
        }

        [Theory]
        [InlineData("CN=plain ascii")]
        [InlineData("O=Müller GmbH, L=Zürich")]
        [InlineData("CN=日本語")]
        public void DecodesUtf8(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(text, Utf8Text.Decode(bytes, 0, bytes.Length));
        }

        [Fact]
        public void ReplacesMalformedAndFourByteSequences()
        {
            byte[] bytes = { (byte)'a', 0xC3, (byte)'b', 0xF0, 0x9F, 0x98, 0x80, (byte)'c' };
            Assert.Equal("a?b?c", Utf8Text.Decode(bytes, 0, bytes.Length));
        }

        [Theory]
        [InlineData("127.0.0.1")]
        [InlineData("::")]
        [InlineData("::1")]
        [InlineData("1::")]
        [InlineData("2001:db8::8:800:200c:417a")]
        [InlineData("2001:db8:0:1:1:1:1:1")]
        [InlineData("2001:0:0:1:0:0:0:1")]
        [InlineData("2001:db8:0:0:1:0:0:1")]
        [InlineData("fe80:0:0:0:202:b3ff:fe1e:8329")]
        [InlineData("::ffff:192.0.2.1")]
        [InlineData("::192.0.2.1")]
        [InlineData("::0.0.0.1")]
        [InlineData("::ffff:0:192.0.2.1")]
        [InlineData("fe80::5efe:10.0.0.1")]
        [InlineData("0:0:0:0:0:ffff:0:1")]
        public void FormatsAddressesLikeDotNet(string text)
        {
            byte[] address = IPAddress.Parse(text).GetAddressBytes();
            Assert.Equal(new IPAddress(address).ToString(), IpLiteral.Format(address));
        }

        [Fact]
        public void FormatsRandomSparseIpv6AddressesLikeDotNet()
        {
            Random random = new Random(5952);
            for (int n = 0; n < 5000; n++)
            {
                byte[] address = new byte[16];
                for (int group = 0; group < 8; group++)
                {
                    // Mostly zero groups, so that runs of every length and position occur.
                    int value = random.Next(3) == 0 ? random.Next(0x10000) : 0;
                    if (random.Next(10) == 0) value = group == 5 ? 0xFFFF : 0x5EFE;
                    address[group * 2] = (byte)(value >> 8);
                    address[group * 2 + 1] = (byte)value;
                }
                Assert.Equal(new IPAddress(address).ToString(), IpLiteral.Format(address));
            }
        }

        [Fact]
        public void UnixTimesRoundTripAndFloor()
        {
            DateTime time = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc);
            long unix = OmvCertificateText.ToUnix(time);
            Assert.Equal(new DateTimeOffset(time).ToUnixTimeSeconds(), unix);
            Assert.Equal(time.Ticks, OmvCertificateText.FromUnix(unix).Ticks);
            Assert.Equal(DateTimeKind.Utc, OmvCertificateText.FromUnix(unix).Kind);
            Assert.Equal(-1, OmvCertificateText.ToUnix(new DateTime(1969, 12, 31, 23, 59, 59, 500, DateTimeKind.Utc)));
            Assert.Equal("2024-02-29 23:59:58", OmvCertificateText.Format(time));
        }
    }
}
