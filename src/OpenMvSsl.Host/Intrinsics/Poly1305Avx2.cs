using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// Poly1305 (RFC 8439 section 2.5) over groups of four 16-byte blocks with AVX2. Numbers are five
    /// 26-bit limbs, one per 64-bit lane element, so every product of limbs (vpmuludq, 32 x 32 bits) and
    /// every sum of five of them fits in 64 bits without carries. Four accumulators run side by side,
    /// lane j taking blocks j, j+4, j+8, ...; each group multiplies all of them by r^4, and the last
    /// step multiplies lane j by the power of r that its final block needs and adds the lanes.
    /// The accumulator enters and leaves in <see cref="Poly1305"/>'s three 64-bit limbs.
    /// </summary>
    internal static class Poly1305Avx2
    {
        public static bool IsSupported { get { return Avx2.IsSupported; } }

        /// <summary>Length of the table <see cref="ComputePowers"/> fills: r^1..r^4, five limbs each.</summary>
        public const int PowersLength = 20;

        private const ulong LimbMask = (1UL << 26) - 1;

        /// <summary>powers[5*(k-1) + i] = limb i of r^k mod 2^130-5 for k = 1..4 (limbs may exceed 26 bits slightly).</summary>
        public static void ComputePowers(ulong r0, ulong r1, Span<ulong> powers)
        {
            if (powers.Length < PowersLength) throw new ArgumentException("The Poly1305 power table needs 20 entries.");
            powers[0] = r0 & LimbMask;
            powers[1] = (r0 >> 26) & LimbMask;
            powers[2] = ((r0 >> 52) | (r1 << 12)) & LimbMask;
            powers[3] = (r1 >> 14) & LimbMask;
            powers[4] = r1 >> 40;
            MultiplyScalar(powers.Slice(0, 5), powers.Slice(0, 5), powers.Slice(5, 5));
            MultiplyScalar(powers.Slice(5, 5), powers.Slice(0, 5), powers.Slice(10, 5));
            MultiplyScalar(powers.Slice(10, 5), powers.Slice(0, 5), powers.Slice(15, 5));
        }

        // c = a * b mod 2^130-5 in 26-bit limbs, carried once round (limbs end below 2^26 + 2^8).
        private static void MultiplyScalar(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> c)
        {
            ulong s1 = b[1] * 5, s2 = b[2] * 5, s3 = b[3] * 5, s4 = b[4] * 5;
            ulong d0 = a[0] * b[0] + a[1] * s4 + a[2] * s3 + a[3] * s2 + a[4] * s1;
            ulong d1 = a[0] * b[1] + a[1] * b[0] + a[2] * s4 + a[3] * s3 + a[4] * s2;
            ulong d2 = a[0] * b[2] + a[1] * b[1] + a[2] * b[0] + a[3] * s4 + a[4] * s3;
            ulong d3 = a[0] * b[3] + a[1] * b[2] + a[2] * b[1] + a[3] * b[0] + a[4] * s4;
            ulong d4 = a[0] * b[4] + a[1] * b[3] + a[2] * b[2] + a[3] * b[1] + a[4] * b[0];
            ulong carry;
            carry = d0 >> 26; d0 &= LimbMask; d1 += carry;
            carry = d1 >> 26; d1 &= LimbMask; d2 += carry;
            carry = d2 >> 26; d2 &= LimbMask; d3 += carry;
            carry = d3 >> 26; d3 &= LimbMask; d4 += carry;
            carry = d4 >> 26; d4 &= LimbMask; d0 += carry * 5;
            carry = d0 >> 26; d0 &= LimbMask; d1 += carry;
            c[0] = d0; c[1] = d1; c[2] = d2; c[3] = d3; c[4] = d4;
        }

        /// <summary>
        /// Absorbs the whole 64-byte groups at the start of data (each block with its 2^128 bit) into
        /// h = h0 + h1*2^64 + h2*2^128 (h2 small), using the table from <see cref="ComputePowers"/>.
        /// Returns the number of bytes absorbed (a multiple of 64).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int UpdateGroups(ref ulong h0, ref ulong h1, ref ulong h2, ReadOnlySpan<ulong> powers, ReadOnlySpan<byte> data)
        {
            int groups = data.Length / 64;
            if (groups == 0) return 0;
            if (powers.Length < PowersLength) throw new ArgumentException("The Poly1305 power table needs 20 entries.");
            ref byte start = ref MemoryMarshal.GetReference(data);
            Vector256<ulong> mask = Vector256.Create(LimbMask);

            // The running value enters lane 0, which holds the first block.
            Vector256<ulong> m0, m1, m2, m3, m4;
            LoadGroup(ref start, 0, mask, out m0, out m1, out m2, out m3, out m4);
            Vector256<ulong> a0 = m0 + Vector256.Create(h0 & LimbMask, 0, 0, 0);
            Vector256<ulong> a1 = m1 + Vector256.Create((h0 >> 26) & LimbMask, 0, 0, 0);
            Vector256<ulong> a2 = m2 + Vector256.Create(((h0 >> 52) | (h1 << 12)) & LimbMask, 0, 0, 0);
            Vector256<ulong> a3 = m3 + Vector256.Create((h1 >> 14) & LimbMask, 0, 0, 0);
            Vector256<ulong> a4 = m4 + Vector256.Create((h1 >> 40) | (h2 << 24), 0, 0, 0);

            if (groups > 1)
            {
                Vector256<ulong> r0 = Vector256.Create(powers[15]), r1 = Vector256.Create(powers[16]);
                Vector256<ulong> r2 = Vector256.Create(powers[17]), r3 = Vector256.Create(powers[18]);
                Vector256<ulong> r4 = Vector256.Create(powers[19]);
                Vector256<ulong> s1 = Times5(r1), s2 = Times5(r2), s3 = Times5(r3), s4 = Times5(r4);
                for (int group = 1; group < groups; group++)
                {
                    Multiply(ref a0, ref a1, ref a2, ref a3, ref a4, r0, r1, r2, r3, r4, s1, s2, s3, s4, mask);
                    LoadGroup(ref start, group * 64, mask, out m0, out m1, out m2, out m3, out m4);
                    a0 += m0; a1 += m1; a2 += m2; a3 += m3; a4 += m4;
                }
            }

            // Lanes hold blocks 0, 2, 1, 3 of each group (see LoadGroup): multiply them by r^4, r^2, r^3, r^1.
            {
                Vector256<ulong> r0 = Vector256.Create(powers[15], powers[5], powers[10], powers[0]);
                Vector256<ulong> r1 = Vector256.Create(powers[16], powers[6], powers[11], powers[1]);
                Vector256<ulong> r2 = Vector256.Create(powers[17], powers[7], powers[12], powers[2]);
                Vector256<ulong> r3 = Vector256.Create(powers[18], powers[8], powers[13], powers[3]);
                Vector256<ulong> r4 = Vector256.Create(powers[19], powers[9], powers[14], powers[4]);
                Multiply(ref a0, ref a1, ref a2, ref a3, ref a4, r0, r1, r2, r3, r4, Times5(r1), Times5(r2), Times5(r3), Times5(r4), mask);
            }

            // Add the lanes (each below 2^27, so the sums stay small), carry fully, and go back to 64-bit limbs.
            ulong d0 = Vector256.Sum(a0), d1 = Vector256.Sum(a1), d2 = Vector256.Sum(a2), d3 = Vector256.Sum(a3), d4 = Vector256.Sum(a4);
            ulong carry;
            carry = d0 >> 26; d0 &= LimbMask; d1 += carry;
            carry = d1 >> 26; d1 &= LimbMask; d2 += carry;
            carry = d2 >> 26; d2 &= LimbMask; d3 += carry;
            carry = d3 >> 26; d3 &= LimbMask; d4 += carry;
            carry = d4 >> 26; d4 &= LimbMask; d0 += carry * 5;
            carry = d0 >> 26; d0 &= LimbMask; d1 += carry;
            carry = d1 >> 26; d1 &= LimbMask; d2 += carry;
            carry = d2 >> 26; d2 &= LimbMask; d3 += carry;
            carry = d3 >> 26; d3 &= LimbMask; d4 += carry;
            // d0..d3 are now below 2^26, so the limbs do not overlap; d4's bits above 24 are h2.
            h0 = d0 | (d1 << 26) | (d2 << 52);
            h1 = (d2 >> 12) | (d3 << 14) | (d4 << 40);
            h2 = d4 >> 24;
            return groups * 64;
        }

        // Four blocks at offset as 26-bit limbs, lanes in the order blocks 0, 2, 1, 3, each with its 2^128 bit.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LoadGroup(ref byte start, int offset, Vector256<ulong> mask, out Vector256<ulong> m0,
            out Vector256<ulong> m1, out Vector256<ulong> m2, out Vector256<ulong> m3, out Vector256<ulong> m4)
        {
            Vector256<ulong> blocks01 = Vector256.LoadUnsafe(ref start, (nuint)offset).AsUInt64();
            Vector256<ulong> blocks23 = Vector256.LoadUnsafe(ref start, (nuint)(offset + 32)).AsUInt64();
            Vector256<ulong> low = Avx2.UnpackLow(blocks01, blocks23);
            Vector256<ulong> high = Avx2.UnpackHigh(blocks01, blocks23);
            m0 = low & mask;
            m1 = Avx2.ShiftRightLogical(low, 26) & mask;
            m2 = (Avx2.ShiftRightLogical(low, 52) | Avx2.ShiftLeftLogical(high, 12)) & mask;
            m3 = Avx2.ShiftRightLogical(high, 14) & mask;
            m4 = Avx2.ShiftRightLogical(high, 40) | Vector256.Create(1UL << 24);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> Times5(Vector256<ulong> x)
        {
            return Avx2.ShiftLeftLogical(x, 2) + x;
        }

        // a = a * r mod 2^130-5 lane by lane (s = 5r for the limbs that wrap past 2^130), carried once round.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Multiply(ref Vector256<ulong> a0, ref Vector256<ulong> a1, ref Vector256<ulong> a2,
            ref Vector256<ulong> a3, ref Vector256<ulong> a4, Vector256<ulong> r0, Vector256<ulong> r1, Vector256<ulong> r2,
            Vector256<ulong> r3, Vector256<ulong> r4, Vector256<ulong> s1, Vector256<ulong> s2, Vector256<ulong> s3,
            Vector256<ulong> s4, Vector256<ulong> mask)
        {
            Vector256<uint> x0 = a0.AsUInt32(), x1 = a1.AsUInt32(), x2 = a2.AsUInt32(), x3 = a3.AsUInt32(), x4 = a4.AsUInt32();
            Vector256<ulong> d0 = Avx2.Multiply(x0, r0.AsUInt32()) + Avx2.Multiply(x1, s4.AsUInt32()) + Avx2.Multiply(x2, s3.AsUInt32())
                + Avx2.Multiply(x3, s2.AsUInt32()) + Avx2.Multiply(x4, s1.AsUInt32());
            Vector256<ulong> d1 = Avx2.Multiply(x0, r1.AsUInt32()) + Avx2.Multiply(x1, r0.AsUInt32()) + Avx2.Multiply(x2, s4.AsUInt32())
                + Avx2.Multiply(x3, s3.AsUInt32()) + Avx2.Multiply(x4, s2.AsUInt32());
            Vector256<ulong> d2 = Avx2.Multiply(x0, r2.AsUInt32()) + Avx2.Multiply(x1, r1.AsUInt32()) + Avx2.Multiply(x2, r0.AsUInt32())
                + Avx2.Multiply(x3, s4.AsUInt32()) + Avx2.Multiply(x4, s3.AsUInt32());
            Vector256<ulong> d3 = Avx2.Multiply(x0, r3.AsUInt32()) + Avx2.Multiply(x1, r2.AsUInt32()) + Avx2.Multiply(x2, r1.AsUInt32())
                + Avx2.Multiply(x3, r0.AsUInt32()) + Avx2.Multiply(x4, s4.AsUInt32());
            Vector256<ulong> d4 = Avx2.Multiply(x0, r4.AsUInt32()) + Avx2.Multiply(x1, r3.AsUInt32()) + Avx2.Multiply(x2, r2.AsUInt32())
                + Avx2.Multiply(x3, r1.AsUInt32()) + Avx2.Multiply(x4, r0.AsUInt32());
            Vector256<ulong> carry;
            carry = Avx2.ShiftRightLogical(d0, 26); d0 &= mask; d1 += carry;
            carry = Avx2.ShiftRightLogical(d3, 26); d3 &= mask; d4 += carry;
            carry = Avx2.ShiftRightLogical(d1, 26); d1 &= mask; d2 += carry;
            carry = Avx2.ShiftRightLogical(d4, 26); d4 &= mask; d0 += Times5(carry);
            carry = Avx2.ShiftRightLogical(d2, 26); d2 &= mask; d3 += carry;
            carry = Avx2.ShiftRightLogical(d0, 26); d0 &= mask; d1 += carry;
            carry = Avx2.ShiftRightLogical(d3, 26); d3 &= mask; d4 += carry;
            a0 = d0; a1 = d1; a2 = d2; a3 = d3; a4 = d4;
        }
    }
}
