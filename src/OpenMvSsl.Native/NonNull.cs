using System;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// `fixed` on an empty span yields a null pointer, and the C library refuses NULL for some
    /// buffers even with length 0 (a certificate, a peer point). This gives a valid address instead.
    /// </summary>
    internal static unsafe class NonNull
    {
        private static readonly byte* Empty = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(16);

        public static byte* Pointer(byte* pointer)
        {
            return pointer != null ? pointer : Empty;
        }
    }
}
