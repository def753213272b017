using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// AES-GCM (NIST SP 800-38D) with a 12-byte nonce and a 16-byte tag, on AES-NI and PCLMULQDQ.
    /// CTR and GHASH run in one pass, four blocks at a time, with H..H^4 precomputed so four GHASH
    /// steps share one reduction.
    /// </summary>
    internal sealed class ManagedAesGcm : ManagedAeadCipher
    {
        public const int NonceLength = 12;
        public const int TagLength = 16;

        public static bool IsSupported { get { return AesRoundKeys.IsSupported && Ghash.IsSupported && Sse41.IsSupported; } }

        private readonly AesRoundKeys _aes;
        private Vector128<ulong> _h1, _h2, _h3, _h4;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ManagedAesGcm(ReadOnlySpan<byte> key)
        {
            _aes = new AesRoundKeys(key);
            _h1 = Ghash.Reflect(_aes.Encrypt(Vector128<byte>.Zero));
            _h2 = Ghash.Multiply(_h1, _h1);
            _h3 = Ghash.Multiply(_h2, _h1);
            _h4 = Ghash.Multiply(_h3, _h1);
        }

        public override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag)
        {
            Vector128<byte> expected = Run(nonce, additionalData, plaintext, ciphertext, false);
            StorePartial(expected, tag.Slice(0, TagLength));
        }

        public override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext)
        {
            Vector128<byte> expected = Run(nonce, additionalData, ciphertext, plaintext, true);
            if (tag.Length == TagLength && TagMatches(expected, tag)) return true;
            plaintext.Slice(0, ciphertext.Length).Clear();
            return false;
        }

        public override void Dispose()
        {
            _aes.Dispose();
            _h1 = _h2 = _h3 = _h4 = default;
        }

        // CTR from counter 2 over input into output, GHASH over the ciphertext side (the input when
        // decrypting, the output when encrypting), and the tag GHASH ^ E(J0) (SP 800-38D 7.1).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Vector128<byte> Run(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> input,
            Span<byte> output, bool decrypting)
        {
            if (nonce.Length != NonceLength) throw new SslException(SslError.InvalidArgument, "GCM here takes a 12-byte nonce.");
            if (output.Length < input.Length) throw new SslException(SslError.BufferTooSmall, "GCM output is shorter than its input.");

            Vector128<uint> nonceBlock = LoadPartial(nonce).AsUInt32();
            Vector128<ulong> h1 = _h1, h2 = _h2, h3 = _h3, h4 = _h4;
            Vector128<ulong> y = Vector128<ulong>.Zero;

            int offset = 0;
            for (; offset + 16 <= additionalData.Length; offset += 16)
            {
                y = Ghash.Multiply(y ^ Ghash.Reflect(Load(additionalData, offset)), h1);
            }
            if (offset < additionalData.Length)
            {
                y = Ghash.Multiply(y ^ Ghash.Reflect(LoadPartial(additionalData.Slice(offset))), h1);
            }

            uint counter = 2;
            int length = input.Length;
            offset = 0;
            for (; offset + 64 <= length; offset += 64, counter += 4)
            {
                Vector128<byte> k0 = CounterBlock(nonceBlock, counter);
                Vector128<byte> k1 = CounterBlock(nonceBlock, counter + 1);
                Vector128<byte> k2 = CounterBlock(nonceBlock, counter + 2);
                Vector128<byte> k3 = CounterBlock(nonceBlock, counter + 3);
                _aes.Encrypt4(ref k0, ref k1, ref k2, ref k3);
                Vector128<byte> i0 = Load(input, offset);
                Vector128<byte> i1 = Load(input, offset + 16);
                Vector128<byte> i2 = Load(input, offset + 32);
                Vector128<byte> i3 = Load(input, offset + 48);
                Vector128<byte> o0 = i0 ^ k0, o1 = i1 ^ k1, o2 = i2 ^ k2, o3 = i3 ^ k3;
                Store(o0, output, offset);
                Store(o1, output, offset + 16);
                Store(o2, output, offset + 32);
                Store(o3, output, offset + 48);
                if (decrypting)
                {
                    y = Ghash.Multiply4(y, Ghash.Reflect(i0), Ghash.Reflect(i1), Ghash.Reflect(i2), Ghash.Reflect(i3), h1, h2, h3, h4);
                }
                else
                {
                    y = Ghash.Multiply4(y, Ghash.Reflect(o0), Ghash.Reflect(o1), Ghash.Reflect(o2), Ghash.Reflect(o3), h1, h2, h3, h4);
                }
            }
            for (; offset + 16 <= length; offset += 16, counter++)
            {
                Vector128<byte> i0 = Load(input, offset);
                Vector128<byte> o0 = i0 ^ _aes.Encrypt(CounterBlock(nonceBlock, counter));
                Store(o0, output, offset);
                y = Ghash.Multiply(y ^ Ghash.Reflect(decrypting ? i0 : o0), h1);
            }
            if (offset < length)
            {
                // The loaded tail is zero-padded; the keystream beyond it must not reach GHASH.
                Vector128<byte> i0 = LoadPartial(input.Slice(offset));
                Vector128<byte> o0 = i0 ^ _aes.Encrypt(CounterBlock(nonceBlock, counter));
                StorePartial(o0, output.Slice(offset, length - offset));
                Vector128<byte> hashed = decrypting ? i0 : LoadPartial(output.Slice(offset, length - offset));
                y = Ghash.Multiply(y ^ Ghash.Reflect(hashed), h1);
            }

            // len(A) || len(C) in bits, big-endian; reflected, that is the two little-endian words swapped.
            Vector128<ulong> lengths = Vector128.Create((ulong)length * 8, (ulong)additionalData.Length * 8);
            y = Ghash.Multiply(y ^ lengths, h1);
            return Ghash.Unreflect(y) ^ _aes.Encrypt(CounterBlock(nonceBlock, 1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<byte> CounterBlock(Vector128<uint> nonceBlock, uint counter)
        {
            return Sse41.Insert(nonceBlock, BinaryPrimitives.ReverseEndianness(counter), 3).AsByte();
        }
    }
}
