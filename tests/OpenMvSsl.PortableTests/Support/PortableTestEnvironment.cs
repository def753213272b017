using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// The crypto provider the portable tests run on, chosen by whoever runs them: the desktop
    /// xunit runner sets the .NET provider, then the mbedTLS P/Invoke provider; on a device the
    /// TestFramework project's setup sets the device provider (and its partial hook below covers
    /// test classes that run before that setup).
    /// </summary>
    public static partial class PortableTestEnvironment
    {
        private static ICryptoProvider crypto;

        public static ICryptoProvider Crypto
        {
            get
            {
                if (crypto == null) FindDeviceProvider(ref crypto);
                if (crypto == null)
                    throw new SslException(SslError.InvalidState, "no crypto provider for the portable tests: the runner must set PortableTestEnvironment.Crypto");
                return crypto;
            }
            set { crypto = value; }
        }

        // Implemented only by the device test project (tests/OpenMvSsl.DeviceTests); elsewhere
        // the call compiles away and the runner must set Crypto itself.
        static partial void FindDeviceProvider(ref ICryptoProvider provider);
    }
}
