using System;
using nanoFramework.TestFramework;
using OpenMvSsl.Crypto;
using OpenMvSsl.Device;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Device side of the portable tests: the crypto provider is the firmware's (mbedTLS through
    /// the OpenMvSsl native interop). [Setup] runs before this class's tests; the partial hook
    /// below also covers test classes the launcher happens to run first.
    /// </summary>
    [TestClass]
    public class DeviceTestSetup
    {
        [Setup]
        public void UseTheDeviceCryptoProvider()
        {
            Assert.IsTrue(DeviceCryptoProvider.IsAvailable,
                "this firmware has no OpenMvSsl native interop; flash one built with firmware-bindings (docs/firmware.md)");
            PortableTestEnvironment.Crypto = new DeviceCryptoProvider();
            CryptoProviders.Default = PortableTestEnvironment.Crypto;
        }

        [TestMethod]
        public void DeviceProviderIsInUse()
        {
            Assert.AreEqual(new DeviceCryptoProvider().Name, PortableTestEnvironment.Crypto.Name);
        }
    }

    public static partial class PortableTestEnvironment
    {
        static partial void FindDeviceProvider(ref ICryptoProvider provider)
        {
            if (DeviceCryptoProvider.IsAvailable) provider = new DeviceCryptoProvider();
        }
    }
}
