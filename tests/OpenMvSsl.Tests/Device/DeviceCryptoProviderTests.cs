using System;
using System.Reflection;
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
        public void StatusTableEqualsTheDesktopNativeProvidersTable()
        {
            // src/OpenMvSsl.Native/NativeStatus.cs is internal there; read it by reflection.
            Type native = typeof(OpenMvSsl.Native.MbedTlsCryptoProvider).Assembly.GetType("OpenMvSsl.Native.NativeStatus", true)!;
            MethodInfo toError = native.GetMethod("ToSslError", BindingFlags.Public | BindingFlags.Static)!;
            MethodInfo describe = native.GetMethod("Describe", BindingFlags.Public | BindingFlags.Static)!;
            for (int status = -14; status <= -1; status++)
            {
                Assert.Equal((SslError)toError.Invoke(null, new object[] { status })!, DeviceStatus.ToSslError(status));
                Assert.Equal((string)describe.Invoke(null, new object[] { status })!, DeviceStatus.Describe(status));
            }
            Assert.Equal(SslError.BadRecordMac, DeviceStatus.ToSslError(DeviceStatus.AuthenticationFailed));
        }

        [Fact]
        public void CheckMapsNegativeStatusesToSslExceptionWithAlerts()
        {
            Assert.Equal(7, DeviceStatus.Check(7, "x"));
            SslException malformed = Assert.Throws<SslException>(() => DeviceStatus.Check(DeviceStatus.CertificateMalformed, "Reading"));
            Assert.Equal(SslError.CertificateMalformed, malformed.Error);
            Assert.Equal(AlertDescription.BadCertificate, malformed.Alert);
            Assert.Contains("omv_status -8", malformed.Message);
            SslException unsupported = Assert.Throws<SslException>(() => DeviceStatus.Check(DeviceStatus.UnsupportedKey, "Reading"));
            Assert.Equal(AlertDescription.UnsupportedCertificate, unsupported.Alert);
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => DeviceStatus.Check(-99, "x")).Error);
        }
    }
}
