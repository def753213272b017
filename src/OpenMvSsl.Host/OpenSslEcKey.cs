using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// One P-256 or P-384 key held by libcrypto (an EC_KEY): a fresh ephemeral pair, a peer's public
    /// point, or our private key. Only reads the key after construction, so one instance may sign or
    /// verify on several threads at once. Every failure clears OpenSSL's per-thread error queue so
    /// that nothing is left there for the BCL's next call to misreport.
    /// </summary>
    internal sealed class OpenSslEcKey : IDisposable
    {
        private const byte UncompressedPointPrefix = 0x04;

        private readonly EcKeyHandle _key;
        private readonly int _coordinateLength;

        private OpenSslEcKey(EcKeyHandle key, int coordinateLength)
        {
            _key = key;
            _coordinateLength = coordinateLength;
        }

        public int CoordinateLength { get { return _coordinateLength; } }

        public int PublicPointLength { get { return 1 + 2 * _coordinateLength; } }

        /// <summary>Largest DER signature this key produces.</summary>
        public int MaxSignatureLength { get { return OpenSslEcNative.ECDSA_size(_key); } }

        /// <summary>A new random key pair (EC_KEY_generate_key); null if OpenSSL fails.</summary>
        public static OpenSslEcKey Generate(NamedGroup group)
        {
            EcKeyHandle key = NewKey(group);
            if (OpenSslEcNative.EC_KEY_generate_key(key) != 1) return Fail(key);
            return new OpenSslEcKey(key, OpenSslEc.CoordinateLengthOf(group));
        }

        /// <summary>
        /// A public key from its SEC1 encoding (uncompressed or compressed); null when the bytes are
        /// not a point on the curve (EC_KEY_oct2key decodes through EC_POINT_oct2point, which checks
        /// that). The one-byte encoding of the point at infinity, which OpenSSL would take, is refused here.
        /// </summary>
        public static OpenSslEcKey FromPublicPoint(NamedGroup group, ReadOnlySpan<byte> point)
        {
            int coordinate = OpenSslEc.CoordinateLengthOf(group);
            bool uncompressed = point.Length == 1 + 2 * coordinate && point[0] == UncompressedPointPrefix;
            bool compressed = point.Length == 1 + coordinate && (point[0] == 0x02 || point[0] == 0x03);
            if (!uncompressed && !compressed) return null;
            EcKeyHandle key = NewKey(group);
            if (OpenSslEcNative.EC_KEY_oct2key(key, ref MemoryMarshal.GetReference(point), (nuint)point.Length, IntPtr.Zero) != 1)
            {
                return Fail(key);
            }
            return new OpenSslEcKey(key, OpenSslEc.CoordinateLengthOf(group));
        }

        /// <summary>A private key from its scalar and its public point (both as the BCL exports them).</summary>
        public static OpenSslEcKey FromPrivateKey(NamedGroup group, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> point)
        {
            if (scalar.IsEmpty || point.IsEmpty) return null;
            EcKeyHandle key = NewKey(group);
            if (OpenSslEcNative.EC_KEY_oct2priv(key, ref MemoryMarshal.GetReference(scalar), (nuint)scalar.Length) != 1
                || OpenSslEcNative.EC_KEY_oct2key(key, ref MemoryMarshal.GetReference(point), (nuint)point.Length, IntPtr.Zero) != 1)
            {
                return Fail(key);
            }
            return new OpenSslEcKey(key, OpenSslEc.CoordinateLengthOf(group));
        }

        /// <summary>Writes 0x04 || X || Y (PublicPointLength bytes) to the start of output.</summary>
        public void ExportPublicPoint(Span<byte> output)
        {
            if (output.Length < PublicPointLength) throw new ArgumentException("output too small", "output");
            IntPtr group = OpenSslEcNative.EC_KEY_get0_group(_key);
            IntPtr point = OpenSslEcNative.EC_KEY_get0_public_key(_key);
            nuint written = OpenSslEcNative.EC_POINT_point2oct(group, point, OpenSslEcNative.UncompressedForm,
                ref MemoryMarshal.GetReference(output), (nuint)PublicPointLength, IntPtr.Zero);
            if (written != (nuint)PublicPointLength)
            {
                OpenSslEcNative.ERR_clear_error();
                throw new CryptographicException("EC_POINT_point2oct failed.");
            }
        }

        /// <summary>
        /// ECDH: the X coordinate of our scalar times the peer's point, into the first
        /// CoordinateLength bytes of output. False when the peer's bytes are not exactly one
        /// uncompressed point on the curve.
        /// </summary>
        public bool DeriveSharedSecret(ReadOnlySpan<byte> peerPoint, Span<byte> output)
        {
            if (output.Length < _coordinateLength) throw new ArgumentException("output too small", "output");
            if (peerPoint.Length != PublicPointLength || peerPoint[0] != UncompressedPointPrefix) return false;

            IntPtr group = OpenSslEcNative.EC_KEY_get0_group(_key);
            IntPtr point = OpenSslEcNative.EC_POINT_new(group);
            if (point == IntPtr.Zero)
            {
                OpenSslEcNative.ERR_clear_error();
                throw new OutOfMemoryException("EC_POINT_new failed.");
            }
            try
            {
                // EC_POINT_oct2point refuses coordinates >= p and points that are not on the curve.
                // P-256 and P-384 have cofactor 1, so every point on the curve other than infinity
                // (which has no uncompressed encoding) is in the prime-order group: no further
                // validation (no second scalar multiplication) is needed.
                if (OpenSslEcNative.EC_POINT_oct2point(group, point, ref MemoryMarshal.GetReference(peerPoint),
                        (nuint)peerPoint.Length, IntPtr.Zero) != 1)
                {
                    OpenSslEcNative.ERR_clear_error();
                    return false;
                }
                int length = OpenSslEcNative.ECDH_compute_key(ref MemoryMarshal.GetReference(output), (nuint)_coordinateLength,
                    point, _key, IntPtr.Zero);
                if (length != _coordinateLength)
                {
                    OpenSslEcNative.ERR_clear_error();
                    output.Slice(0, _coordinateLength).Clear();
                    return false;
                }
                return true;
            }
            finally
            {
                OpenSslEcNative.EC_POINT_free(point);
            }
        }

        /// <summary>ECDSA over a digest; the DER signature's length, or -1 when output is too small.</summary>
        public int SignDigest(ReadOnlySpan<byte> digest, Span<byte> output)
        {
            // ECDSA_sign writes up to ECDSA_size bytes whatever the output's size: sign into a
            // buffer that always fits, then copy.
            Span<byte> signature = stackalloc byte[160];
            int max = MaxSignatureLength;
            if (max <= 0 || max > signature.Length) throw new CryptographicException("ECDSA_size returned " + max + ".");
            uint length;
            if (OpenSslEcNative.ECDSA_sign(0, ref MemoryMarshal.GetReference(digest), digest.Length,
                    ref MemoryMarshal.GetReference(signature), out length, _key) != 1)
            {
                OpenSslEcNative.ERR_clear_error();
                throw new CryptographicException("ECDSA_sign failed.");
            }
            if (length > (uint)output.Length) return -1;
            signature.Slice(0, (int)length).CopyTo(output);
            return (int)length;
        }

        /// <summary>
        /// True only for a valid DER ECDSA signature over the digest. ECDSA_verify refuses
        /// signatures that are not canonical DER or have bytes after the SEQUENCE.
        /// </summary>
        public bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
        {
            if (signature.IsEmpty) return false;
            int result = OpenSslEcNative.ECDSA_verify(0, ref MemoryMarshal.GetReference(digest), digest.Length,
                ref MemoryMarshal.GetReference(signature), signature.Length, _key);
            if (result != 1)
            {
                OpenSslEcNative.ERR_clear_error();
                return false;
            }
            return true;
        }

        public void Dispose()
        {
            _key.Dispose();
        }

        private static EcKeyHandle NewKey(NamedGroup group)
        {
            EcKeyHandle key = OpenSslEcNative.EC_KEY_new_by_curve_name(OpenSslEc.NidOf(group));
            if (key.IsInvalid)
            {
                key.Dispose();
                OpenSslEcNative.ERR_clear_error();
                throw new CryptographicException("EC_KEY_new_by_curve_name failed.");
            }
            return key;
        }

        private static OpenSslEcKey Fail(EcKeyHandle key)
        {
            key.Dispose();
            OpenSslEcNative.ERR_clear_error();
            return null;
        }
    }
}
