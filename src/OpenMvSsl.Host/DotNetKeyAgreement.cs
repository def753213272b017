using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Ephemeral ECDH on secp256r1. The public key is the uncompressed point 0x04 || X || Y
    /// (RFC 8446 4.2.8.2); the shared secret is the 32-byte X coordinate of the product.
    /// </summary>
    public sealed class DotNetKeyAgreement : IKeyAgreement
    {
        private const int CoordinateLength = 32;
        private const int EncodedPointLength = 1 + 2 * CoordinateLength;
        private const byte UncompressedPointPrefix = 0x04;

        private ECDiffieHellman _ecdh;
        private readonly byte[] _publicKey = new byte[EncodedPointLength];

        public DotNetKeyAgreement()
        {
            _ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            ECParameters parameters = _ecdh.ExportParameters(false);
            _publicKey[0] = UncompressedPointPrefix;
            CopyCoordinate(parameters.Q.X, _publicKey, 1);
            CopyCoordinate(parameters.Q.Y, _publicKey, 1 + CoordinateLength);
        }

        public NamedGroup Group { get { return NamedGroup.Secp256r1; } }

        public int PublicKeyLength { get { return EncodedPointLength; } }

        public int SharedSecretLength { get { return CoordinateLength; } }

        public void GetPublicKey(SpanByte output)
        {
            Live();
            if (output.Length < EncodedPointLength)
            {
                throw new SslException(SslError.BufferTooSmall, "A secp256r1 public key needs 65 bytes.");
            }
            _publicKey.CopyTo(output);
        }

        public bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output)
        {
            ECDiffieHellman ecdh = Live();
            if (output.Length < CoordinateLength)
            {
                throw new SslException(SslError.BufferTooSmall, "A secp256r1 shared secret needs 32 bytes.");
            }
            if (peerPublicKey.Length != EncodedPointLength || peerPublicKey[0] != UncompressedPointPrefix)
            {
                return false;
            }

            ECParameters peerParameters = new ECParameters();
            peerParameters.Curve = ECCurve.NamedCurves.nistP256;
            peerParameters.Q.X = peerPublicKey.Slice(1, CoordinateLength).ToArray();
            peerParameters.Q.Y = peerPublicKey.Slice(1 + CoordinateLength, CoordinateLength).ToArray();

            byte[] secret = null;
            try
            {
                // Import checks that the point lies on the curve (and is not out of range).
                using (ECDiffieHellman peer = ECDiffieHellman.Create(peerParameters))
                using (ECDiffieHellmanPublicKey peerKey = peer.PublicKey)
                {
                    secret = ecdh.DeriveRawSecretAgreement(peerKey);
                }
                if (secret.Length != CoordinateLength) return false;
                secret.CopyTo(output);
                return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
            finally
            {
                if (secret != null) CryptographicOperations.ZeroMemory(secret);
            }
        }

        public void Dispose()
        {
            if (_ecdh != null) _ecdh.Dispose();
            _ecdh = null;
        }

        private ECDiffieHellman Live()
        {
            if (_ecdh == null) throw new SslException(SslError.InvalidState, "This key agreement has been disposed.");
            return _ecdh;
        }

        // Coordinates are exported at the field size, but left-pad defensively.
        private static void CopyCoordinate(byte[] coordinate, byte[] destination, int offset)
        {
            int padding = CoordinateLength - coordinate.Length;
            Array.Clear(destination, offset, CoordinateLength);
            Buffer.BlockCopy(coordinate, 0, destination, offset + padding, coordinate.Length);
        }
    }
}
