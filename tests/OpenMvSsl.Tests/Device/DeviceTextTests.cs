using System;
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
        public void RejectsWhatIsNotAStrictLiteral(string? text)
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

        [Fact]
        public void UnixTimesRoundTripAndFloor()
        {
            DateTime time = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc);
            long unix = DeviceCertificateText.ToUnix(time);
            Assert.Equal(new DateTimeOffset(time).ToUnixTimeSeconds(), unix);
            Assert.Equal(time.Ticks, DeviceCertificateText.FromUnix(unix).Ticks);
            Assert.Equal(-1, DeviceCertificateText.ToUnix(new DateTime(1969, 12, 31, 23, 59, 59, 500, DateTimeKind.Utc)));
            Assert.Equal("2024-02-29 23:59:58", DeviceCertificateText.Format(time));
        }
    }
}
