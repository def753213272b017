using System;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Extensions;

namespace OpenMvSsl.Handshake
{
    /// <summary>ALPN (RFC 7301): what a client offers, what a server picks, what a client accepts back.</summary>
    internal static class AlpnPolicy
    {
        internal static bool Offers(EngineSettings settings)
        {
            return settings.AlpnProtocols != null && settings.AlpnProtocols.Length > 0;
        }

        /// <summary>Server: the first of our protocols the client offers; null when ALPN is not in play.</summary>
        internal static string Choose(EngineSettings settings, byte[] clientExtension)
        {
            if (clientExtension == null || !Offers(settings)) return null;
            AlpnExtension offered = AlpnExtension.ParseClient(clientExtension);
            for (int i = 0; i < settings.AlpnProtocols.Length; i++)
                for (int j = 0; j < offered.Protocols.Length; j++)
                    if (offered.NameAt(j) == settings.AlpnProtocols[i]) return settings.AlpnProtocols[i];
            throw new SslException(SslError.HandshakeFailure, AlertDescription.NoApplicationProtocol,
                "the client's ALPN protocols and ours (" + Join(settings.AlpnProtocols) + ") have nothing in common");
        }

        /// <summary>Client: the protocol the server selected, which must be one we offered.</summary>
        internal static string Accept(EngineSettings settings, byte[] serverExtension)
        {
            if (serverExtension == null) return null;
            if (!Offers(settings))
                throw new SslException(SslError.HandshakeFailure, AlertDescription.UnsupportedExtension, "server sent ALPN, which was not offered");
            string chosen = AlpnExtension.ParseServer(serverExtension).NameAt(0);
            for (int i = 0; i < settings.AlpnProtocols.Length; i++)
                if (settings.AlpnProtocols[i] == chosen) return chosen;
            throw new SslException(SslError.IllegalParameter, AlertDescription.IllegalParameter, "server selected ALPN protocol '" + chosen + "', which was not offered");
        }

        private static string Join(string[] names)
        {
            string text = "";
            for (int i = 0; i < names.Length; i++) text += (i == 0 ? "" : ", ") + names[i];
            return text;
        }
    }
}
