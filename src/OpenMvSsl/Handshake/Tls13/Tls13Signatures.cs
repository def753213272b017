using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake.Tls13
{
    /// <summary>TLS 1.3 CertificateVerify (RFC 8446 4.4.3): what is signed, and which schemes may sign it.</summary>
    internal static class Tls13Signatures
    {
        private const string ServerContext = "TLS 1.3, server CertificateVerify";
        private const string ClientContext = "TLS 1.3, client CertificateVerify";

        /// <summary>64 spaces, the context string, a zero byte, then the transcript hash.</summary>
        internal static byte[] SignedContent(bool server, byte[] transcriptHash)
        {
            string context = server ? ServerContext : ClientContext;
            var content = new byte[64 + context.Length + 1 + transcriptHash.Length];
            for (int i = 0; i < 64; i++) content[i] = 0x20;
            for (int i = 0; i < context.Length; i++) content[64 + i] = (byte)context[i];
            Array.Copy(transcriptHash, 0, content, 64 + context.Length + 1, transcriptHash.Length);
            return content;
        }

        /// <summary>RSASSA-PKCS1-v1_5 may not sign TLS 1.3 handshakes (RFC 8446 4.2.3).</summary>
        internal static bool AllowedForHandshake(SignatureScheme scheme)
        {
            return scheme == SignatureScheme.EcdsaSecp256r1Sha256 || scheme == SignatureScheme.RsaPssRsaeSha256 || scheme == SignatureScheme.RsaPssRsaeSha384;
        }

        /// <summary>The scheme our key signs with among those the peer accepts, or throws handshake_failure.</summary>
        internal static SignatureScheme Choose(IPrivateKey key, SignatureScheme[] peerAccepts)
        {
            SignatureScheme[] preference = key.KeyType == KeyType.EcP256
                ? new SignatureScheme[] { SignatureScheme.EcdsaSecp256r1Sha256 }
                : new SignatureScheme[] { SignatureScheme.RsaPssRsaeSha256, SignatureScheme.RsaPssRsaeSha384 };
            if (peerAccepts != null)
            {
                for (int i = 0; i < preference.Length; i++)
                    for (int j = 0; j < peerAccepts.Length; j++)
                        if (peerAccepts[j] == preference[i]) return preference[i];
            }
            throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                "the peer accepts no TLS 1.3 signature scheme that fits our " + (key.KeyType == KeyType.EcP256 ? "ECDSA P-256" : "RSA") + " key");
        }
    }
}
