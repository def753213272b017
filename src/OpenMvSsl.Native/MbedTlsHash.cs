using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>An incremental SHA-256/384 in the C library (omv_hash).</summary>
    internal sealed unsafe class MbedTlsHash : IHash
    {
        private const string What = "hash";
        private readonly OmvHandle handle;
        private readonly HashAlgorithm algorithm;
        private readonly int length;

        public MbedTlsHash(HashAlgorithm algorithm)
        {
            this.algorithm = algorithm;
            length = OmvStatus.Check(NativeMethods.omv_hash_length((int)algorithm), "Hash " + algorithm);
            IntPtr raw;
            OmvStatus.Check(NativeMethods.omv_hash_create(out raw, (int)algorithm), "Hash " + algorithm);
            handle = new OmvHandle(raw, OmvHandle.Kind.Hash);
        }

        public HashAlgorithm Algorithm { get { return algorithm; } }

        public int Length { get { return length; } }

        public void Update(SpanByte data)
        {
            IntPtr hash = handle.Enter(What);
            try
            {
                fixed (byte* d = data)
                {
                    OmvStatus.Check(NativeMethods.omv_hash_update(hash, d, (nuint)data.Length), "Hash update");
                }
            }
            finally
            {
                handle.Exit();
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
            IntPtr hash = handle.Enter(What);
            try
            {
                if (output.Length < length)
                    throw new SslException(SslError.BufferTooSmall, "The digest needs " + length + " bytes.");
                fixed (byte* o = output)
                {
                    OmvStatus.Check(reset ? NativeMethods.omv_hash_finish_reset(hash, o, (nuint)output.Length)
                        : NativeMethods.omv_hash_current(hash, o, (nuint)output.Length), "Hash finish");
                }
            }
            finally
            {
                handle.Exit();
            }
        }

        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
