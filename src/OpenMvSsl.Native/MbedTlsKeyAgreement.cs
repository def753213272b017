using System;
using OpenMvSsl.Crypto.Omv;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Native
{
    /// <summary>An ephemeral ECDHE key pair in the C library (omv_ecdh), secp256r1 or secp384r1.</summary>
    internal sealed unsafe class MbedTlsKeyAgreement : IKeyAgreement
    {
        private const string What = "key agreement";
        private readonly OmvHandle handle;
        private readonly DrbgHandle drbg;
        private readonly NamedGroup group;
        private readonly int publicKeyLength;
        private readonly int sharedSecretLength;

        public MbedTlsKeyAgreement(NamedGroup group, DrbgHandle drbg)
        {
            this.group = group;
            this.drbg = drbg;
            publicKeyLength = OmvStatus.Check(NativeMethods.omv_ecdh_public_key_length((int)group), "Key agreement " + group);
            sharedSecretLength = OmvStatus.Check(NativeMethods.omv_ecdh_shared_secret_length((int)group), "Key agreement " + group);
            IntPtr raw;
            IntPtr random = drbg.Enter();
            try
            {
                OmvStatus.Check(NativeMethods.omv_ecdh_create(out raw, (int)group, random), "Key agreement " + group);
            }
            finally
            {
                drbg.Exit();
            }
            handle = new OmvHandle(raw, OmvHandle.Kind.Ecdh);
        }

        public NamedGroup Group { get { return group; } }

        public int PublicKeyLength { get { return publicKeyLength; } }

        public int SharedSecretLength { get { return sharedSecretLength; } }

        public void GetPublicKey(SpanByte output)
        {
            IntPtr ecdh = handle.Enter(What);
            try
            {
                if (output.Length < publicKeyLength)
                    throw new SslException(SslError.BufferTooSmall, "the public key needs " + publicKeyLength + " bytes");
                fixed (byte* o = output)
                {
                    OmvStatus.Check(NativeMethods.omv_ecdh_public_key(ecdh, o, (nuint)output.Length), "Public key");
                }
            }
            finally
            {
                handle.Exit();
            }
        }

        public bool DeriveSharedSecret(SpanByte peerPublicKey, SpanByte output)
        {
            IntPtr ecdh = handle.Enter(What);
            try
            {
                if (output.Length < sharedSecretLength)
                    throw new SslException(SslError.BufferTooSmall, "the shared secret needs " + sharedSecretLength + " bytes");
                int result;
                IntPtr random = drbg.Enter(); // mbedTLS blinds the scalar multiplication with it
                try
                {
                    fixed (byte* p = peerPublicKey)
                    fixed (byte* o = output)
                    {
                        result = NativeMethods.omv_ecdh_shared_secret(ecdh, NonNull.Pointer(p), (nuint)peerPublicKey.Length,
                            o, (nuint)output.Length, random);
                    }
                }
                finally
                {
                    drbg.Exit();
                }
                if (result == OmvStatus.InvalidPublicKey || result == OmvStatus.InvalidArgument) return false;
                OmvStatus.Check(result, "Shared secret");
                return true;
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
