using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Device
{
    /// <summary>An ephemeral ECDHE key pair in the firmware (omv_ecdh), secp256r1 or secp384r1.</summary>
    internal sealed class DeviceKeyAgreement : IKeyAgreement
    {
        private readonly DeviceHandle handle;
        private readonly NamedGroup group;
        private readonly int publicKeyLength;
        private readonly int sharedSecretLength;

        public DeviceKeyAgreement(NamedGroup group)
        {
            this.group = group;
            publicKeyLength = OmvStatus.Check(NativeCrypto.EcdhPublicKeyLength((int)group), "Key agreement");
            sharedSecretLength = OmvStatus.Check(NativeCrypto.EcdhSharedSecretLength((int)group), "Key agreement");
            handle = new DeviceHandle(OmvStatus.Check(NativeCrypto.EcdhCreate((int)group), "Key agreement"), "key agreement");
        }

        public NamedGroup Group { get { return group; } }

        public int PublicKeyLength { get { return publicKeyLength; } }

        public int SharedSecretLength { get { return sharedSecretLength; } }

        public void GetPublicKey(SpanByte output)
        {
            if (output.Length < publicKeyLength)
                throw new SslException(SslError.BufferTooSmall, "the public key needs " + publicKeyLength + " bytes");
            lock (handle.Gate)
            {
                byte[] point = new byte[publicKeyLength];
                int written = OmvStatus.Check(NativeCrypto.EcdhPublicKey(handle.Value, point, 0, point.Length), "Public key");
                Scratch.Get(point, 0, written, output);
            }
        }

        public bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output)
        {
            if (output.Length < sharedSecretLength)
                throw new SslException(SslError.BufferTooSmall, "the shared secret needs " + sharedSecretLength + " bytes");
            lock (handle.Gate)
            {
                int ecdh = handle.Value;
                byte[] peer = peerPublicKey.ToArray();
                byte[] secret = new byte[sharedSecretLength];
                int result = NativeCrypto.EcdhSharedSecret(ecdh, peer, 0, peer.Length, secret, 0, secret.Length);
                if (result == OmvStatus.InvalidPublicKey || result == OmvStatus.InvalidArgument) return false;
                int written = OmvStatus.Check(result, "Shared secret");
                Scratch.Get(secret, 0, written, output);
                Array.Clear(secret, 0, secret.Length);
                return true;
            }
        }

        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
