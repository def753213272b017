using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>An HMAC with a fixed key in the C library (omv_hmac).</summary>
    internal sealed unsafe class MbedTlsHmac : IHmac
    {
        private const string What = "HMAC";
        private readonly OmvHandle handle;
        private readonly HashAlgorithm algorithm;
        private readonly int length;

        public MbedTlsHmac(HashAlgorithm algorithm, SpanByte key)
        {
            this.algorithm = algorithm;
            length = OmvStatus.Check(NativeMethods.omv_hash_length((int)algorithm), "HMAC " + algorithm);
            IntPtr raw;
            fixed (byte* k = key)
            {
                OmvStatus.Check(NativeMethods.omv_hmac_create(out raw, (int)algorithm, k, (nuint)key.Length), "HMAC " + algorithm);
            }
            handle = new OmvHandle(raw, OmvHandle.Kind.Hmac);
        }

        public HashAlgorithm Algorithm { get { return algorithm; } }

        public int Length { get { return length; } }

        public void Update(SpanByte data)
        {
            IntPtr hmac = handle.Enter(What);
            try
            {
                fixed (byte* d = data)
                {
                    OmvStatus.Check(NativeMethods.omv_hmac_update(hmac, d, (nuint)data.Length), "HMAC update");
                }
            }
            finally
            {
                handle.Exit();
            }
        }

        public void GetHashAndReset(SpanByte output)
        {
            IntPtr hmac = handle.Enter(What);
            try
            {
                if (output.Length < length)
                    throw new SslException(SslError.BufferTooSmall, "The MAC needs " + length + " bytes.");
                fixed (byte* o = output)
                {
                    OmvStatus.Check(NativeMethods.omv_hmac_finish_reset(hmac, o, (nuint)output.Length), "HMAC finish");
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
