using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// Poly1305 (RFC 8439 section 2.5) for whole 16-byte blocks, with the accumulator in three 64-bit
    /// limbs (h0 + h1*2^64 + h2*2^128) and r in two. Products use Math.BigMul and carries are computed
    /// with bit operations, so timing does not depend on the key or the message.
    /// </summary>
    internal struct Poly1305
    {
        private ulong _r0, _r1, _s0, _s1;
        private ulong _h0, _h1, _h2;
        // r^1..r^4 for the AVX2 path, filled on the first long update of a message (null: scalar only).
        private ulong[] _powers;
        private bool _powersReady;
        private int _vectorFromLength;

        /// <summary>Updates of at least this many bytes go through <see cref="Poly1305Avx2"/> when a power table was given.</summary>
        public const int VectorFromLength = 256;

        /// <summary>Starts a MAC with the 32-byte one-time key r || s; r is clamped (RFC 8439 2.5.1).</summary>
        public void Start(ReadOnlySpan<byte> oneTimeKey)
        {
            _r0 = BinaryPrimitives.ReadUInt64LittleEndian(oneTimeKey) & 0x0FFFFFFC0FFFFFFFUL;
            _r1 = BinaryPrimitives.ReadUInt64LittleEndian(oneTimeKey.Slice(8)) & 0x0FFFFFFC0FFFFFFCUL;
            _s0 = BinaryPrimitives.ReadUInt64LittleEndian(oneTimeKey.Slice(16));
            _s1 = BinaryPrimitives.ReadUInt64LittleEndian(oneTimeKey.Slice(24));
            _h0 = _h1 = _h2 = 0;
            _powers = null;
            _powersReady = false;
        }

        /// <summary>
        /// Like <see cref="Start(ReadOnlySpan{byte})"/>, with a caller-owned table of
        /// <see cref="Poly1305Avx2.PowersLength"/> words that lets long updates use AVX2;
        /// <see cref="Clear"/> wipes it.
        /// </summary>
        public void Start(ReadOnlySpan<byte> oneTimeKey, ulong[] powers)
        {
            Start(oneTimeKey, powers, VectorFromLength);
        }

        /// <summary>As above, with the update length from which AVX2 is used (tests force the vector path with 64).</summary>
        internal void Start(ReadOnlySpan<byte> oneTimeKey, ulong[] powers, int vectorFromLength)
        {
            Start(oneTimeKey);
            if (Poly1305Avx2.IsSupported && powers != null && powers.Length >= Poly1305Avx2.PowersLength) _powers = powers;
            _vectorFromLength = Math.Max(64, vectorFromLength);
        }

        /// <summary>Absorbs data as whole blocks, zero-padding the last one (the AEAD construction's padding, RFC 8439 2.8).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void UpdatePadded(ReadOnlySpan<byte> data)
        {
            // The state lives in locals for the loop so that it stays in registers.
            ulong h0 = _h0, h1 = _h1, h2 = _h2, r0 = _r0, r1 = _r1;
            int offset = 0;
            if (_powers != null && data.Length >= _vectorFromLength)
            {
                if (!_powersReady)
                {
                    Poly1305Avx2.ComputePowers(r0, r1, _powers);
                    _powersReady = true;
                }
                offset = Poly1305Avx2.UpdateGroups(ref h0, ref h1, ref h2, _powers, data);
            }
            for (; offset + 16 <= data.Length; offset += 16)
            {
                MultiplyAdd(ref h0, ref h1, ref h2, r0, r1, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset)),
                    BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset + 8)));
            }
            if (offset < data.Length)
            {
                // A zero-initialised vector local rather than a stackalloc: no zeroing helper call.
                Vector128<ulong> last = default;
                data.Slice(offset).CopyTo(MemoryMarshal.AsBytes(new Span<Vector128<ulong>>(ref last)));
                MultiplyAdd(ref h0, ref h1, ref h2, r0, r1, last.GetElement(0), last.GetElement(1));
            }
            _h0 = h0;
            _h1 = h1;
            _h2 = h2;
        }

        /// <summary>
        /// Absorbs the last 1..15 bytes of a plain Poly1305 message: a 0x01 byte follows them and there is
        /// no 2^128 bit (RFC 8439 2.5). The AEAD pads instead; this is for the RFC's MAC test vectors.
        /// </summary>
        public void UpdateFinalPartialBlock(ReadOnlySpan<byte> data)
        {
            if (data.Length == 0 || data.Length >= 16) throw new ArgumentException("A final partial block has 1..15 bytes.");
            Vector128<byte> last = default;
            Span<byte> bytes = MemoryMarshal.AsBytes(new Span<Vector128<byte>>(ref last));
            data.CopyTo(bytes);
            bytes[data.Length] = 1;
            ulong h0 = _h0, h1 = _h1, h2 = _h2;
            MultiplyAdd(ref h0, ref h1, ref h2, _r0, _r1, last.AsUInt64().GetElement(0), last.AsUInt64().GetElement(1), 0);
            _h0 = h0;
            _h1 = h1;
            _h2 = h2;
        }

        /// <summary>Absorbs one block given as two little-endian words.</summary>
        public void Block(ulong m0, ulong m1)
        {
            ulong h0 = _h0, h1 = _h1, h2 = _h2;
            MultiplyAdd(ref h0, ref h1, ref h2, _r0, _r1, m0, m1);
            _h0 = h0;
            _h1 = h1;
            _h2 = h2;
        }

        // h = (h + m + highBit * 2^128) * r, partly reduced modulo 2^130 - 5 (h < 2^131 on entry and exit).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MultiplyAdd(ref ulong h0, ref ulong h1, ref ulong h2, ulong r0, ulong r1, ulong m0, ulong m1,
            ulong highBit = 1)
        {
            ulong carry;
            h0 = Add(h0, m0, 0, out carry);
            h1 = Add(h1, m1, carry, out carry);
            h2 = h2 + carry + highBit; // the 2^128 bit every full block carries

            // h * r; h2 <= 7 and r0, r1 < 2^60 (clamped), so no partial sum overflows.
            ulong h0r0Low, h1r0Low, h0r1Low, h1r1Low;
            ulong h0r0High = Math.BigMul(h0, r0, out h0r0Low);
            ulong h1r0High = Math.BigMul(h1, r0, out h1r0Low);
            ulong h0r1High = Math.BigMul(h0, r1, out h0r1Low);
            ulong h1r1High = Math.BigMul(h1, r1, out h1r1Low);
            ulong h2r0 = h2 * r0;
            ulong h2r1 = h2 * r1;

            ulong m1Low = Add(h1r0Low, h0r1Low, 0, out carry);
            ulong m1High = h1r0High + h0r1High + carry;
            ulong m2Low = Add(h1r1Low, h2r0, 0, out carry);
            ulong m2High = h1r1High + carry;

            ulong t0 = h0r0Low;
            ulong t1 = Add(m1Low, h0r0High, 0, out carry);
            ulong t2 = Add(m2Low, m1High, carry, out carry);
            ulong t3 = m2High + h2r1 + carry;

            // Reduce modulo 2^130 - 5: the part above 2^130, times 5, goes back to the bottom
            // (added once as 4 * high, the bits above 2^130 in place, and once as high).
            ulong c0 = t2 & ~3UL, c1 = t3;
            h0 = Add(t0, c0, 0, out carry);
            h1 = Add(t1, c1, carry, out carry);
            h2 = (t2 & 3) + carry;
            c0 = (c0 >> 2) | (c1 << 62);
            c1 >>= 2;
            h0 = Add(h0, c0, 0, out carry);
            h1 = Add(h1, c1, carry, out carry);
            h2 += carry;
        }

        /// <summary>The 16-byte tag (h mod p) + s mod 2^128, written as two little-endian words.</summary>
        public void Finish(out ulong tag0, out ulong tag1)
        {
            // h < 2p here, so one constant-time conditional subtraction of p = 2^130 - 5 reduces it.
            ulong borrow;
            ulong g0 = Subtract(_h0, 0xFFFFFFFFFFFFFFFBUL, 0, out borrow);
            ulong g1 = Subtract(_h1, 0xFFFFFFFFFFFFFFFFUL, borrow, out borrow);
            Subtract(_h2, 3, borrow, out borrow);
            ulong keepH = 0 - borrow; // all ones when h < p
            ulong h0 = (_h0 & keepH) | (g0 & ~keepH);
            ulong h1 = (_h1 & keepH) | (g1 & ~keepH);

            ulong carry;
            tag0 = Add(h0, _s0, 0, out carry);
            tag1 = Add(h1, _s1, carry, out carry);
        }

        public void Clear()
        {
            if (_powersReady) Array.Clear(_powers);
            this = default;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Add(ulong x, ulong y, ulong carryIn, out ulong carryOut)
        {
            ulong sum = x + y + carryIn;
            carryOut = ((x & y) | ((x | y) & ~sum)) >> 63;
            return sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Subtract(ulong x, ulong y, ulong borrowIn, out ulong borrowOut)
        {
            ulong difference = x - y - borrowIn;
            borrowOut = ((~x & y) | (~(x ^ y) & difference)) >> 63;
            return difference;
        }
    }
}
