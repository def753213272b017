using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>Our private key in the C library (omv_private_key): EC P-256 or RSA, signing with the provider's DRBG.</summary>
    internal sealed unsafe class MbedTlsPrivateKey : IPrivateKey
    {
        private const string What = "private key";
        private readonly OmvHandle handle;
        private readonly DrbgHandle drbg;
        private readonly KeyType keyType;
        private readonly int bits;
        private readonly int maxSignatureLength;

        private MbedTlsPrivateKey(OmvHandle handle, DrbgHandle drbg)
        {
            this.handle = handle;
            this.drbg = drbg;
            IntPtr raw = handle.Enter(What);
            try
            {
                keyType = (KeyType)OmvStatus.Check(NativeMethods.omv_private_key_type(raw), "Private key type");
                bits = OmvStatus.Check(NativeMethods.omv_private_key_bits(raw), "Private key size");
                maxSignatureLength = OmvStatus.Check(NativeMethods.omv_private_key_max_signature_length(raw), "Private key signature size");
            }
            finally
            {
                handle.Exit();
            }
        }

        public static MbedTlsPrivateKey Import(SpanByte keyDer, DrbgHandle drbg)
        {
            if (keyDer.IsEmpty) throw new SslException(SslError.BadKeyOrCertificate, "The private key is empty.");
            IntPtr raw;
            int result;
            IntPtr random = drbg.Enter();
            try
            {
                fixed (byte* data = keyDer)
                {
                    result = NativeMethods.omv_private_key_import(out raw, data, (nuint)keyDer.Length, random);
                }
            }
            finally
            {
                drbg.Exit();
            }
            if (result == OmvStatus.UnsupportedKey)
            {
                throw new SslException(SslError.CertificateUnsupportedKey,
                    "Private key: only EC P-256 and RSA keys can be used (omv_status " + result + ").");
            }
            OmvStatus.Check(result, "Importing the private key");
            OmvHandle handle = new OmvHandle(raw, OmvHandle.Kind.PrivateKey);
            try
            {
                return new MbedTlsPrivateKey(handle, drbg);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        public KeyType KeyType { get { return keyType; } }

        public int KeySizeBits { get { return bits; } }

        public int MaxSignatureLength { get { return maxSignatureLength; } }

        public int Sign(SignatureScheme scheme, SpanByte message, SpanByte signature)
        {
            IntPtr key = handle.Enter(What);
            try
            {
                if (signature.Length < maxSignatureLength)
                {
                    throw new SslException(SslError.BufferTooSmall, "A signature needs up to " + maxSignatureLength + " bytes.");
                }
                IntPtr random = drbg.Enter();
                try
                {
                    fixed (byte* m = message)
                    fixed (byte* s = signature)
                    {
                        int result = NativeMethods.omv_private_key_sign(key, (int)scheme, m, (nuint)message.Length, s,
                            (nuint)signature.Length, random);
                        if (result == OmvStatus.UnsupportedAlgorithm)
                        {
                            throw new SslException(SslError.UnsupportedAlgorithm,
                                "Signature scheme " + scheme + " does not fit this " + keyType + " key.");
                        }
                        return OmvStatus.Check(result, "Signing");
                    }
                }
                finally
                {
                    drbg.Exit();
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
