using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Fuzz
{
    /// <summary>
    /// ECDH whose private scalar comes from the harness's seeded random source, so that a TLS 1.3
    /// handshake prefix sends the same key shares (and derives the same handshake keys) on every run.
    /// For fuzzing only: a key chosen from a predictable source is no key.
    /// </summary>
    public sealed class SeededKeyAgreement : IKeyAgreement
    {
        private readonly ECDiffieHellman ecdh;
        private readonly byte[] publicKey = new byte[65];

        public SeededKeyAgreement(Random random)
        {
            // A 32-byte scalar below the P-256 group order: clearing the top bit is enough (n > 2^255).
            byte[] scalar = new byte[32];
            random.NextBytes(scalar);
            scalar[0] &= 0x7F;
            scalar[31] |= 1;
            ecdh = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
            ECParameters parameters = ecdh.ExportParameters(false);
            publicKey[0] = 4;
            parameters.Q.X.CopyTo(publicKey, 1);
            parameters.Q.Y.CopyTo(publicKey, 33);
        }

        public NamedGroup Group => NamedGroup.Secp256r1;
        public int PublicKeyLength => publicKey.Length;
        public int SharedSecretLength => 32;

        public void GetPublicKey(SpanByte output) => publicKey.CopyTo(output);

        public bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output)
        {
            if (peerPublicKey.Length != 65 || peerPublicKey[0] != 4) return false;
            try
            {
                var peer = new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = peerPublicKey.Slice(1, 32).ToArray(), Y = peerPublicKey.Slice(33, 32).ToArray() },
                };
                using ECDiffieHellman peerKey = ECDiffieHellman.Create(peer);
                byte[] secret = ecdh.DeriveRawSecretAgreement(peerKey.PublicKey);
                secret.CopyTo(output);
                return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
        }

        public void Dispose() => ecdh.Dispose();
    }
}
