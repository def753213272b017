using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl
{
    public static partial class CryptoProviders
    {
        // The core cannot reference OpenMvSsl.Host (Host references the core), so the desktop
        // default is looked up by name: any application that references OpenMvSsl.Host gets it.
        private const string DesktopProviderType = "OpenMvSsl.Host.DotNetCryptoProvider, OpenMvSsl.Host";

        static partial void FindPlatformDefault(ref ICryptoProvider provider)
        {
            Type type;
            try
            {
                type = Type.GetType(DesktopProviderType, false);
            }
            catch (System.IO.IOException)
            {
                return;
            }
            catch (BadImageFormatException)
            {
                return;
            }
            if (type == null) return;
            provider = Activator.CreateInstance(type) as ICryptoProvider;
        }
    }
}
