using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace OpenMvSsl.Host.Intrinsics
{
    /// <summary>
    /// An AES-128 or AES-256 encryption key schedule, expanded once with AES-NI (FIPS 197 section 5.2)
    /// and kept as round-key vectors. Only encryption is needed: GCM, CCM and CTR never run AES backwards.
    /// The S-box work is done by the AESKEYGENASSIST/AESENC instructions, so there are no table lookups
    /// on the key or the data.
    /// </summary>
    internal sealed class AesRoundKeys : IDisposable
    {
        public static bool IsSupported { get { return X86Aes.IsSupported && Sse2.IsSupported; } }

        private readonly Vector128<byte>[] _keys;

        public AesRoundKeys(ReadOnlySpan<byte> key)
        {
            if (key.Length == 16)
            {
                _keys = new Vector128<byte>[11];
                ExpandAes128(Vector128.Create(key), _keys);
            }
            else if (key.Length == 32)
            {
                _keys = new Vector128<byte>[15];
                ExpandAes256(Vector128.Create(key.Slice(0, 16)), Vector128.Create(key.Slice(16, 16)), _keys);
            }
            else
            {
                throw new SslException(SslError.InvalidArgument, "AES needs a 16- or 32-byte key, got " + key.Length + " bytes.");
            }
        }

        /// <summary>10 for AES-128, 14 for AES-256.</summary>
        public int Rounds { get { return _keys.Length - 1; } }

        /// <summary>The round keys; index 0 is whitened into the input, the last is used by AESENCLAST.</summary>
        public Vector128<byte>[] Keys { get { return _keys; } }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<byte> Encrypt(Vector128<byte> block)
        {
            Vector128<byte>[] keys = _keys;
            int last = keys.Length - 1;
            block ^= keys[0];
            for (int round = 1; round < last; round++) block = X86Aes.Encrypt(block, keys[round]);
            return X86Aes.EncryptLast(block, keys[last]);
        }

        /// <summary>Two independent blocks round by round, so their AESENC latencies overlap.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Encrypt2(ref Vector128<byte> a, ref Vector128<byte> b)
        {
            Vector128<byte>[] keys = _keys;
            int last = keys.Length - 1;
            Vector128<byte> x = a ^ keys[0];
            Vector128<byte> y = b ^ keys[0];
            for (int round = 1; round < last; round++)
            {
                Vector128<byte> k = keys[round];
                x = X86Aes.Encrypt(x, k);
                y = X86Aes.Encrypt(y, k);
            }
            a = X86Aes.EncryptLast(x, keys[last]);
            b = X86Aes.EncryptLast(y, keys[last]);
        }

        /// <summary>Four independent blocks round by round (CTR mode's parallelism).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Encrypt4(ref Vector128<byte> a, ref Vector128<byte> b, ref Vector128<byte> c, ref Vector128<byte> d)
        {
            Vector128<byte>[] keys = _keys;
            int last = keys.Length - 1;
            Vector128<byte> k = keys[0];
            Vector128<byte> w = a ^ k, x = b ^ k, y = c ^ k, z = d ^ k;
            for (int round = 1; round < last; round++)
            {
                k = keys[round];
                w = X86Aes.Encrypt(w, k);
                x = X86Aes.Encrypt(x, k);
                y = X86Aes.Encrypt(y, k);
                z = X86Aes.Encrypt(z, k);
            }
            k = keys[last];
            a = X86Aes.EncryptLast(w, k);
            b = X86Aes.EncryptLast(x, k);
            c = X86Aes.EncryptLast(y, k);
            d = X86Aes.EncryptLast(z, k);
        }

        public void Dispose()
        {
            Array.Clear(_keys);
        }

        // FIPS 197 5.2 for Nk = 4: each round key is the previous one with its words prefix-XORed,
        // XORed with SubWord(RotWord(last word)) ^ Rcon, which AESKEYGENASSIST computes (dword 3).
        private static void ExpandAes128(Vector128<byte> key, Vector128<byte>[] keys)
        {
            keys[0] = key;
            keys[1] = key = Next128(key, X86Aes.KeygenAssist(key, 0x01));
            keys[2] = key = Next128(key, X86Aes.KeygenAssist(key, 0x02));
            keys[3] = key = Next128(key, X86Aes.KeygenAssist(key, 0x04));
            keys[4] = key = Next128(key, X86Aes.KeygenAssist(key, 0x08));
            keys[5] = key = Next128(key, X86Aes.KeygenAssist(key, 0x10));
            keys[6] = key = Next128(key, X86Aes.KeygenAssist(key, 0x20));
            keys[7] = key = Next128(key, X86Aes.KeygenAssist(key, 0x40));
            keys[8] = key = Next128(key, X86Aes.KeygenAssist(key, 0x80));
            keys[9] = key = Next128(key, X86Aes.KeygenAssist(key, 0x1B));
            keys[10] = Next128(key, X86Aes.KeygenAssist(key, 0x36));
        }

        // FIPS 197 5.2 for Nk = 8: even round keys take SubWord(RotWord(w)) ^ Rcon of the previous
        // odd key (dword 3 of the assist), odd ones take SubWord(w) of the previous even key (dword 2).
        private static void ExpandAes256(Vector128<byte> first, Vector128<byte> second, Vector128<byte>[] keys)
        {
            keys[0] = first;
            keys[1] = second;
            keys[2] = first = Next128(first, X86Aes.KeygenAssist(second, 0x01));
            keys[3] = second = NextOdd256(second, first);
            keys[4] = first = Next128(first, X86Aes.KeygenAssist(second, 0x02));
            keys[5] = second = NextOdd256(second, first);
            keys[6] = first = Next128(first, X86Aes.KeygenAssist(second, 0x04));
            keys[7] = second = NextOdd256(second, first);
            keys[8] = first = Next128(first, X86Aes.KeygenAssist(second, 0x08));
            keys[9] = second = NextOdd256(second, first);
            keys[10] = first = Next128(first, X86Aes.KeygenAssist(second, 0x10));
            keys[11] = second = NextOdd256(second, first);
            keys[12] = first = Next128(first, X86Aes.KeygenAssist(second, 0x20));
            keys[13] = second = NextOdd256(second, first);
            keys[14] = Next128(first, X86Aes.KeygenAssist(second, 0x40));
        }

        private static Vector128<byte> Next128(Vector128<byte> previous, Vector128<byte> assist)
        {
            Vector128<uint> spread = Sse2.Shuffle(assist.AsUInt32(), 0xFF); // dword 3 everywhere
            return PrefixXor(previous) ^ spread.AsByte();
        }

        private static Vector128<byte> NextOdd256(Vector128<byte> previous, Vector128<byte> evenKey)
        {
            Vector128<byte> assist = X86Aes.KeygenAssist(evenKey, 0x00);
            Vector128<uint> spread = Sse2.Shuffle(assist.AsUInt32(), 0xAA); // dword 2 everywhere
            return PrefixXor(previous) ^ spread.AsByte();
        }

        // w0, w0^w1, w0^w1^w2, w0^w1^w2^w3.
        private static Vector128<byte> PrefixXor(Vector128<byte> key)
        {
            key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
            key ^= Sse2.ShiftLeftLogical128BitLane(key, 8);
            return key;
        }
    }
}
