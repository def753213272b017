using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Device
{
    /// <summary>Our private key in the firmware (omv_private_key): EC P-256 or RSA; signs with the native DRBG.</summary>
    internal sealed class DevicePrivateKey : IPrivateKey
    {
        private readonly DeviceHandle handle;
        private readonly KeyType keyType;
        private readonly int bits;
        private readonly int maxSignatureLength;

        private DevicePrivateKey(DeviceHandle handle)
        {
            this.handle = handle;
            keyType = (KeyType)OmvStatus.Check(NativeCrypto.KeyType(handle.Value), "Private key type");
            bits = OmvStatus.Check(NativeCrypto.KeyBits(handle.Value), "Private key size");
            maxSignatureLength = OmvStatus.Check(NativeCrypto.KeyMaxSignatureLength(handle.Value), "Private key signature size");
        }

        public static DevicePrivateKey Import(SpanByte keyDer)
        {
            if (keyDer.IsEmpty) throw new SslException(SslError.BadKeyOrCertificate, "The private key is empty.");
            byte[] data = keyDer.ToArray();
            int result = NativeCrypto.PrivateKeyImport(data, 0, data.Length);
            Array.Clear(data, 0, data.Length);
            if (result == OmvStatus.UnsupportedKey)
            {
                throw new SslException(SslError.CertificateUnsupportedKey,
                    "Private key: only EC P-256 and RSA keys can be used (omv_status " + result + ").");
            }
            DeviceHandle handle = new DeviceHandle(OmvStatus.Check(result, "Importing the private key"), "private key");
            try
            {
                return new DevicePrivateKey(handle);
            }
            catch (Exception)
            {
                handle.Dispose();
                throw;
            }
        }

        public KeyType KeyType { get { return keyType; } }

        public int KeySizeBits { get { return bits; } }

        public int MaxSignatureLength { get { return maxSignatureLength; } }

        public int Sign(SignatureScheme scheme, SpanByte message, SpanByte signature)
        {
            if (signature.Length < maxSignatureLength)
                throw new SslException(SslError.BufferTooSmall, "A signature needs up to " + maxSignatureLength + " bytes.");
            byte[] messageBytes = message.ToArray();
            byte[] signatureBytes = new byte[maxSignatureLength];
            lock (handle.Gate)
            {
                int result = NativeCrypto.PrivateKeySign(handle.Value, (int)scheme, messageBytes, 0, messageBytes.Length,
                    signatureBytes, 0, signatureBytes.Length);
                if (result == OmvStatus.UnsupportedAlgorithm)
                {
                    throw new SslException(SslError.UnsupportedAlgorithm,
                        "Signature scheme " + (int)scheme + " does not fit this key (type " + (int)keyType + ").");
                }
                int written = OmvStatus.Check(result, "Signing");
                Scratch.Get(signatureBytes, 0, written, signature);
                return written;
            }
        }

        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
