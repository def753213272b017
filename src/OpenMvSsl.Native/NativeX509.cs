using System;
using System.Text;
using OpenMvSsl.Crypto.Omv;

namespace OpenMvSsl.Native
{
    /// <summary>The C library's certificate functions through P/Invoke, behind <see cref="IOmvX509"/>.</summary>
    internal sealed unsafe class NativeX509 : IOmvX509
    {
        public int Verify(byte[] chain, int[] chainLengths, byte[] anchors, int[] anchorLengths, string dnsName, long unixNow,
            out int reasons, out int problemIndex)
        {
            uint[] chainSizes = Unsigned(chainLengths);
            uint[] anchorSizes = Unsigned(anchorLengths);
            byte[] host = dnsName == null ? null : Encoding.UTF8.GetBytes(dnsName + "\0");
            uint reasonFlags;
            int status;
            fixed (byte* c = chain)
            fixed (uint* cl = chainSizes)
            fixed (byte* a = anchors)
            fixed (uint* al = anchorSizes)
            fixed (byte* h = host)
            {
                bool noAnchors = anchorSizes.Length == 0;
                status = NativeMethods.omv_x509_verify(NonNull.Pointer(c), cl, (nuint)chainSizes.Length, noAnchors ? null : NonNull.Pointer(a),
                    noAnchors ? null : al, (nuint)anchorSizes.Length, h, unixNow, out reasonFlags, out problemIndex);
            }
            reasons = (int)reasonFlags;
            return status;
        }

        public int Describe(byte[] der, int which, byte[] output)
        {
            fixed (byte* d = der)
            fixed (byte* o = output)
            {
                return NativeMethods.omv_x509_describe(NonNull.Pointer(d), (nuint)der.Length, which, o, (nuint)output.Length);
            }
        }

        public int Validity(byte[] der, out long notBeforeUnix, out long notAfterUnix)
        {
            fixed (byte* d = der)
            {
                return NativeMethods.omv_x509_validity(NonNull.Pointer(d), (nuint)der.Length, out notBeforeUnix, out notAfterUnix);
            }
        }

        private static uint[] Unsigned(int[] lengths)
        {
            uint[] sizes = new uint[lengths.Length];
            for (int i = 0; i < lengths.Length; i++) sizes[i] = (uint)lengths[i];
            return sizes;
        }
    }
}
