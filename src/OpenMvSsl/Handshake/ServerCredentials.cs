using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;

namespace OpenMvSsl.Handshake
{
    /// <summary>A server's certificates: one, or an ECDSA and an RSA one at once; picks the one that fits.</summary>
    internal static class ServerCredentials
    {
        internal static bool Has(EngineSettings settings, KeyType type)
        {
            return Key(settings, type) != null;
        }

        /// <summary>The key of that type, or null.</summary>
        internal static IPrivateKey Key(EngineSettings settings, KeyType type)
        {
            if (settings.PrivateKey != null && settings.CertificateChain != null && settings.PrivateKey.KeyType == type) return settings.PrivateKey;
            if (settings.AlternatePrivateKey != null && settings.AlternateCertificateChain != null && settings.AlternatePrivateKey.KeyType == type) return settings.AlternatePrivateKey;
            return null;
        }

        /// <summary>The chain whose key is of that type.</summary>
        internal static byte[][] Chain(EngineSettings settings, KeyType type)
        {
            if (settings.PrivateKey != null && settings.PrivateKey.KeyType == type) return settings.CertificateChain;
            return settings.AlternateCertificateChain;
        }

        internal static bool Any(EngineSettings settings)
        {
            return Has(settings, KeyType.EcP256) || Has(settings, KeyType.Rsa);
        }

        /// <summary>TLS 1.3: the first of our keys (primary first) that can sign a scheme the client accepts.</summary>
        internal static IPrivateKey ChooseForTls13(EngineSettings settings, SignatureScheme[] clientAccepts, out SignatureScheme scheme)
        {
            IPrivateKey[] keys = { settings.PrivateKey, settings.AlternatePrivateKey };
            SslException last = null;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == null) continue;
                try
                {
                    scheme = Tls13.Tls13Signatures.Choose(keys[i], clientAccepts);
                    return keys[i];
                }
                catch (SslException e)
                {
                    last = e;
                }
            }
            throw last ?? new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure, "this server has no certificate");
        }
    }
}
