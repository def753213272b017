using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// ChaCha20-Poly1305 (RFC 8439 section 2.8) with a 12-byte nonce and a 16-byte tag. The first
    /// keystream pass of a message yields the Poly1305 key (block 0) and keystream from block 1 on.
    /// With AVX2 a pass is two blocks (<see cref="ChaCha20Avx2.Blocks2"/>: the Poly1305 key and the
    /// 64 bytes a short record needs) or eight (<see cref="ChaCha20Avx2.Blocks8"/>), and long Poly1305
    /// updates use <see cref="Poly1305Avx2"/>; with SSSE3 only, a pass is four blocks with one state word
    /// of all four per Vector128. Poly1305 is <see cref="Poly1305"/>.
    /// </summary>
    internal sealed class ManagedChaCha20Poly1305 : ManagedAeadCipher
    {
        public const int NonceLength = 12;
        public const int TagLength = 16;
        private const int LongestPass = 512;

        public static bool IsSupported { get { return Sse2.IsSupported && Ssse3.IsSupported; } }

        private static readonly Vector128<byte> Rotate16 =
            Vector128.Create((byte)2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
        private static readonly Vector128<byte> Rotate8 =
            Vector128.Create((byte)3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);

        private readonly uint[] _key = new uint[8];
        // One pass of keystream; rewritten on every pass and wiped after each message.
        private readonly byte[] _keystream = new byte[LongestPass];
        private readonly bool _useAvx2;
        // Poly1305's r^1..r^4 for the current message (AVX2 path); wiped after each message.
        private readonly ulong[] _polyPowers = new ulong[Poly1305Avx2.PowersLength];

        public ManagedChaCha20Poly1305(ReadOnlySpan<byte> key) : this(key, true)
        {
        }

        /// <summary>A key; <paramref name="allowAvx2"/> false keeps the SSSE3 four-block path (tests cover both).</summary>
        internal ManagedChaCha20Poly1305(ReadOnlySpan<byte> key, bool allowAvx2)
        {
            _useAvx2 = allowAvx2 && ChaCha20Avx2.IsSupported;
            if (key.Length != 32) throw new SslException(SslError.InvalidArgument, "ChaCha20 needs a 32-byte key.");
            for (int i = 0; i < 8; i++) _key[i] = BinaryPrimitives.ReadUInt32LittleEndian(key.Slice(4 * i));
        }

        public override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag)
        {
            Vector128<byte> expected = Run(nonce, additionalData, plaintext, ciphertext, false);
            Store(expected, tag.Slice(0, TagLength), 0);
        }

        public override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext)
        {
            Vector128<byte> expected = Run(nonce, additionalData, ciphertext, plaintext, true);
            if (tag.Length == TagLength && TagEquals(expected, Load(tag, 0))) return true;
            plaintext.Slice(0, ciphertext.Length).Clear();
            return false;
        }

        public override void Dispose()
        {
            Array.Clear(_key);
            Array.Clear(_keystream);
            Array.Clear(_polyPowers);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Vector128<byte> Run(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> input,
            Span<byte> output, bool decrypting)
        {
            if (nonce.Length != NonceLength) throw new SslException(SslError.InvalidArgument, "ChaCha20-Poly1305 takes a 12-byte nonce.");
            if (output.Length < input.Length) throw new SslException(SslError.BufferTooSmall, "ChaCha20 output is shorter than its input.");
            uint n0 = BinaryPrimitives.ReadUInt32LittleEndian(nonce);
            uint n1 = BinaryPrimitives.ReadUInt32LittleEndian(nonce.Slice(4));
            uint n2 = BinaryPrimitives.ReadUInt32LittleEndian(nonce.Slice(8));
            Span<byte> keystream = _keystream;
            int length = input.Length;
            bool wide = _useAvx2;

            // The first pass starts at block 0, whose first 32 bytes are the one-time Poly1305 key
            // (RFC 8439 2.6); the rest of the pass is keystream from block 1 on.
            int passBytes = KeystreamPass(0, n0, n1, n2, length, wide, keystream);
            int used = passBytes;
            Poly1305 mac = default;
            mac.Start(keystream.Slice(0, 32), _useAvx2 ? _polyPowers : null);
            mac.UpdatePadded(additionalData);

            int offset = 0;
            int available = passBytes - 64; // keystream bytes left in this pass, starting at block 1
            int keystreamOffset = 64;
            uint counter = (uint)(passBytes / 64);
            while (offset < length)
            {
                if (available == 0)
                {
                    passBytes = KeystreamPass(counter, n0, n1, n2, length - offset, wide, keystream);
                    if (passBytes > used) used = passBytes;
                    counter += (uint)(passBytes / 64);
                    available = passBytes;
                    keystreamOffset = 0;
                }
                int take = Math.Min(available, length - offset);
                ReadOnlySpan<byte> inputPart = input.Slice(offset, take);
                Span<byte> outputPart = output.Slice(offset, take);
                if (decrypting) mac.UpdatePadded(inputPart); // take is a multiple of 16 except at the end
                Xor(inputPart, keystream.Slice(keystreamOffset, take), outputPart);
                if (!decrypting) mac.UpdatePadded(outputPart);
                offset += take;
                available -= take;
                keystreamOffset += take;
            }
            keystream.Slice(0, used).Clear();

            mac.Block((ulong)additionalData.Length, (ulong)length);
            ulong tag0, tag1;
            mac.Finish(out tag0, out tag1);
            mac.Clear();
            return Vector128.Create(tag0, tag1).AsByte();
        }

        // One pass of keystream blocks from counter on into the keystream buffer; returns its length.
        // With AVX2: two blocks (row form, latency-bound: about 3/4 of the time of eight) when they finish
        // the message (the first pass gives one block of keystream besides the Poly1305 key), else eight.
        // The choice depends only on the public length.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int KeystreamPass(uint counter, uint n0, uint n1, uint n2, int remaining, bool wide, Span<byte> keystream)
        {
            if (!wide)
            {
                Blocks4(counter, n0, n1, n2, keystream);
                return 256;
            }
            if (remaining > (counter == 0 ? 64 : 128))
            {
                ChaCha20Avx2.Blocks8(_key, counter, n0, n1, n2, keystream);
                return 512;
            }
            ChaCha20Avx2.Blocks2(_key, counter, n0, n1, n2, keystream);
            return 128;
        }

        // output = input ^ keystream; output may be input's memory.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Xor(ReadOnlySpan<byte> input, ReadOnlySpan<byte> keystream, Span<byte> output)
        {
            int i = 0;
            for (; i + 16 <= input.Length; i += 16) Store(Load(input, i) ^ Load(keystream, i), output, i);
            if (i < input.Length)
            {
                int rest = input.Length - i;
                StorePartial(LoadPartial(input.Slice(i)) ^ LoadPartial(keystream.Slice(i, rest)), output.Slice(i, rest));
            }
        }

        // Four ChaCha20 blocks with counters counter..counter+3 (RFC 8439 2.3), 256 bytes into output
        // (always _keystream, which is exactly that long).
        // Vector x_i holds state word i of the four blocks; the result is transposed back to block order.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Blocks4(uint counter, uint n0, uint n1, uint n2, Span<byte> output)
        {
            uint[] key = _key;
            Vector128<uint> x0 = Vector128.Create(0x61707865u), x1 = Vector128.Create(0x3320646eu);
            Vector128<uint> x2 = Vector128.Create(0x79622d32u), x3 = Vector128.Create(0x6b206574u);
            Vector128<uint> x4 = Vector128.Create(key[0]), x5 = Vector128.Create(key[1]);
            Vector128<uint> x6 = Vector128.Create(key[2]), x7 = Vector128.Create(key[3]);
            Vector128<uint> x8 = Vector128.Create(key[4]), x9 = Vector128.Create(key[5]);
            Vector128<uint> x10 = Vector128.Create(key[6]), x11 = Vector128.Create(key[7]);
            Vector128<uint> counters = Vector128.Create(counter) + Vector128.Create(0u, 1u, 2u, 3u);
            Vector128<uint> x12 = counters;
            Vector128<uint> x13 = Vector128.Create(n0), x14 = Vector128.Create(n1), x15 = Vector128.Create(n2);

            for (int i = 0; i < 10; i++)
            {
                // Column round.
                QuarterRound(ref x0, ref x4, ref x8, ref x12);
                QuarterRound(ref x1, ref x5, ref x9, ref x13);
                QuarterRound(ref x2, ref x6, ref x10, ref x14);
                QuarterRound(ref x3, ref x7, ref x11, ref x15);
                // Diagonal round.
                QuarterRound(ref x0, ref x5, ref x10, ref x15);
                QuarterRound(ref x1, ref x6, ref x11, ref x12);
                QuarterRound(ref x2, ref x7, ref x8, ref x13);
                QuarterRound(ref x3, ref x4, ref x9, ref x14);
            }

            x0 += Vector128.Create(0x61707865u); x1 += Vector128.Create(0x3320646eu);
            x2 += Vector128.Create(0x79622d32u); x3 += Vector128.Create(0x6b206574u);
            x4 += Vector128.Create(key[0]); x5 += Vector128.Create(key[1]);
            x6 += Vector128.Create(key[2]); x7 += Vector128.Create(key[3]);
            x8 += Vector128.Create(key[4]); x9 += Vector128.Create(key[5]);
            x10 += Vector128.Create(key[6]); x11 += Vector128.Create(key[7]);
            x12 += counters;
            x13 += Vector128.Create(n0); x14 += Vector128.Create(n1); x15 += Vector128.Create(n2);

            StoreTransposed(x0, x1, x2, x3, output, 0);
            StoreTransposed(x4, x5, x6, x7, output, 16);
            StoreTransposed(x8, x9, x10, x11, output, 32);
            StoreTransposed(x12, x13, x14, x15, output, 48);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void QuarterRound(ref Vector128<uint> a, ref Vector128<uint> b, ref Vector128<uint> c, ref Vector128<uint> d)
        {
            a += b; d = Ssse3.Shuffle((d ^ a).AsByte(), Rotate16).AsUInt32();
            c += d; b ^= c; b = Sse2.ShiftLeftLogical(b, 12) | Sse2.ShiftRightLogical(b, 20);
            a += b; d = Ssse3.Shuffle((d ^ a).AsByte(), Rotate8).AsUInt32();
            c += d; b ^= c; b = Sse2.ShiftLeftLogical(b, 7) | Sse2.ShiftRightLogical(b, 25);
        }

        // Words w..w+3 of blocks 0..3 (one vector per word) become 16 bytes of each block.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreTransposed(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d,
            Span<byte> output, int offset)
        {
            Vector128<ulong> ab01 = Sse2.UnpackLow(a, b).AsUInt64();
            Vector128<ulong> cd01 = Sse2.UnpackLow(c, d).AsUInt64();
            Vector128<ulong> ab23 = Sse2.UnpackHigh(a, b).AsUInt64();
            Vector128<ulong> cd23 = Sse2.UnpackHigh(c, d).AsUInt64();
            ref byte start = ref MemoryMarshal.GetReference(output);
            Sse2.UnpackLow(ab01, cd01).AsByte().StoreUnsafe(ref start, (nuint)offset);
            Sse2.UnpackHigh(ab01, cd01).AsByte().StoreUnsafe(ref start, (nuint)(offset + 64));
            Sse2.UnpackLow(ab23, cd23).AsByte().StoreUnsafe(ref start, (nuint)(offset + 128));
            Sse2.UnpackHigh(ab23, cd23).AsByte().StoreUnsafe(ref start, (nuint)(offset + 192));
        }
    }
}
