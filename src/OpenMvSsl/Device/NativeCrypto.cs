using System;
using OpenMvSsl.Crypto.Omv;
using System.Runtime.CompilerServices;

namespace OpenMvSsl.Device
{
    /// <summary>
    /// Every entry point of the firmware's OpenMvSsl native crypto (nanoFramework interop):
    /// implemented in firmware-bindings/nanoframework/ over the C library omvssl_crypto.
    /// Rules: parameters are only byte[], int, string and out int; buffers travel as
    /// (array, offset, length) and the native side checks the range against the array; handles
    /// are small positive ints from a native handle table (never pointers); every call returns a
    /// negative omv_status on failure (see <see cref="OmvStatus"/>). The randomness the C
    /// library needs comes from one CTR-DRBG the native side owns and seeds from the hardware RNG.
    /// The order and signatures here must equal the native method table
    /// (firmware-bindings/nanoframework/OpenMvSsl_OpenMvSsl_Device_NativeCrypto.cpp): a test checks.
    /// On a firmware without the bindings nanoCLR throws NotImplementedException on the first call.
    /// </summary>
    internal static class NativeCrypto
    {
        /// <summary>The interface version the managed side expects from <see cref="Version"/>.</summary>
        public const int InterfaceVersion = 1;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Version();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Random(byte[] output, int offset, int length);

        // Releases any handle (the table knows its kind); unknown or zero handles are ignored.
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Free(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int AeadKeyLength(int algorithm);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int AeadTagLength(int algorithm);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int AeadCreate(int algorithm, byte[] key, int offset, int length);

        // nonce, additional data and data all lie in buffer; the result is written in place at
        // dataOffset (capacity bytes available there).
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int AeadSeal(int aead, byte[] buffer, int nonceOffset, int nonceLength, int aadOffset, int aadLength,
            int dataOffset, int dataLength, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int AeadOpen(int aead, byte[] buffer, int nonceOffset, int nonceLength, int aadOffset, int aadLength,
            int dataOffset, int dataLength, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashLength(int algorithm);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashCreate(int algorithm);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashUpdate(int hash, byte[] data, int offset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashCurrent(int hash, byte[] output, int offset, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HashFinishReset(int hash, byte[] output, int offset, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HmacCreate(int algorithm, byte[] key, int offset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HmacUpdate(int hmac, byte[] data, int offset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int HmacFinishReset(int hmac, byte[] output, int offset, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int EcdhPublicKeyLength(int group);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int EcdhSharedSecretLength(int group);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int EcdhCreate(int group);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int EcdhPublicKey(int ecdh, byte[] output, int offset, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int EcdhSharedSecret(int ecdh, byte[] peerPoint, int peerOffset, int peerLength,
            byte[] output, int outputOffset, int capacity);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int PublicKeyFromCertificate(byte[] der, int offset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int PublicKeyVerify(int key, int scheme, byte[] message, int messageOffset, int messageLength,
            byte[] signature, int signatureOffset, int signatureLength);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int PrivateKeyImport(byte[] data, int offset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int PrivateKeySign(int key, int scheme, byte[] message, int messageOffset, int messageLength,
            byte[] signature, int signatureOffset, int capacity);

        // KeyType, KeyBits and MaxSignatureLength take a public or a private key handle
        // (MaxSignatureLength: private keys only).
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int KeyType(int key);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int KeyBits(int key);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int KeyMaxSignatureLength(int key);

        // Certificates are concatenated DER; lengths holds one 4-byte big-endian length per
        // certificate. The time is Unix seconds split in two ints (high, low 32 bits).
        // hostname may be null.
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int X509Verify(byte[] chain, byte[] chainLengths, int chainCount,
            byte[] anchors, byte[] anchorLengths, int anchorCount, string hostname, int nowHigh, int nowLow,
            out int reasons, out int problemIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int X509Describe(byte[] der, int offset, int length, int which, byte[] output, int outputOffset, int capacity);

        // Writes not-before then not-after as 8-byte big-endian Unix seconds (16 bytes) at output[outputOffset].
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int X509Validity(byte[] der, int offset, int length, byte[] output, int outputOffset);
    }
}
