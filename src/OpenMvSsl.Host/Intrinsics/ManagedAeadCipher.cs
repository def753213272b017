using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// An AEAD key implemented in managed code with hardware intrinsics: no call into the BCL or
    /// OpenSSL per message, nothing allocated per call. Sealing and opening work in place (the output
    /// may be the very memory of the input). Lengths and nonces are checked by the caller
    /// (<see cref="DotNetAead"/>); these classes only check what they cannot survive.
    /// The per-message methods are marked AggressiveOptimization: unoptimized (tier-0) intrinsics code
    /// is many times slower, and a connection's first records should not pay for it.
    /// </summary>
    internal abstract class ManagedAeadCipher : IDisposable
    {
        /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length) and writes the tag.</summary>
        public abstract void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag);

        /// <summary>
        /// Checks the tag in constant time and decrypts. On failure returns false and
        /// <paramref name="plaintext"/> is zeroed: no unauthenticated plaintext is left behind.
        /// </summary>
        public abstract bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext);

        public abstract void Dispose();

        /// <summary>Up to 16 bytes, zero-padded into a block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static Vector128<byte> LoadPartial(ReadOnlySpan<byte> source)
        {
            Vector128<byte> block = default;
            source.CopyTo(MemoryMarshal.AsBytes(new Span<Vector128<byte>>(ref block)));
            return block;
        }

        /// <summary>The first destination.Length bytes (at most 16) of a block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static void StorePartial(Vector128<byte> block, Span<byte> destination)
        {
            MemoryMarshal.AsBytes(new ReadOnlySpan<Vector128<byte>>(in block)).Slice(0, destination.Length).CopyTo(destination);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static Vector128<byte> Load(ReadOnlySpan<byte> source, int offset)
        {
            return Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static void Store(Vector128<byte> block, Span<byte> destination, int offset)
        {
            block.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
        }

        /// <summary>Constant-time comparison of the first tag.Length bytes of <paramref name="expected"/> with <paramref name="tag"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static bool TagMatches(Vector128<byte> expected, ReadOnlySpan<byte> tag)
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<Vector128<byte>>(in expected));
            return TagEquals(LoadPartial(bytes.Slice(0, tag.Length)), LoadPartial(tag));
        }

        // Whole-vector comparison: one compare and one mask test whatever the bytes, so it takes the same
        // time for every tag (CryptographicOperations.FixedTimeEquals is kept unoptimised by the runtime and
        // costs tens of nanoseconds, a fifth of a short record's open).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static bool TagEquals(Vector128<byte> expected, Vector128<byte> received)
        {
            return (expected ^ received) == Vector128<byte>.Zero;
        }
    }
}
