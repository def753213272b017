using System;
using System.Text.RegularExpressions;
using System.IO;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Device;
using Xunit;

namespace OpenMvSsl.Tests.Device
{
    /// <summary>On desktop .NET the firmware's native methods do not exist: the provider must say so clearly.</summary>
    public class DeviceCryptoProviderTests
    {
        [Fact]
        public void IsNotAvailableOnDesktop()
        {
            Assert.False(DeviceCryptoProvider.IsAvailable);
            Assert.False(DeviceCryptoProvider.IsAvailable); // cached, still no exception
        }

        [Fact]
        public void ConstructingWithoutFirmwareBindingsThrowsAClearSslException()
        {
            SslException e = Assert.Throws<SslException>(() => new DeviceCryptoProvider());
            Assert.Equal(SslError.UnsupportedAlgorithm, e.Error);
            Assert.Contains("no OpenMvSsl native crypto", e.Message);
            Assert.Contains("docs/firmware.md", e.Message);
        }

        [Fact]
        public void StatusTableFollowsTheCHeader()
        {
            // omvssl_crypto.h names the SslError of every omv_status in brackets: "OMV_ERR_X = -n, /* ... [Error] */".
            string header = File.ReadAllText(Path.Combine(OpenMvSsl.Native.NativeLibraryLocator.FindRepositoryRoot(),
                "firmware-bindings", "include", "omvssl_crypto.h"));
            MatchCollection codes = Regex.Matches(header, @"OMV_ERR_\w+\s*=\s*(-\d+),?\s*/\*[^\[]*\[(\w+)\]");
            Assert.Equal(12, codes.Count);
            foreach (Match code in codes)
            {
                int status = int.Parse(code.Groups[1].Value);
                Assert.Equal(Enum.Parse<SslError>(code.Groups[2].Value), OmvStatus.ToSslError(status));
                Assert.DoesNotContain("unknown", OmvStatus.Describe(status));
            }
            Assert.StartsWith("unknown", OmvStatus.Describe(-13));
        }

        [Fact]
        public void CheckMapsNegativeStatusesToSslExceptionWithAlerts()
        {
            Assert.Equal(7, OmvStatus.Check(7, "x"));
            SslException malformed = Assert.Throws<SslException>(() => OmvStatus.Check(OmvStatus.CertificateMalformed, "Reading"));
            Assert.Equal(SslError.CertificateMalformed, malformed.Error);
            Assert.Equal(AlertDescription.BadCertificate, malformed.Alert);
            Assert.Contains("omv_status -8", malformed.Message);
            SslException unsupported = Assert.Throws<SslException>(() => OmvStatus.Check(OmvStatus.UnsupportedKey, "Reading"));
            Assert.Equal(AlertDescription.UnsupportedCertificate, unsupported.Alert);
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => OmvStatus.Check(-99, "x")).Error);
        }
    }
}
