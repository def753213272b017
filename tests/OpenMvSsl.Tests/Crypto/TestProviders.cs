using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.Tests.Native;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>
    /// The two ICryptoProvider implementations every conformance class in this folder runs against.
    /// Each test class is abstract over <c>Provider</c>; its <c>_DotNet</c> and <c>_MbedTls</c>
    /// subclasses (at the end of the same file) pick one of these.
    /// </summary>
    internal static class TestProviders
    {
        public static readonly DotNetCryptoProvider DotNet = new DotNetCryptoProvider();

        // Built on first use when the C library is missing (see Native/NativeProvider.cs).
        public static ICryptoProvider MbedTls => NativeProvider.Instance;

        public static bool IsDotNet(ICryptoProvider provider)
        {
            return provider is DotNetCryptoProvider;
        }
    }
}
