using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>What each TLS signature scheme means in BCL terms.</summary>
    internal static class SignatureSchemes
    {
        /// <summary>False for a scheme this provider does not know.</summary>
        public static bool TryDescribe(SignatureScheme scheme, out KeyType keyType, out HashAlgorithmName hash,
            out RSASignaturePadding padding)
        {
            keyType = KeyType.Rsa;
            hash = HashAlgorithmName.SHA256;
            padding = null;
            switch (scheme)
            {
                case SignatureScheme.EcdsaSecp256r1Sha256:
                    keyType = KeyType.EcP256;
                    return true;
                case SignatureScheme.RsaPkcs1Sha256:
                    padding = RSASignaturePadding.Pkcs1;
                    return true;
                case SignatureScheme.RsaPkcs1Sha384:
                    hash = HashAlgorithmName.SHA384;
                    padding = RSASignaturePadding.Pkcs1;
                    return true;
                // The BCL's PSS uses a salt as long as the hash, as RFC 8446 4.2.3 requires.
                case SignatureScheme.RsaPssRsaeSha256:
                    padding = RSASignaturePadding.Pss;
                    return true;
                case SignatureScheme.RsaPssRsaeSha384:
                    hash = HashAlgorithmName.SHA384;
                    padding = RSASignaturePadding.Pss;
                    return true;
                default:
                    return false;
            }
        }
    }
}
