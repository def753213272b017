using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>One AEAD key in the C library (omv_aead). Seal and Open pin the caller's spans and allocate nothing.</summary>
    internal sealed unsafe class MbedTlsAead : IAead
    {
        private const string What = "AEAD key";
        private readonly OmvHandle handle;
        private readonly AeadAlgorithm algorithm;
        private readonly int tagLength;

        public MbedTlsAead(AeadAlgorithm algorithm, SpanByte key)
        {
            this.algorithm = algorithm;
            tagLength = OmvStatus.Check(NativeMethods.omv_aead_tag_length((int)algorithm), "AEAD " + algorithm);
            int keyLength = NativeMethods.omv_aead_key_length((int)algorithm);
            if (key.Length != keyLength)
            {
                throw new SslException(SslError.InvalidArgument,
                    algorithm + " needs a " + keyLength + "-byte key, got " + key.Length + " bytes.");
            }
            IntPtr raw;
            fixed (byte* k = key)
            {
                OmvStatus.Check(NativeMethods.omv_aead_create(out raw, (int)algorithm, k, (nuint)key.Length), "AEAD " + algorithm);
            }
            handle = new OmvHandle(raw, OmvHandle.Kind.Aead);
        }

        public AeadAlgorithm Algorithm { get { return algorithm; } }

        public int TagLength { get { return tagLength; } }

        public void Seal(SpanByte nonce, SpanByte additionalData, SpanByte plaintext, SpanByte output)
        {
            IntPtr aead = handle.Enter(What);
            try
            {
                if (output.Length < plaintext.Length + tagLength)
                {
                    throw new SslException(SslError.BufferTooSmall,
                        "Sealing " + plaintext.Length + " bytes needs " + (plaintext.Length + tagLength) + " bytes of output.");
                }
                RejectShiftedOverlap(plaintext, output);
                fixed (byte* n = nonce)
                fixed (byte* a = additionalData)
                fixed (byte* p = plaintext)
                fixed (byte* o = output)
                {
                    OmvStatus.Check(NativeMethods.omv_aead_seal(aead, n, (nuint)nonce.Length, a, (nuint)additionalData.Length,
                        p, (nuint)plaintext.Length, o, (nuint)output.Length), "Seal");
                }
            }
            finally
            {
                handle.Exit();
            }
        }

        public bool Open(SpanByte nonce, SpanByte additionalData, SpanByte ciphertextAndTag, SpanByte output)
        {
            IntPtr aead = handle.Enter(What);
            try
            {
                if (ciphertextAndTag.Length < tagLength) return false;
                if (output.Length < ciphertextAndTag.Length - tagLength)
                {
                    throw new SslException(SslError.BufferTooSmall,
                        "Opening " + ciphertextAndTag.Length + " bytes needs " + (ciphertextAndTag.Length - tagLength) + " bytes of output.");
                }
                RejectShiftedOverlap(ciphertextAndTag, output);
                int result;
                fixed (byte* n = nonce)
                fixed (byte* a = additionalData)
                fixed (byte* c = ciphertextAndTag)
                fixed (byte* o = output)
                {
                    result = NativeMethods.omv_aead_open(aead, n, (nuint)nonce.Length, a, (nuint)additionalData.Length,
                        NonNull.Pointer(c), (nuint)ciphertextAndTag.Length, NonNull.Pointer(o), (nuint)output.Length);
                }
                if (result == OmvStatus.AuthenticationFailed) return false;
                OmvStatus.Check(result, "Open");
                return true;
            }
            finally
            {
                handle.Exit();
            }
        }

        // In place (same start) is fine; output that starts elsewhere inside the input would
        // overwrite bytes before they are read.
        private static void RejectShiftedOverlap(SpanByte input, SpanByte output)
        {
            if (input.Overlaps(output, out int offset) && offset != 0)
            {
                throw new SslException(SslError.InvalidArgument,
                    "The output overlaps the input at a different offset; use the same buffer position or separate buffers.");
            }
        }

        public void Dispose()
        {
            handle.Dispose();
        }
    }
}
