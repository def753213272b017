using System;
using System.Runtime.InteropServices;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// Owns one handle of the C library and frees it exactly once (Dispose, or the finalizer as a
    /// last resort). <see cref="Enter"/>/<see cref="Exit"/> keep it alive across a native call
    /// and turn use after dispose into SslException(InvalidState).
    /// </summary>
    internal sealed class OmvHandle : SafeHandle
    {
        private readonly Kind kind;

        public enum Kind { Drbg, Aead, Hash, Hmac, Ecdh, PublicKey, PrivateKey }

        public OmvHandle(IntPtr handle, Kind kind) : base(IntPtr.Zero, true)
        {
            this.kind = kind;
            SetHandle(handle);
        }

        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

        /// <summary>The raw handle, referenced until the matching <see cref="Exit"/>.</summary>
        public IntPtr Enter(string what)
        {
            bool added = false;
            try
            {
                DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw new SslException(SslError.InvalidState, "This " + what + " has been disposed.");
            }
            if (!added) throw new SslException(SslError.InvalidState, "This " + what + " has been disposed.");
            return handle;
        }

        public void Exit()
        {
            DangerousRelease();
        }

        protected override bool ReleaseHandle()
        {
            switch (kind)
            {
                case Kind.Drbg: NativeMethods.omv_drbg_free(handle); break;
                case Kind.Aead: NativeMethods.omv_aead_free(handle); break;
                case Kind.Hash: NativeMethods.omv_hash_free(handle); break;
                case Kind.Hmac: NativeMethods.omv_hmac_free(handle); break;
                case Kind.Ecdh: NativeMethods.omv_ecdh_free(handle); break;
                case Kind.PublicKey: NativeMethods.omv_public_key_free(handle); break;
                case Kind.PrivateKey: NativeMethods.omv_private_key_free(handle); break;
            }
            return true;
        }
    }
}
