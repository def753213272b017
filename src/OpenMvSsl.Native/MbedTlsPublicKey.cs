using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>A certificate's public key in the C library (omv_public_key): EC P-256 or RSA.</summary>
    internal sealed unsafe class MbedTlsPublicKey : IPublicKey
    {
        private const string What = "public key";
        private readonly OmvHandle handle;
        private readonly KeyType keyType;
        private readonly int bits;

        private MbedTlsPublicKey(OmvHandle handle)
        {
            this.handle = handle;
            IntPtr raw = handle.Enter(What);
            try
            {
                keyType = (KeyType)OmvStatus.Check(NativeMethods.omv_public_key_type(raw), "Public key type");
                bits = OmvStatus.Check(NativeMethods.omv_public_key_bits(raw), "Public key size");
            }
            finally
            {
                handle.Exit();
            }
        }

        public static MbedTlsPublicKey FromCertificate(SpanByte certificateDer)
        {
            if (certificateDer.IsEmpty)
            {
                throw new SslException(SslError.CertificateMalformed, AlertDescription.BadCertificate, "The certificate is empty.");
            }
            IntPtr raw;
            fixed (byte* der = certificateDer)
            {
                OmvStatus.Check(NativeMethods.omv_public_key_from_certificate(out raw, der, (nuint)certificateDer.Length),
                    "Reading the certificate's public key");
            }
            OmvHandle handle = new OmvHandle(raw, OmvHandle.Kind.PublicKey);
            try
            {
                return new MbedTlsPublicKey(handle);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        public KeyType KeyType { get { return keyType; } }

        public int KeySizeBits { get { return bits; } }

        public bool Verify(SignatureScheme scheme, SpanByte message, SpanByte signature)
        {
            IntPtr key = handle.Enter(What);
            try
            {
                if (signature.IsEmpty) return false;
                fixed (byte* m = message)
                fixed (byte* s = signature)
                {
                    int result = NativeMethods.omv_public_key_verify(key, (int)scheme, m, (nuint)message.Length, s, (nuint)signature.Length);
                    if (result == 0) return true;
                    if (result == OmvStatus.BadSignature || result == OmvStatus.UnsupportedAlgorithm
                        || result == OmvStatus.InvalidArgument) return false;
                    throw OmvStatus.Exception(result, "Signature verification");
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
