using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Device
{
    /// <summary>One AEAD key in the firmware (omv_aead). Nonce, AAD and data go through one scratch array, sealed/opened in place.</summary>
    internal sealed class DeviceAead : IAead
    {
        private readonly DeviceHandle handle;
        private readonly AeadAlgorithm algorithm;
        private readonly int tagLength;
        private byte[] scratch;

        public DeviceAead(AeadAlgorithm algorithm, SpanByte key)
        {
            this.algorithm = algorithm;
            tagLength = OmvStatus.Check(NativeCrypto.AeadTagLength((int)algorithm), "AEAD tag length");
            int keyLength = NativeCrypto.AeadKeyLength((int)algorithm);
            if (key.Length != keyLength)
            {
                throw new SslException(SslError.InvalidArgument,
                    "AEAD algorithm " + (int)algorithm + " needs a " + keyLength + "-byte key, got " + key.Length + " bytes.");
            }
            byte[] keyBytes = key.ToArray();
            int raw = NativeCrypto.AeadCreate((int)algorithm, keyBytes, 0, keyBytes.Length);
            Array.Clear(keyBytes, 0, keyBytes.Length);
            handle = new DeviceHandle(OmvStatus.Check(raw, "AEAD key"), "AEAD key");
        }

        public AeadAlgorithm Algorithm { get { return algorithm; } }

        public int TagLength { get { return tagLength; } }

        public void Seal(SpanByte nonce, SpanByte additionalData, SpanByte plaintext, SpanByte output)
        {
            int sealedLength = plaintext.Length + tagLength;
            if (output.Length < sealedLength)
            {
                throw new SslException(SslError.BufferTooSmall,
                    "Sealing " + plaintext.Length + " bytes needs " + sealedLength + " bytes of output.");
            }
            lock (handle.Gate)
            {
                int aead = handle.Value;
                int dataOffset = Load(nonce, additionalData, plaintext, sealedLength);
                int written = OmvStatus.Check(NativeCrypto.AeadSeal(aead, scratch, 0, nonce.Length, nonce.Length, additionalData.Length,
                    dataOffset, plaintext.Length, sealedLength), "Seal");
                Scratch.Get(scratch, dataOffset, written, output);
            }
        }

        public bool Open(SpanByte nonce, SpanByte additionalData, SpanByte ciphertextAndTag, SpanByte output)
        {
            if (ciphertextAndTag.Length < tagLength) return false;
            int plainLength = ciphertextAndTag.Length - tagLength;
            if (output.Length < plainLength)
            {
                throw new SslException(SslError.BufferTooSmall,
                    "Opening " + ciphertextAndTag.Length + " bytes needs " + plainLength + " bytes of output.");
            }
            lock (handle.Gate)
            {
                int aead = handle.Value;
                int dataOffset = Load(nonce, additionalData, ciphertextAndTag, ciphertextAndTag.Length);
                int result = NativeCrypto.AeadOpen(aead, scratch, 0, nonce.Length, nonce.Length, additionalData.Length,
                    dataOffset, ciphertextAndTag.Length, ciphertextAndTag.Length);
                if (result == OmvStatus.AuthenticationFailed)
                {
                    // Like the C library: no unauthenticated plaintext escapes.
                    Scratch.Zero(output.Slice(0, plainLength));
                    return false;
                }
                OmvStatus.Check(result, "Open");
                Scratch.Get(scratch, dataOffset, result, output);
                return true;
            }
        }

        // scratch = nonce || aad || data (room for dataRoom bytes); returns the data offset.
        private int Load(SpanByte nonce, SpanByte additionalData, SpanByte data, int dataRoom)
        {
            int dataOffset = nonce.Length + additionalData.Length;
            scratch = Scratch.Ensure(scratch, dataOffset + dataRoom);
            Scratch.Put(nonce, scratch, 0);
            Scratch.Put(additionalData, scratch, nonce.Length);
            Scratch.Put(data, scratch, dataOffset);
            return dataOffset;
        }

        public void Dispose()
        {
            handle.Dispose();
            if (scratch != null) Array.Clear(scratch, 0, scratch.Length);
        }
    }
}
