using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// GF(2^128) arithmetic for GHASH (NIST SP 800-38D section 6.3) with carry-less multiplication.
    /// Blocks are byte-reversed on the way in, so a block's bit order is reflected; the 256-bit
    /// product of two reflected values is then shifted left by one bit before the reduction modulo
    /// x^128 + x^7 + x^2 + x + 1 (the method of Gueron and Kounavis, Intel's CLMUL white paper).
    /// Reduction is linear, so several products can be summed and reduced once.
    /// </summary>
    internal static class Ghash
    {
        public static bool IsSupported { get { return Pclmulqdq.IsSupported && Ssse3.IsSupported && Sse2.IsSupported; } }

        private static readonly Vector128<byte> ReverseBytes =
            Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

        /// <summary>A GHASH block (as it appears in memory) in the reflected form the multiplier works on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<ulong> Reflect(Vector128<byte> block)
        {
            return Ssse3.Shuffle(block, ReverseBytes).AsUInt64();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Unreflect(Vector128<ulong> value)
        {
            return Ssse3.Shuffle(value.AsByte(), ReverseBytes);
        }

        /// <summary>a * b in GF(2^128), both reflected.</summary>
        public static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
        {
            Vector128<ulong> low = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
            Vector128<ulong> high = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
            Vector128<ulong> middle = Pclmulqdq.CarrylessMultiply(a, b, 0x01) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x10);
            return Reduce(low, high, middle);
        }

        /// <summary>(y ^ x1)*h4 ^ x2*h3 ^ x3*h2 ^ x4*h1 with one reduction: four GHASH steps at once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<ulong> Multiply4(Vector128<ulong> y, Vector128<ulong> x1, Vector128<ulong> x2, Vector128<ulong> x3,
            Vector128<ulong> x4, Vector128<ulong> h1, Vector128<ulong> h2, Vector128<ulong> h3, Vector128<ulong> h4)
        {
            Vector128<ulong> a = y ^ x1;
            Vector128<ulong> low = Pclmulqdq.CarrylessMultiply(a, h4, 0x00) ^ Pclmulqdq.CarrylessMultiply(x2, h3, 0x00)
                ^ Pclmulqdq.CarrylessMultiply(x3, h2, 0x00) ^ Pclmulqdq.CarrylessMultiply(x4, h1, 0x00);
            Vector128<ulong> high = Pclmulqdq.CarrylessMultiply(a, h4, 0x11) ^ Pclmulqdq.CarrylessMultiply(x2, h3, 0x11)
                ^ Pclmulqdq.CarrylessMultiply(x3, h2, 0x11) ^ Pclmulqdq.CarrylessMultiply(x4, h1, 0x11);
            Vector128<ulong> middle = Pclmulqdq.CarrylessMultiply(a, h4, 0x01) ^ Pclmulqdq.CarrylessMultiply(a, h4, 0x10)
                ^ Pclmulqdq.CarrylessMultiply(x2, h3, 0x01) ^ Pclmulqdq.CarrylessMultiply(x2, h3, 0x10)
                ^ Pclmulqdq.CarrylessMultiply(x3, h2, 0x01) ^ Pclmulqdq.CarrylessMultiply(x3, h2, 0x10)
                ^ Pclmulqdq.CarrylessMultiply(x4, h1, 0x01) ^ Pclmulqdq.CarrylessMultiply(x4, h1, 0x10);
            return Reduce(low, high, middle);
        }

        // low + middle*x^64 + high*x^128, shifted left one bit, reduced to 128 bits.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<ulong> Reduce(Vector128<ulong> low, Vector128<ulong> high, Vector128<ulong> middle)
        {
            low ^= Sse2.ShiftLeftLogical128BitLane(middle, 8);
            high ^= Sse2.ShiftRightLogical128BitLane(middle, 8);

            // Shift the 256-bit high:low left by one bit (the reflection's off-by-one).
            Vector128<uint> lo = low.AsUInt32();
            Vector128<uint> hi = high.AsUInt32();
            Vector128<uint> loCarries = Sse2.ShiftRightLogical(lo, 31);
            Vector128<uint> hiCarries = Sse2.ShiftRightLogical(hi, 31);
            Vector128<uint> crossing = Sse2.ShiftRightLogical128BitLane(loCarries, 12);
            lo = Sse2.ShiftLeftLogical(lo, 1) | Sse2.ShiftLeftLogical128BitLane(loCarries, 4);
            hi = Sse2.ShiftLeftLogical(hi, 1) | Sse2.ShiftLeftLogical128BitLane(hiCarries, 4) | crossing;

            // Fold the low half into the high half modulo x^128 + x^7 + x^2 + x + 1 (reflected).
            Vector128<uint> folded = Sse2.ShiftLeftLogical(lo, 31) ^ Sse2.ShiftLeftLogical(lo, 30) ^ Sse2.ShiftLeftLogical(lo, 25);
            Vector128<uint> foldedOut = Sse2.ShiftRightLogical128BitLane(folded, 4);
            lo ^= Sse2.ShiftLeftLogical128BitLane(folded, 12);
            Vector128<uint> second = Sse2.ShiftRightLogical(lo, 1) ^ Sse2.ShiftRightLogical(lo, 2) ^ Sse2.ShiftRightLogical(lo, 7) ^ foldedOut;
            return (hi ^ lo ^ second).AsUInt64();
        }
    }
}
