using System;
using System.Numerics;
using System.Security.Cryptography;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// AES-CCM (RFC 3610, NIST SP 800-38C) built from two reusable AES transforms: CBC for the
    /// CBC-MAC and ECB over counter blocks for CTR. The BCL's AesCcm creates a native cipher
    /// context (and a SafeHandle) on every call on Linux, which the record layer must not do;
    /// these transforms are created once, and every buffer is allocated at construction.
    /// Messages of any length are processed in fixed-size chunks.
    /// </summary>
    internal sealed class AesCcmCipher : IDisposable
    {
        public const int MinNonceLength = 7;
        public const int MaxNonceLength = 13;

        private const int BlockSize = 16;
        // A multiple of BlockSize. Four buffers of this size live per key: kept small because a
        // device-sized connection (1 KiB records) should not pay 16 KiB per direction for them.
        private const int ChunkSize = 512;

        private readonly int _tagLength;
        private Aes _aes;
        private ICryptoTransform _ecb;
        private ICryptoTransform _cbc;

        // The CBC transform keeps chaining across calls: after a message its running IV is
        // the last block it produced. XOR-ing that into the first block of the next message
        // cancels it, so every CBC-MAC starts from a zero IV without a new transform.
        private readonly byte[] _cbcChain = new byte[BlockSize];
        private readonly byte[] _macInput = new byte[ChunkSize];
        private readonly byte[] _macOutput = new byte[ChunkSize];
        private int _macFill;

        private readonly byte[] _counterBlocks = new byte[ChunkSize];
        private readonly byte[] _keystream = new byte[ChunkSize];
        private readonly byte[] _tagMask = new byte[BlockSize];

        public AesCcmCipher(ReadOnlySpan<byte> key, int tagLength)
        {
            if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0)
            {
                throw new SslException(SslError.InvalidArgument, "CCM tag length must be even and 4..16 bytes.");
            }
            _tagLength = tagLength;

            byte[] keyCopy = key.ToArray();
            try
            {
                _aes = Aes.Create();
                _aes.Key = keyCopy;
                _aes.Padding = PaddingMode.None;
                _aes.Mode = CipherMode.ECB;
                _ecb = _aes.CreateEncryptor();
                _aes.Mode = CipherMode.CBC;
                _aes.IV = new byte[BlockSize];
                _cbc = _aes.CreateEncryptor();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(keyCopy);
            }
        }

        /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length, may be the same memory) and writes the tag.</summary>
        public void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> plaintext,
            Span<byte> ciphertext, Span<byte> tag)
        {
            CheckMessageLength(nonce.Length, plaintext.Length);
            // The MAC reads the plaintext before CTR overwrites it (in place).
            ComputeMac(nonce, additionalData, plaintext);
            ComputeTagMask(nonce);
            for (int i = 0; i < _tagLength; i++) tag[i] = (byte)(_cbcChain[i] ^ _tagMask[i]);
            ApplyKeystream(nonce, plaintext, ciphertext);
        }

        /// <summary>Decrypts and checks the tag; on failure the caller clears <paramref name="plaintext"/>.</summary>
        public bool Open(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> ciphertext,
            ReadOnlySpan<byte> tag, Span<byte> plaintext)
        {
            CheckMessageLength(nonce.Length, ciphertext.Length);
            ApplyKeystream(nonce, ciphertext, plaintext);
            ComputeMac(nonce, additionalData, plaintext);
            ComputeTagMask(nonce);
            for (int i = 0; i < _tagLength; i++) _tagMask[i] ^= _cbcChain[i];
            return CryptographicOperations.FixedTimeEquals(new ReadOnlySpan<byte>(_tagMask, 0, _tagLength), tag);
        }

        public void Dispose()
        {
            if (_ecb != null) _ecb.Dispose();
            if (_cbc != null) _cbc.Dispose();
            if (_aes != null) _aes.Dispose();
            _ecb = null;
            _cbc = null;
            _aes = null;
            CryptographicOperations.ZeroMemory(_macInput);
            CryptographicOperations.ZeroMemory(_keystream);
            CryptographicOperations.ZeroMemory(_tagMask);
        }

        private void CheckMessageLength(int nonceLength, int messageLength)
        {
            int lengthFieldSize = 15 - nonceLength;
            if (lengthFieldSize < 4 && messageLength >= (1 << (8 * lengthFieldSize)))
            {
                throw new SslException(SslError.InvalidArgument,
                    "A CCM message with a " + nonceLength + "-byte nonce can be at most "
                    + ((1 << (8 * lengthFieldSize)) - 1) + " bytes.");
            }
        }

        // RFC 3610 section 2.2: CBC-MAC over B0, the encoded AAD and the message, each padded
        // to whole blocks. The result (T) is left in _cbcChain.
        private void ComputeMac(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> additionalData, ReadOnlySpan<byte> message)
        {
            int lengthFieldSize = 15 - nonce.Length;
            byte flags = (byte)(((_tagLength - 2) / 2) << 3 | (lengthFieldSize - 1));
            if (additionalData.Length > 0) flags |= 0x40;

            _macInput[0] = flags;
            nonce.CopyTo(new Span<byte>(_macInput, 1, nonce.Length));
            WriteBigEndian(_macInput, 1 + nonce.Length, lengthFieldSize, message.Length);
            for (int i = 0; i < BlockSize; i++) _macInput[i] ^= _cbcChain[i];
            _macFill = BlockSize;

            if (additionalData.Length > 0)
            {
                if (additionalData.Length < 0xFF00)
                {
                    _macInput[_macFill++] = (byte)(additionalData.Length >> 8);
                    _macInput[_macFill++] = (byte)additionalData.Length;
                }
                else
                {
                    _macInput[_macFill++] = 0xFF;
                    _macInput[_macFill++] = 0xFE;
                    WriteBigEndian(_macInput, _macFill, 4, additionalData.Length);
                    _macFill += 4;
                }
                AppendToMac(additionalData);
                PadMacToBlock();
            }

            AppendToMac(message);
            PadMacToBlock();
            FlushMac();
        }

        private void AppendToMac(ReadOnlySpan<byte> data)
        {
            while (data.Length > 0)
            {
                int take = Math.Min(data.Length, ChunkSize - _macFill);
                data.Slice(0, take).CopyTo(new Span<byte>(_macInput, _macFill, take));
                _macFill += take;
                data = data.Slice(take);
                if (_macFill == ChunkSize) FlushMac();
            }
        }

        private void PadMacToBlock()
        {
            int partial = _macFill % BlockSize;
            if (partial == 0) return;
            int padding = BlockSize - partial;
            Array.Clear(_macInput, _macFill, padding);
            _macFill += padding;
            if (_macFill == ChunkSize) FlushMac();
        }

        private void FlushMac()
        {
            if (_macFill == 0) return;
            _cbc.TransformBlock(_macInput, 0, _macFill, _macOutput, 0);
            Buffer.BlockCopy(_macOutput, _macFill - BlockSize, _cbcChain, 0, BlockSize);
            _macFill = 0;
        }

        // S0 = E(A0): the keystream block that masks the tag (RFC 3610 section 2.3).
        private void ComputeTagMask(ReadOnlySpan<byte> nonce)
        {
            WriteCounterBlock(_counterBlocks, 0, nonce, 0);
            _ecb.TransformBlock(_counterBlocks, 0, BlockSize, _tagMask, 0);
        }

        // CTR with counters starting at 1; input and output may be the same memory.
        private void ApplyKeystream(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, Span<byte> output)
        {
            int counter = 1;
            int done = 0;
            while (done < input.Length)
            {
                int take = Math.Min(input.Length - done, ChunkSize);
                int blocks = (take + BlockSize - 1) / BlockSize;
                for (int b = 0; b < blocks; b++) WriteCounterBlock(_counterBlocks, b * BlockSize, nonce, counter++);
                _ecb.TransformBlock(_counterBlocks, 0, blocks * BlockSize, _keystream, 0);
                Xor(input.Slice(done, take), new ReadOnlySpan<byte>(_keystream, 0, take), output.Slice(done, take));
                done += take;
            }
        }

        // output[i] = a[i] ^ b[i], a vector at a time; output may be the memory of a.
        private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
        {
            int i = 0;
            int width = Vector<byte>.Count;
            for (; i + width <= a.Length; i += width)
            {
                (new Vector<byte>(a.Slice(i)) ^ new Vector<byte>(b.Slice(i))).CopyTo(output.Slice(i));
            }
            for (; i < a.Length; i++) output[i] = (byte)(a[i] ^ b[i]);
        }

        private static void WriteCounterBlock(byte[] buffer, int offset, ReadOnlySpan<byte> nonce, int counter)
        {
            int lengthFieldSize = 15 - nonce.Length;
            buffer[offset] = (byte)(lengthFieldSize - 1);
            nonce.CopyTo(new Span<byte>(buffer, offset + 1, nonce.Length));
            WriteBigEndian(buffer, offset + 1 + nonce.Length, lengthFieldSize, counter);
        }

        private static void WriteBigEndian(byte[] buffer, int offset, int size, int value)
        {
            for (int i = size - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
