using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// Ephemeral ECDH on secp256r1 or secp384r1 through libcrypto directly (see OpenSslEc): the same
    /// contract as DotNetKeyAgreement, about four times cheaper because the BCL validates an imported
    /// peer point with extra scalar multiplications and builds new EVP objects for every call.
    /// </summary>
    internal sealed class OpenSslKeyAgreement : IKeyAgreement
    {
        private readonly NamedGroup _group;
        private readonly byte[] _publicKey;
        private OpenSslEcKey _key;

        public OpenSslKeyAgreement(NamedGroup group)
        {
            _group = group;
            _key = OpenSslEcKey.Generate(group);
            if (_key == null) throw new CryptographicException("EC_KEY_generate_key failed.");
            _publicKey = new byte[_key.PublicPointLength];
            _key.ExportPublicPoint(_publicKey);
        }

        public NamedGroup Group { get { return _group; } }

        public int PublicKeyLength { get { return _publicKey.Length; } }

        public int SharedSecretLength { get { return OpenSslEc.CoordinateLengthOf(_group); } }

        public void GetPublicKey(SpanByte output)
        {
            Live();
            if (output.Length < _publicKey.Length)
            {
                throw new SslException(SslError.BufferTooSmall, "the public key needs " + _publicKey.Length + " bytes");
            }
            _publicKey.CopyTo(output);
        }

        public bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output)
        {
            OpenSslEcKey key = Live();
            if (output.Length < key.CoordinateLength)
            {
                throw new SslException(SslError.BufferTooSmall, "the shared secret needs " + key.CoordinateLength + " bytes");
            }
            return key.DeriveSharedSecret(peerPublicKey, output);
        }

        public void Dispose()
        {
            if (_key != null) _key.Dispose();
            _key = null;
        }

        private OpenSslEcKey Live()
        {
            if (_key == null) throw new SslException(SslError.InvalidState, "This key agreement has been disposed.");
            return _key;
        }
    }
}
