using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Util;

namespace OpenMvSsl.Record
{
    /// <summary>
    /// AEAD protection of records in one direction for one epoch: the key, the fixed IV, and the
    /// nonce and additional-data construction of the record family. Works in place in the
    /// caller's buffer; after construction it allocates nothing.
    /// </summary>
    public sealed class RecordProtection : IDisposable
    {
        private const int NonceLength = 12;
        private const int Tls12AdditionalDataLength = 13;
        private const int ExplicitNonceLength12 = 8;

        private readonly IAead aead;
        private readonly RecordFamily family;
        private readonly byte[] fixedIv;
        private readonly byte[] nonce = new byte[NonceLength];
        private readonly byte[] additionalData = new byte[Tls12AdditionalDataLength];
        private readonly int explicitNonceLength;

        /// <param name="key">Traffic key, KeyLength(algorithm) bytes.</param>
        /// <param name="iv">Fixed IV, FixedIvLength(algorithm, family) bytes: the 4-byte salt of
        /// TLS 1.2 GCM/CCM (RFC 5288 3, RFC 6655 3), otherwise the 12-byte IV.</param>
        public RecordProtection(ICryptoProvider provider, AeadAlgorithm algorithm, RecordFamily family, SpanByte key, SpanByte iv)
        {
            if (provider == null) throw new SslException(SslError.InvalidArgument, "a crypto provider is required");
            if (key.Length != KeyLength(algorithm))
                throw new SslException(SslError.InvalidArgument, "record key must be " + KeyLength(algorithm) + " bytes, got " + key.Length);
            int ivLength = FixedIvLength(algorithm, family);
            if (iv.Length != ivLength)
                throw new SslException(SslError.InvalidArgument, "record IV must be " + ivLength + " bytes, got " + iv.Length);

            this.family = family;
            fixedIv = iv.ToArray();
            explicitNonceLength = ExplicitNonceLength(algorithm, family);
            aead = provider.CreateAead(algorithm, key);
            Algorithm = algorithm;
        }

        public AeadAlgorithm Algorithm { get; private set; }

        public RecordFamily Family { get { return family; } }

        public int TagLength { get { return aead.TagLength; } }

        /// <summary>Bytes sent in the record before the ciphertext (8 for TLS 1.2 GCM/CCM, else 0).</summary>
        public int ExplicitLength { get { return explicitNonceLength; } }

        /// <summary>How much longer a protected fragment is than its content.</summary>
        public int Expansion
        {
            get { return explicitNonceLength + aead.TagLength + (family == RecordFamily.Tls13 ? 1 : 0); }
        }

        public static int KeyLength(AeadAlgorithm algorithm)
        {
            return AeadSizes.KeyLength(algorithm);
        }

        /// <summary>Length of the IV taken from the key schedule.</summary>
        public static int FixedIvLength(AeadAlgorithm algorithm, RecordFamily family)
        {
            return ExplicitNonceLength(algorithm, family) == 0 ? NonceLength : NonceLength - ExplicitNonceLength12;
        }

        /// <summary>TLS 1.2 and DTLS 1.2 send 8 nonce bytes with AES-GCM and AES-CCM; ChaCha20 and TLS 1.3 send none.</summary>
        public static int ExplicitNonceLength(AeadAlgorithm algorithm, RecordFamily family)
        {
            KeyLength(algorithm); // rejects unknown values
            if (family == RecordFamily.Tls13 || algorithm == AeadAlgorithm.ChaCha20Poly1305) return 0;
            return ExplicitNonceLength12;
        }

        /// <summary>
        /// TLS 1.2 / DTLS 1.2: protects the fragment in place. The content is at
        /// fragment[ExplicitLength .. ExplicitLength + contentLength); the explicit nonce and tag
        /// are written around it. <paramref name="sequence"/> is the 64-bit TLS sequence number,
        /// or epoch (16 bits) and sequence number (48 bits) for DTLS. Returns the fragment length.
        /// </summary>
        internal int Seal12(SpanByte fragment, ulong sequence, ContentType type, int version, int contentLength)
        {
            BuildNonce12(sequence);
            if (explicitNonceLength > 0) BigEndian.WriteUInt64(fragment, 0, (long)sequence);
            BuildAdditionalData12(sequence, type, version, contentLength);
            SpanByte content = fragment.Slice(explicitNonceLength, contentLength);
            aead.Seal(nonce, additionalData, content, fragment.Slice(explicitNonceLength, contentLength + aead.TagLength));
            return explicitNonceLength + contentLength + aead.TagLength;
        }

