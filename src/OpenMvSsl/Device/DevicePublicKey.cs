using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Device
{
    /// <summary>A certificate's public key in the firmware (omv_public_key): EC P-256 or RSA.</summary>
    internal sealed class DevicePublicKey : IPublicKey
    {
        private readonly DeviceHandle handle;
        private readonly KeyType keyType;
        private readonly int bits;

        private DevicePublicKey(DeviceHandle handle)
        {
            this.handle = handle;
            keyType = (KeyType)OmvStatus.Check(NativeCrypto.KeyType(handle.Value), "Public key type");
            bits = OmvStatus.Check(NativeCrypto.KeyBits(handle.Value), "Public key size");
        }

        public static DevicePublicKey FromCertificate(SpanByte certificateDer)
        {
            if (certificateDer.IsEmpty)
                throw new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate, "The certificate is empty.");
            byte[] der = certificateDer.ToArray();
            int raw = OmvStatus.Check(NativeCrypto.PublicKeyFromCertificate(der, 0, der.Length), "Reading the certificate's public key");
            DeviceHandle handle = new DeviceHandle(raw, "public key");
            try
            {
                return new DevicePublicKey(handle);
            }
            catch (Exception)
            {
                handle.Dispose();
                throw;
            }
        }

        public KeyType KeyType { get { return keyType; } }

        public int KeySizeBits { get { return bits; } }

        public bool Verify(SignatureScheme scheme, SpanByte message, SpanByte signature)
        {
            if (signature.IsEmpty) return false;
            byte[] messageBytes = message.ToArray();
            byte[] signatureBytes = signature.ToArray();
            lock (handle.Gate)
            {
                int result = NativeCrypto.PublicKeyVerify(handle.Value, (int)scheme, messageBytes, 0, messageBytes.Length,
                    signatureBytes, 0, signatureBytes.Length);
                if (result == 0) return true;
                if (result == OmvStatus.BadSignature || result == OmvStatus.UnsupportedAlgorithm
                    || result == OmvStatus.InvalidArgument) return false;
                throw OmvStatus.Exception(result, "Signature verification");
            }
        }

        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
