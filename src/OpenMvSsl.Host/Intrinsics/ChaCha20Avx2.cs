using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// ChaCha20 block function (RFC 8439 section 2.3) with AVX2, in two shapes:
    /// <see cref="Blocks2"/> keeps one block per 128-bit half in row form (state rows a, b, c, d), which
    /// is the cheapest way to make the two blocks a short record needs (Poly1305 key + 64 bytes);
    /// <see cref="Blocks8"/> keeps state word i of eight blocks in one vector, for bulk keystream.
    /// Where AVX-512VL exists its rotate instruction replaces shift/shift/or. No branch depends on data.
    /// </summary>
    internal static class ChaCha20Avx2
    {
        public static bool IsSupported { get { return Avx2.IsSupported; } }

        // "expand 32-byte k"
        private const uint Sigma0 = 0x61707865u, Sigma1 = 0x3320646eu, Sigma2 = 0x79622d32u, Sigma3 = 0x6b206574u;

        private static readonly Vector256<byte> Rotate16 = Vector256.Create(
            (byte)2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
        private static readonly Vector256<byte> Rotate8 = Vector256.Create(
            (byte)3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);

        /// <summary>Blocks with counters counter and counter+1: 128 bytes of keystream into output.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Blocks2(uint[] key, uint counter, uint n0, uint n1, uint n2, Span<byte> output)
        {
            if (output.Length < 128) throw new ArgumentException("ChaCha20 needs 128 bytes of output.");
            Vector128<uint> keyLow = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(key));
            Vector128<uint> keyHigh = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(key), 4);
            Vector256<uint> a0 = Vector256.Create(Sigma0, Sigma1, Sigma2, Sigma3, Sigma0, Sigma1, Sigma2, Sigma3);
            Vector256<uint> b0 = Vector256.Create(keyLow, keyLow);
            Vector256<uint> c0 = Vector256.Create(keyHigh, keyHigh);
            Vector256<uint> d0 = Vector256.Create(counter, n0, n1, n2, counter + 1, n0, n1, n2);
            Vector256<uint> a = a0, b = b0, c = c0, d = d0;

            for (int i = 0; i < 10; i++)
            {
                // Column round: lane j of a, b, c, d is column j.
                RowRound(ref a, ref b, ref c, ref d);
                // Diagonal round: line diagonals up as columns by moving rows a, c, d (by 1, -1, 2 words)
                // and not b, which the next step needs first: its shuffle would lengthen the dependency chain.
                a = Avx2.Shuffle(a, 0x93);
                c = Avx2.Shuffle(c, 0x39);
                d = Avx2.Shuffle(d, 0x4E);
                RowRound(ref a, ref b, ref c, ref d);
                a = Avx2.Shuffle(a, 0x39);
                c = Avx2.Shuffle(c, 0x93);
                d = Avx2.Shuffle(d, 0x4E);
            }
            a += a0; b += b0; c += c0; d += d0;

            // Low halves are the first block, high halves the second.
            ref byte start = ref MemoryMarshal.GetReference(output);
            Avx2.Permute2x128(a, b, 0x20).AsByte().StoreUnsafe(ref start, 0);
            Avx2.Permute2x128(c, d, 0x20).AsByte().StoreUnsafe(ref start, 32);
            Avx2.Permute2x128(a, b, 0x31).AsByte().StoreUnsafe(ref start, 64);
            Avx2.Permute2x128(c, d, 0x31).AsByte().StoreUnsafe(ref start, 96);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void RowRound(ref Vector256<uint> a, ref Vector256<uint> b, ref Vector256<uint> c, ref Vector256<uint> d)
        {
            a += b; d = RotateLeft16(d ^ a);
            c += d; b = RotateLeft12(b ^ c);
            a += b; d = RotateLeft8(d ^ a);
            c += d; b = RotateLeft7(b ^ c);
        }

        /// <summary>Blocks with counters counter..counter+7: 512 bytes of keystream into output.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Blocks8(uint[] key, uint counter, uint n0, uint n1, uint n2, Span<byte> output)
        {
            if (output.Length < 512) throw new ArgumentException("ChaCha20 needs 512 bytes of output.");
            if (key.Length < 8) throw new ArgumentException("ChaCha20 needs an 8-word key.");
            Vector256<uint> x0 = Vector256.Create(Sigma0), x1 = Vector256.Create(Sigma1);
            Vector256<uint> x2 = Vector256.Create(Sigma2), x3 = Vector256.Create(Sigma3);
            Vector256<uint> x4 = Vector256.Create(key[0]), x5 = Vector256.Create(key[1]);
            Vector256<uint> x6 = Vector256.Create(key[2]), x7 = Vector256.Create(key[3]);
            Vector256<uint> x8 = Vector256.Create(key[4]), x9 = Vector256.Create(key[5]);
            Vector256<uint> x10 = Vector256.Create(key[6]), x11 = Vector256.Create(key[7]);
            Vector256<uint> counters = Vector256.Create(counter) + Vector256.Create(0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u);
            Vector256<uint> x12 = counters;
            Vector256<uint> x13 = Vector256.Create(n0), x14 = Vector256.Create(n1), x15 = Vector256.Create(n2);

            for (int i = 0; i < 10; i++)
            {
                QuarterRound(ref x0, ref x4, ref x8, ref x12);
                QuarterRound(ref x1, ref x5, ref x9, ref x13);
                QuarterRound(ref x2, ref x6, ref x10, ref x14);
                QuarterRound(ref x3, ref x7, ref x11, ref x15);
                QuarterRound(ref x0, ref x5, ref x10, ref x15);
                QuarterRound(ref x1, ref x6, ref x11, ref x12);
                QuarterRound(ref x2, ref x7, ref x8, ref x13);
                QuarterRound(ref x3, ref x4, ref x9, ref x14);
            }

            x0 += Vector256.Create(Sigma0); x1 += Vector256.Create(Sigma1);
            x2 += Vector256.Create(Sigma2); x3 += Vector256.Create(Sigma3);
            x4 += Vector256.Create(key[0]); x5 += Vector256.Create(key[1]);
            x6 += Vector256.Create(key[2]); x7 += Vector256.Create(key[3]);
            x8 += Vector256.Create(key[4]); x9 += Vector256.Create(key[5]);
            x10 += Vector256.Create(key[6]); x11 += Vector256.Create(key[7]);
            x12 += counters;
            x13 += Vector256.Create(n0); x14 += Vector256.Create(n1); x15 += Vector256.Create(n2);

            ref byte start = ref MemoryMarshal.GetReference(output);
            StoreTransposed(x0, x1, x2, x3, ref start, 0);
            StoreTransposed(x4, x5, x6, x7, ref start, 16);
            StoreTransposed(x8, x9, x10, x11, ref start, 32);
            StoreTransposed(x12, x13, x14, x15, ref start, 48);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void QuarterRound(ref Vector256<uint> a, ref Vector256<uint> b, ref Vector256<uint> c, ref Vector256<uint> d)
        {
            a += b; d = RotateLeft16(d ^ a);
            c += d; b = RotateLeft12(b ^ c);
            a += b; d = RotateLeft8(d ^ a);
            c += d; b = RotateLeft7(b ^ c);
        }

        // Words w..w+3 of blocks 0..7 (one vector per word, block k in lane k) become 16 bytes at
        // offset w*4 of each block. The unpacks work within 128-bit halves, so the low half holds
        // blocks 0..3 and the high half blocks 4..7.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreTransposed(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c, Vector256<uint> d,
            ref byte start, int offset)
        {
            Vector256<ulong> ab01 = Avx2.UnpackLow(a, b).AsUInt64();
            Vector256<ulong> cd01 = Avx2.UnpackLow(c, d).AsUInt64();
            Vector256<ulong> ab23 = Avx2.UnpackHigh(a, b).AsUInt64();
            Vector256<ulong> cd23 = Avx2.UnpackHigh(c, d).AsUInt64();
            Vector256<byte> block04 = Avx2.UnpackLow(ab01, cd01).AsByte();
            Vector256<byte> block15 = Avx2.UnpackHigh(ab01, cd01).AsByte();
            Vector256<byte> block26 = Avx2.UnpackLow(ab23, cd23).AsByte();
            Vector256<byte> block37 = Avx2.UnpackHigh(ab23, cd23).AsByte();
            block04.GetLower().StoreUnsafe(ref start, (nuint)offset);
            block15.GetLower().StoreUnsafe(ref start, (nuint)(offset + 64));
            block26.GetLower().StoreUnsafe(ref start, (nuint)(offset + 128));
            block37.GetLower().StoreUnsafe(ref start, (nuint)(offset + 192));
            block04.GetUpper().StoreUnsafe(ref start, (nuint)(offset + 256));
            block15.GetUpper().StoreUnsafe(ref start, (nuint)(offset + 320));
            block26.GetUpper().StoreUnsafe(ref start, (nuint)(offset + 384));
            block37.GetUpper().StoreUnsafe(ref start, (nuint)(offset + 448));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<uint> RotateLeft16(Vector256<uint> x)
        {
            if (Avx512F.VL.IsSupported) return Avx512F.VL.RotateLeft(x, 16);
            return Avx2.Shuffle(x.AsByte(), Rotate16).AsUInt32();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<uint> RotateLeft12(Vector256<uint> x)
        {
            if (Avx512F.VL.IsSupported) return Avx512F.VL.RotateLeft(x, 12);
            return Avx2.ShiftLeftLogical(x, 12) | Avx2.ShiftRightLogical(x, 20);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<uint> RotateLeft8(Vector256<uint> x)
        {
            if (Avx512F.VL.IsSupported) return Avx512F.VL.RotateLeft(x, 8);
            return Avx2.Shuffle(x.AsByte(), Rotate8).AsUInt32();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<uint> RotateLeft7(Vector256<uint> x)
        {
            if (Avx512F.VL.IsSupported) return Avx512F.VL.RotateLeft(x, 7);
            return Avx2.ShiftLeftLogical(x, 7) | Avx2.ShiftRightLogical(x, 25);
        }
    }
}