        /// <summary>
        /// TLS 1.2 / DTLS 1.2: authenticates and decrypts the fragment in place. Returns the
        /// content length (content starts at ExplicitLength), or -1 when authentication fails.
        /// The caller has checked that the fragment is at least Expansion bytes long.
        /// </summary>
        internal int Open12(SpanByte fragment, ulong sequence, ContentType type, int version)
        {
            int contentLength = fragment.Length - explicitNonceLength - aead.TagLength;
            if (explicitNonceLength > 0)
            {
                // The sender chose these nonce bytes (RFC 5288 3); take them as sent.
                for (int i = 0; i < 4; i++) nonce[i] = fixedIv[i];
                for (int i = 0; i < ExplicitNonceLength12; i++) nonce[4 + i] = fragment[i];
            }
            else
            {
                BuildNonce12(sequence);
            }
            BuildAdditionalData12(sequence, type, version, contentLength);
            SpanByte sealedPart = fragment.Slice(explicitNonceLength);
            if (!aead.Open(nonce, additionalData, sealedPart, sealedPart.Slice(0, contentLength))) return -1;
            return contentLength;
        }

        /// <summary>
        /// TLS 1.3: protects in place. record[0..5) is the header already written (it is the
        /// additional data), the inner plaintext (content, type byte, padding) is at record[5..).
        /// </summary>
        internal void Seal13(SpanByte record, ulong sequence, int innerPlaintextLength)
        {
            BuildXorNonce(sequence);
            SpanByte header = record.Slice(0, RecordLimits.TlsHeaderLength);
            SpanByte body = record.Slice(RecordLimits.TlsHeaderLength);
            aead.Seal(nonce, header, body.Slice(0, innerPlaintextLength), body.Slice(0, innerPlaintextLength + aead.TagLength));
        }

        /// <summary>TLS 1.3: authenticates and decrypts the whole record in place; false on failure.</summary>
        internal bool Open13(SpanByte record, ulong sequence)
        {
            BuildXorNonce(sequence);
            SpanByte header = record.Slice(0, RecordLimits.TlsHeaderLength);
            SpanByte body = record.Slice(RecordLimits.TlsHeaderLength);
            return aead.Open(nonce, header, body, body.Slice(0, body.Length - aead.TagLength));
        }

        private void BuildNonce12(ulong sequence)
        {
            if (explicitNonceLength > 0)
            {
                for (int i = 0; i < 4; i++) nonce[i] = fixedIv[i];
                BigEndian.WriteUInt64(nonce, 4, (long)sequence);
            }
            else
            {
                BuildXorNonce(sequence);
            }
        }

        // RFC 7905 2 and RFC 8446 5.3: the sequence number, left-padded to 12 bytes, XOR the IV.
        private void BuildXorNonce(ulong sequence)
        {
            for (int i = 0; i < 4; i++) nonce[i] = fixedIv[i];
            for (int i = 0; i < 8; i++)
                nonce[4 + i] = (byte)(fixedIv[4 + i] ^ (byte)(sequence >> (56 - 8 * i)));
        }

        // RFC 5246 6.2.3.3 / RFC 6347 4.1.2.1: seq_num + type + version + length.
        private void BuildAdditionalData12(ulong sequence, ContentType type, int version, int contentLength)
        {
            BigEndian.WriteUInt64(additionalData, 0, (long)sequence);
            additionalData[8] = (byte)type;
            BigEndian.WriteUInt16(additionalData, 9, version);
            BigEndian.WriteUInt16(additionalData, 11, contentLength);
        }

        public void Dispose()
        {
            aead.Dispose();
            for (int i = 0; i < fixedIv.Length; i++) fixedIv[i] = 0;
        }
    }
}
