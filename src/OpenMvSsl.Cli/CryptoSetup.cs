using OpenMvSsl.Host;

namespace OpenMvSsl.Cli
{
    /// <summary>The one place the command line chooses its crypto provider.</summary>
    internal static class CryptoSetup
    {
        public static void UseDesktopProvider()
        {
            if (!(CryptoProviders.Default is DotNetCryptoProvider)) CryptoProviders.Default = new DotNetCryptoProvider();
        }
    }
}
