using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Device
{
    /// <summary>An HMAC with a fixed key in the firmware (omv_hmac).</summary>
    internal sealed class DeviceHmac : IHmac
    {
        private readonly DeviceHandle handle;
        private readonly HashAlgorithm algorithm;
        private readonly int length;
        private byte[] scratch;

        public DeviceHmac(HashAlgorithm algorithm, SpanByte key)
        {
            this.algorithm = algorithm;
            length = OmvStatus.Check(NativeCrypto.HashLength((int)algorithm), "HMAC");
            byte[] keyBytes = key.ToArray();
            int raw = NativeCrypto.HmacCreate((int)algorithm, keyBytes, 0, keyBytes.Length);
            Array.Clear(keyBytes, 0, keyBytes.Length);
            handle = new DeviceHandle(OmvStatus.Check(raw, "HMAC"), "HMAC");
        }

        public HashAlgorithm Algorithm { get { return algorithm; } }

        public int Length { get { return length; } }

        public void Update(SpanByte data)
        {
            if (data.IsEmpty) return;
            lock (handle.Gate)
            {
                int hmac = handle.Value;
                scratch = Scratch.Ensure(scratch, data.Length);
                Scratch.Put(data, scratch, 0);
                OmvStatus.Check(NativeCrypto.HmacUpdate(hmac, scratch, 0, data.Length), "HMAC update");
            }
        }

        public void GetHashAndReset(SpanByte output)
        {
            if (output.Length < length) throw new SslException(SslError.BufferTooSmall, "The MAC needs " + length + " bytes.");
            lock (handle.Gate)
            {
                int hmac = handle.Value;
                scratch = Scratch.Ensure(scratch, length);
                int written = OmvStatus.Check(NativeCrypto.HmacFinishReset(hmac, scratch, 0, length), "HMAC finish");
                Scratch.Get(scratch, 0, written, output);
            }
        }

        public void Dispose()
        {
            handle.Dispose();
            if (scratch != null) Array.Clear(scratch, 0, scratch.Length);
        }
    }
}
