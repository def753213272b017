using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// AES-CCM (RFC 3610, NIST SP 800-38C) on AES-NI, any even tag length 4..16 and nonce 7..13 bytes.
    /// The CBC-MAC is a serial chain, so each of its AES calls is paired with the independent CTR
    /// block of the same position; the two run round by round together. One key schedule per key,
    /// no buffers.
    /// </summary>
    internal sealed class ManagedAesCcm : ManagedAeadCipher
    {
        public const int MinNonceLength = 7;
        public const int MaxNonceLength = 13;

        public static bool IsSupported { get { return AesRoundKeys.IsSupported; } }

        private readonly AesRoundKeys _aes;
        private readonly int _tagLength;

        public ManagedAesCcm(ReadOnlySpan<byte> key, int tagLength)
        {
            if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0)
            {
                throw new SslException(SslError.InvalidArgument, "CCM tag length must be even and 4..16 bytes.");
            }
            _tagLength = tagLength;
            _aes = new AesRoundKeys(key);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag)
        {
            CheckLengths(nonce.Length, plaintext.Length, ciphertext.Length);
            Vector128<byte> counterBase = CounterBase(nonce);
            // The tag mask S0 = E(A0) (RFC 3610 2.3) is computed beside B0's MAC step.
            Vector128<byte> tagMask = CounterBlock(counterBase, 0);
            Vector128<byte> mac = MacHeader(nonce, additionalData, plaintext.Length, ref tagMask);

            int length = plaintext.Length;
            int offset = 0;
            uint counter = 1;
            for (; offset + 16 <= length; offset += 16, counter++)
            {
                Vector128<byte> p = Load(plaintext, offset);
                Vector128<byte> keystream = CounterBlock(counterBase, counter);
                mac ^= p;
                _aes.Encrypt2(ref mac, ref keystream);
                Store(p ^ keystream, ciphertext, offset);
            }
            if (offset < length)
            {
                Vector128<byte> p = LoadPartial(plaintext.Slice(offset));
                Vector128<byte> keystream = CounterBlock(counterBase, counter);
                mac ^= p;
                _aes.Encrypt2(ref mac, ref keystream);
                StorePartial(p ^ keystream, ciphertext.Slice(offset, length - offset));
            }
            StorePartial(mac ^ tagMask, tag.Slice(0, _tagLength));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext)
        {
            CheckLengths(nonce.Length, ciphertext.Length, plaintext.Length);
            Vector128<byte> counterBase = CounterBase(nonce);
            int length = ciphertext.Length;

            // The tag mask and the keystream of block 1 are computed beside the header's MAC.
            Vector128<byte> tagMask = CounterBlock(counterBase, 0);
            Vector128<byte> mac = MacHeader(nonce, additionalData, length, ref tagMask);
            Vector128<byte> keystream = _aes.Encrypt(CounterBlock(counterBase, 1));

            int offset = 0;
            uint counter = 2;
            for (; offset + 16 <= length; offset += 16, counter++)
            {
                Vector128<byte> p = Load(ciphertext, offset) ^ keystream;
                Store(p, plaintext, offset);
                mac ^= p;
                // The MAC of this block and the keystream of the next one, together.
                keystream = CounterBlock(counterBase, counter);
                _aes.Encrypt2(ref mac, ref keystream);
            }
            if (offset < length)
            {
                int rest = length - offset;
                Vector128<byte> p = LoadPartial(ciphertext.Slice(offset)) ^ keystream;
                StorePartial(p, plaintext.Slice(offset, rest));
                mac ^= LoadPartial(plaintext.Slice(offset, rest));
                mac = _aes.Encrypt(mac);
            }

            if (tag.Length == _tagLength && TagMatches(mac ^ tagMask, tag)) return true;
            plaintext.Slice(0, length).Clear();
            return false;
        }

        public override void Dispose()
        {
            _aes.Dispose();
        }

        private void CheckLengths(int nonceLength, int messageLength, int outputLength)
        {
            if (nonceLength < MinNonceLength || nonceLength > MaxNonceLength)
            {
                throw new SslException(SslError.InvalidArgument, "CCM takes a 7..13-byte nonce, got " + nonceLength + ".");
            }
            int lengthFieldSize = 15 - nonceLength;
            if (lengthFieldSize < 4 && messageLength >= (1 << (8 * lengthFieldSize)))
            {
                throw new SslException(SslError.InvalidArgument,
                    "A CCM message with a " + nonceLength + "-byte nonce can be at most "
                    + ((1 << (8 * lengthFieldSize)) - 1) + " bytes.");
            }
            if (outputLength < messageLength) throw new SslException(SslError.BufferTooSmall, "CCM output is shorter than its input.");
        }

        // CBC-MAC state after B0 and the encoded additional data (RFC 3610 2.2), ready for the message.
        // companion is encrypted in the same pass as B0.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Vector128<byte> MacHeader(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, int messageLength,
            ref Vector128<byte> companion)
        {
            int lengthFieldSize = 15 - nonce.Length;
            int flags = ((_tagLength - 2) / 2) << 3 | (lengthFieldSize - 1);
            if (additionalData.Length > 0) flags |= 0x40;

            // B0 = flags || nonce || message length (big-endian in lengthFieldSize bytes; the length
            // always fits in the last four of them, checked above).
            Vector128<byte> b0 = (CounterBase(nonce) & Vector128.Create((byte)0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)) ^ Vector128.CreateScalar((byte)flags);
            Vector128<byte> mac = CounterBlock(b0, (uint)messageLength);
            _aes.Encrypt2(ref mac, ref companion);
            if (additionalData.Length == 0) return mac;

            // The AAD is prefixed with its length: two bytes below 0xFF00, else 0xFFFE and four bytes.
            Vector128<byte> first = default;
            Span<byte> firstBytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<Vector128<byte>>(ref first));
            int prefix;
            if (additionalData.Length < 0xFF00)
            {
                BinaryPrimitives.WriteUInt16BigEndian(firstBytes, (ushort)additionalData.Length);
                prefix = 2;
            }
            else
            {
                firstBytes[0] = 0xFF;
                firstBytes[1] = 0xFE;
                BinaryPrimitives.WriteUInt32BigEndian(firstBytes.Slice(2), (uint)additionalData.Length);
                prefix = 6;
            }
            int take = Math.Min(16 - prefix, additionalData.Length);
            additionalData.Slice(0, take).CopyTo(firstBytes.Slice(prefix));
            mac = _aes.Encrypt(mac ^ first);

            int offset = take;
            for (; offset + 16 <= additionalData.Length; offset += 16) mac = _aes.Encrypt(mac ^ Load(additionalData, offset));
            if (offset < additionalData.Length) mac = _aes.Encrypt(mac ^ LoadPartial(additionalData.Slice(offset)));
            return mac;
        }

        // A_i with i = 0: flags (L - 1) || nonce || zero counter (RFC 3610 2.3).
        private static Vector128<byte> CounterBase(ReadOnlySpan<byte> nonce)
        {
            Vector128<byte> block = default;
            Span<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<Vector128<byte>>(ref block));
            bytes[0] = (byte)(14 - nonce.Length);
            nonce.CopyTo(bytes.Slice(1));
            return block;
        }

        // XORs a big-endian 32-bit value into the last four bytes. The counter field (the last
        // 15 - nonce length bytes) is zero in the base, and CheckLengths keeps every counter and the
        // message length below 2^(8 * field size), so bytes outside the field are XORed with zero.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<byte> CounterBlock(Vector128<byte> counterBase, uint counter)
        {
            return counterBase ^ Vector128.Create(0u, 0u, 0u, BinaryPrimitives.ReverseEndianness(counter)).AsByte();
        }
    }
}
