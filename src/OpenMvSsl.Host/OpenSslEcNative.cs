using System;
using System.Runtime.InteropServices;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// The few OpenSSL 3 libcrypto entry points the EC fast path calls (the low-level EC_KEY API:
    /// deprecated in OpenSSL 3 but exported by every libcrypto.so.3 build that keeps the 1.1 API,
    /// Debian's included). Every signature is blittable, so no marshalling and no unsafe code.
    /// Whether the library is there and usable is decided once by <see cref="OpenSslEc"/>.
    /// </summary>
    internal static class OpenSslEcNative
    {
        public const string Library = "libcrypto.so.3";

        // obj_mac.h
        public const int NidPrime256v1 = 415;
        public const int NidSecp384r1 = 715;

        // point_conversion_form_t POINT_CONVERSION_UNCOMPRESSED
        public const int UncompressedForm = 4;

        [DllImport(Library)]
        public static extern EcKeyHandle EC_KEY_new_by_curve_name(int nid);

        [DllImport(Library)]
        public static extern void EC_KEY_free(IntPtr key);

        [DllImport(Library)]
        public static extern int EC_KEY_generate_key(EcKeyHandle key);

        [DllImport(Library)]
        public static extern IntPtr EC_KEY_get0_group(EcKeyHandle key);

        [DllImport(Library)]
        public static extern IntPtr EC_KEY_get0_public_key(EcKeyHandle key);

        [DllImport(Library)]
        public static extern int EC_KEY_oct2key(EcKeyHandle key, ref byte buffer, nuint length, IntPtr bnContext);

        [DllImport(Library)]
        public static extern int EC_KEY_oct2priv(EcKeyHandle key, ref byte buffer, nuint length);

        [DllImport(Library)]
        public static extern nuint EC_POINT_point2oct(IntPtr group, IntPtr point, int form, ref byte buffer, nuint length, IntPtr bnContext);

        [DllImport(Library)]
        public static extern IntPtr EC_POINT_new(IntPtr group);

        [DllImport(Library)]
        public static extern void EC_POINT_free(IntPtr point);

        [DllImport(Library)]
        public static extern int EC_POINT_oct2point(IntPtr group, IntPtr point, ref byte buffer, nuint length, IntPtr bnContext);

        [DllImport(Library)]
        public static extern int ECDH_compute_key(ref byte output, nuint outputLength, IntPtr peerPoint, EcKeyHandle key, IntPtr kdf);

        [DllImport(Library)]
        public static extern int ECDSA_size(EcKeyHandle key);

        [DllImport(Library)]
        public static extern int ECDSA_sign(int type, ref byte digest, int digestLength, ref byte signature, out uint signatureLength, EcKeyHandle key);

        [DllImport(Library)]
        public static extern int ECDSA_verify(int type, ref byte digest, int digestLength, ref byte signature, int signatureLength, EcKeyHandle key);

        [DllImport(Library)]
        public static extern void ERR_clear_error();

        /// <summary>Every export above, for the one-time probe.</summary>
        public static readonly string[] Exports =
        {
            "EC_KEY_new_by_curve_name", "EC_KEY_free", "EC_KEY_generate_key", "EC_KEY_get0_group",
            "EC_KEY_get0_public_key", "EC_KEY_oct2key", "EC_KEY_oct2priv", "EC_POINT_point2oct", "EC_POINT_new",
            "EC_POINT_free", "EC_POINT_oct2point", "ECDH_compute_key", "ECDSA_size", "ECDSA_sign", "ECDSA_verify",
            "ERR_clear_error",
        };
    }

    /// <summary>An owned OpenSSL EC_KEY; EC_KEY_free (which also wipes a private scalar) on release.</summary>
    internal sealed class EcKeyHandle : SafeHandle
    {
        public EcKeyHandle()
            : base(IntPtr.Zero, true)
        {
        }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        protected override bool ReleaseHandle()
        {
            OpenSslEcNative.EC_KEY_free(handle);
            return true;
        }
    }
}
