using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Device
{
    /// <summary>An incremental SHA-256/384 in the firmware (omv_hash).</summary>
    internal sealed class DeviceHash : IHash
    {
        private readonly DeviceHandle handle;
        private readonly HashAlgorithm algorithm;
        private readonly int length;
        private byte[] scratch;

        public DeviceHash(HashAlgorithm algorithm)
        {
            this.algorithm = algorithm;
            length = OmvStatus.Check(NativeCrypto.HashLength((int)algorithm), "Hash");
            handle = new DeviceHandle(OmvStatus.Check(NativeCrypto.HashCreate((int)algorithm), "Hash"), "hash");
        }

        public HashAlgorithm Algorithm { get { return algorithm; } }

        public int Length { get { return length; } }

        public void Update(SpanByte data)
        {
            if (data.IsEmpty) return;
            lock (handle.Gate)
            {
                int hash = handle.Value;
                scratch = Scratch.Ensure(scratch, data.Length);
                Scratch.Put(data, scratch, 0);
                OmvStatus.Check(NativeCrypto.HashUpdate(hash, scratch, 0, data.Length), "Hash update");
            }
        }

        public void GetCurrentHash(SpanByte output)
        {
            Finish(output, false);
        }

        public void GetHashAndReset(SpanByte output)
        {
            Finish(output, true);
        }

        private void Finish(SpanByte output, bool reset)
        {
            if (output.Length < length) throw new SslException(SslError.BufferTooSmall, "The digest needs " + length + " bytes.");
            lock (handle.Gate)
            {
                int hash = handle.Value;
                scratch = Scratch.Ensure(scratch, length);
                int written = OmvStatus.Check(reset ? NativeCrypto.HashFinishReset(hash, scratch, 0, length)
                    : NativeCrypto.HashCurrent(hash, scratch, 0, length), "Hash finish");
                Scratch.Get(scratch, 0, written, output);
            }
        }

        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
