using System;
using System.Runtime.InteropServices;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// The C library's entry points (firmware-bindings/include/omvssl_crypto.h), one to one.
    /// Every signature is blittable (pointers, integers): no marshalling code runs and nothing is
    /// allocated per call. size_t is nuint; handles are IntPtr owned by <see cref="OmvHandle"/>.
    /// </summary>
    internal static unsafe class NativeMethods
    {
        public const string Library = "omvssl_crypto";

        static NativeMethods()
        {
            NativeLibraryLocator.Install();
        }

        // Random
        [DllImport(Library)] public static extern int omv_drbg_create(out IntPtr drbg, IntPtr entropySource, IntPtr entropyContext, byte* personalization, nuint personalizationLength);
        [DllImport(Library)] public static extern int omv_drbg_random(IntPtr drbg, byte* output, nuint length);
        [DllImport(Library)] public static extern void omv_drbg_free(IntPtr drbg);

        // AEAD
        [DllImport(Library)] public static extern int omv_aead_key_length(int algorithm);
        [DllImport(Library)] public static extern int omv_aead_tag_length(int algorithm);
        [DllImport(Library)] public static extern int omv_aead_create(out IntPtr aead, int algorithm, byte* key, nuint keyLength);
        [DllImport(Library)] public static extern int omv_aead_seal(IntPtr aead, byte* nonce, nuint nonceLength, byte* aad, nuint aadLength,
            byte* plaintext, nuint plaintextLength, byte* output, nuint outputCapacity);
        [DllImport(Library)] public static extern int omv_aead_open(IntPtr aead, byte* nonce, nuint nonceLength, byte* aad, nuint aadLength,
            byte* input, nuint inputLength, byte* output, nuint outputCapacity);
        [DllImport(Library)] public static extern void omv_aead_free(IntPtr aead);

        // Hash and HMAC
        [DllImport(Library)] public static extern int omv_hash_length(int algorithm);
        [DllImport(Library)] public static extern int omv_hash_create(out IntPtr hash, int algorithm);
        [DllImport(Library)] public static extern int omv_hash_update(IntPtr hash, byte* data, nuint length);
        [DllImport(Library)] public static extern int omv_hash_current(IntPtr hash, byte* output, nuint capacity);
        [DllImport(Library)] public static extern int omv_hash_finish_reset(IntPtr hash, byte* output, nuint capacity);
        [DllImport(Library)] public static extern void omv_hash_free(IntPtr hash);
        [DllImport(Library)] public static extern int omv_hmac_create(out IntPtr hmac, int algorithm, byte* key, nuint keyLength);
        [DllImport(Library)] public static extern int omv_hmac_update(IntPtr hmac, byte* data, nuint length);
        [DllImport(Library)] public static extern int omv_hmac_finish_reset(IntPtr hmac, byte* output, nuint capacity);
        [DllImport(Library)] public static extern void omv_hmac_free(IntPtr hmac);

        // ECDHE
        [DllImport(Library)] public static extern int omv_ecdh_public_key_length(int group);
        [DllImport(Library)] public static extern int omv_ecdh_shared_secret_length(int group);
        [DllImport(Library)] public static extern int omv_ecdh_create(out IntPtr ecdh, int group, IntPtr drbg);
        [DllImport(Library)] public static extern int omv_ecdh_public_key(IntPtr ecdh, byte* output, nuint capacity);
        [DllImport(Library)] public static extern int omv_ecdh_shared_secret(IntPtr ecdh, byte* peerPoint, nuint peerPointLength,
            byte* output, nuint capacity, IntPtr drbg);
        [DllImport(Library)] public static extern void omv_ecdh_free(IntPtr ecdh);

        // Public keys
        [DllImport(Library)] public static extern int omv_public_key_from_certificate(out IntPtr key, byte* der, nuint derLength);
        [DllImport(Library)] public static extern int omv_public_key_type(IntPtr key);
        [DllImport(Library)] public static extern int omv_public_key_bits(IntPtr key);
        [DllImport(Library)] public static extern int omv_public_key_verify(IntPtr key, int scheme, byte* message, nuint messageLength,
            byte* signature, nuint signatureLength);
        [DllImport(Library)] public static extern void omv_public_key_free(IntPtr key);

        // Private keys
        [DllImport(Library)] public static extern int omv_private_key_import(out IntPtr key, byte* data, nuint length, IntPtr drbg);
        [DllImport(Library)] public static extern int omv_private_key_type(IntPtr key);
        [DllImport(Library)] public static extern int omv_private_key_bits(IntPtr key);
        [DllImport(Library)] public static extern int omv_private_key_max_signature_length(IntPtr key);
        [DllImport(Library)] public static extern int omv_private_key_sign(IntPtr key, int scheme, byte* message, nuint messageLength,
            byte* signature, nuint capacity, IntPtr drbg);
        [DllImport(Library)] public static extern void omv_private_key_free(IntPtr key);

        // X.509
        [DllImport(Library)] public static extern int omv_x509_verify(byte* chain, uint* chainLengths, nuint chainCount,
            byte* anchors, uint* anchorLengths, nuint anchorCount, byte* hostname, long nowUnix, out uint reasons, out int problemIndex);
        [DllImport(Library)] public static extern int omv_x509_validity(byte* der, nuint derLength, out long notBefore, out long notAfter);
        [DllImport(Library)] public static extern int omv_x509_describe(byte* der, nuint derLength, int which, byte* output, nuint capacity);
    }
}
