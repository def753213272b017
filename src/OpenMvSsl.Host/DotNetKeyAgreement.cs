using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Ephemeral ECDH on secp256r1 or secp384r1. The public key is the uncompressed point
    /// 0x04 || X || Y (RFC 8446 4.2.8.2); the shared secret is the X coordinate of the product.
    /// </summary>
    public sealed class DotNetKeyAgreement : IKeyAgreement
    {
        private const byte UncompressedPointPrefix = 0x04;

        private readonly NamedGroup _group;
        private readonly ECCurve _curve;
        private readonly int CoordinateLength;
        private readonly int EncodedPointLength;
        private ECDiffieHellman _ecdh;
        private readonly byte[] _publicKey;

        public DotNetKeyAgreement()
            : this(NamedGroup.Secp256r1)
        {
        }

        public DotNetKeyAgreement(NamedGroup group)
        {
            _group = group;
            _curve = group == NamedGroup.Secp384r1 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;
            CoordinateLength = group == NamedGroup.Secp384r1 ? 48 : 32;
            EncodedPointLength = 1 + 2 * CoordinateLength;
            _publicKey = new byte[EncodedPointLength];
            _ecdh = ECDiffieHellman.Create(_curve);
            ECParameters parameters = _ecdh.ExportParameters(false);
            _publicKey[0] = UncompressedPointPrefix;
            CopyCoordinate(parameters.Q.X, _publicKey, 1);
            CopyCoordinate(parameters.Q.Y, _publicKey, 1 + CoordinateLength);
        }

        public NamedGroup Group { get { return _group; } }

        public int PublicKeyLength { get { return EncodedPointLength; } }

        public int SharedSecretLength { get { return CoordinateLength; } }

        public void GetPublicKey(SpanByte output)
        {
            Live();
            if (output.Length < EncodedPointLength)
            {
                throw new SslException(SslError.BufferTooSmall, "the public key needs " + EncodedPointLength + " bytes");
            }
            _publicKey.CopyTo(output);
        }

        public bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output)
        {
            ECDiffieHellman ecdh = Live();
            if (output.Length < CoordinateLength)
            {
                throw new SslException(SslError.BufferTooSmall, "the shared secret needs " + CoordinateLength + " bytes");
            }
            if (peerPublicKey.Length != EncodedPointLength || peerPublicKey[0] != UncompressedPointPrefix)
            {
                return false;
            }

            ECParameters peerParameters = new ECParameters();
            peerParameters.Curve = _curve;
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
        private void CopyCoordinate(byte[] coordinate, byte[] destination, int offset)
        {
            int padding = CoordinateLength - coordinate.Length;
            Array.Clear(destination, offset, CoordinateLength);
            Buffer.BlockCopy(coordinate, 0, destination, offset + padding, coordinate.Length);
        }
    }
}
