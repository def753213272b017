using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl
{
    /// <summary>
    /// The crypto provider every new <see cref="SslContext"/> uses unless told otherwise.
    /// On desktop .NET it is found by itself: OpenMvSsl.Host.DotNetCryptoProvider when the
    /// OpenMvSsl.Host assembly is part of the application. On a device, set it once at start-up
    /// to the device provider: <c>CryptoProviders.Default = new OpenMvSsl.Device.DeviceCryptoProvider();</c> (docs/firmware.md).
    /// </summary>
    public static partial class CryptoProviders
    {
        private static readonly object Sync = new object();
        private static ICryptoProvider current;
        private static bool decided;

        /// <summary>The default provider, or null when none is set and none could be found.</summary>
        public static ICryptoProvider Default
        {
            get
            {
                lock (Sync)
                {
                    if (!decided)
                    {
                        ICryptoProvider found = null;
                        FindPlatformDefault(ref found);
                        current = found;
                        decided = true;
                    }
                    return current;
                }
            }
            set
            {
                lock (Sync)
                {
                    current = value;
                    decided = true;
                }
            }
        }

        /// <summary>
        /// Like <see cref="Default"/> but throws a clear <see cref="SslException"/> when there is none.
        /// </summary>
        internal static ICryptoProvider Require(ICryptoProvider provider)
        {
            if (provider != null) return provider;
            throw new SslException(SslError.InvalidState,
                "no crypto provider: set SslContext.Provider or CryptoProviders.Default (desktop: reference OpenMvSsl.Host; device: the device provider)");
        }

        // Desktop builds implement this in Desktop/CryptoProviders.Desktop.cs; on a device there
        // is no implementation and the call disappears, so the application sets Default itself.
        static partial void FindPlatformDefault(ref ICryptoProvider provider);
    }
}
