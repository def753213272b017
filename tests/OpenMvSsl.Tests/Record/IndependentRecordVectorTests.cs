using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.Record;
using Xunit;

namespace OpenMvSsl.Tests.Record
{
    /// <summary>
    /// Every (family, AEAD) pair against records built independently: the nonce and additional
    /// data are constructed here straight from the RFCs (RFC 5246 6.2.3.3 with RFC 5288 /
    /// RFC 6655 / RFC 7251 nonces, RFC 7905 for ChaCha20-Poly1305, RFC 6347 4.1.2.1 for DTLS,
    /// RFC 8446 5.2-5.3 for TLS 1.3) and sealed with BouncyCastle. Our layer must produce the
    /// same bytes and open BouncyCastle's.
    /// </summary>
    public class IndependentRecordVectorTests
    {
        private static readonly AeadAlgorithm[] AllAeads =
        {
            AeadAlgorithm.Aes128Gcm, AeadAlgorithm.Aes256Gcm, AeadAlgorithm.Aes128Ccm, AeadAlgorithm.Aes256Ccm,
            AeadAlgorithm.Aes128Ccm8, AeadAlgorithm.Aes256Ccm8, AeadAlgorithm.ChaCha20Poly1305,
        };

        private static readonly int[] ContentLengths = { 0, 1, 15, 16, 17, 100, 1000, 16384 };

        public static IEnumerable<object[]> Cases()
        {
            foreach (var family in new[] { RecordFamily.Tls12, RecordFamily.Dtls12, RecordFamily.Tls13 })
                foreach (var aead in AllAeads)
                    yield return new object[] { family, aead };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void SealMatchesAndOpensIndependentRecords(RecordFamily family, AeadAlgorithm algorithm)
        {
            var random = new Random(7 * (int)family + (int)algorithm);
            byte[] key = Bytes(random, RecordProtection.KeyLength(algorithm));
            byte[] iv = Bytes(random, RecordProtection.FixedIvLength(algorithm, family));
            var provider = new DotNetCryptoProvider();

            var writer = Writer(provider, family, algorithm, key, iv);
            var reader = Reader(provider, family, algorithm, key, iv);
            var view = new RecordView();
            var buffer = new byte[RecordLimits.MaxPlaintext + 512];
            ulong sequence = 0;
            foreach (int length in ContentLengths)
            {
                byte[] content = Bytes(random, length);
                var type = length % 2 == 0 ? ContentType.ApplicationData : ContentType.Handshake;
                if (length == 0) type = ContentType.ApplicationData;

                byte[] expected = BuildIndependently(family, algorithm, key, iv, epoch: 1, sequence, type, content);
                int written = writer.Write(type, content, buffer);
                Assert.Equal(Hex.Encode(expected), Hex.Encode(buffer.AsSpan(0, written)));

                byte[] incoming = (byte[])expected.Clone();
                Assert.Equal(RecordStatus.Complete, reader.Read(incoming, view));
                Assert.Equal(type, view.Type);
                Assert.Equal(expected.Length, view.RecordLength);
                Assert.Equal(content, incoming.AsSpan(view.PayloadOffset, view.PayloadLength).ToArray());
                sequence++;
            }
        }

        /// <summary>A record for (family, algorithm) assembled by hand from the RFC text, sealed by BouncyCastle.</summary>
        internal static byte[] BuildIndependently(RecordFamily family, AeadAlgorithm algorithm, byte[] key, byte[] iv,
            int epoch, ulong sequence, ContentType type, byte[] content)
        {
            int tag = AeadSizes.TagLength(algorithm);
            if (family == RecordFamily.Tls13)
            {
                var header = new byte[] { 23, 3, 3, 0, 0 };
                BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(3), (ushort)(content.Length + 1 + tag));
                var inner = new byte[content.Length + 1];
                content.CopyTo(inner, 0);
                inner[^1] = (byte)type;
                return Concat(header, OpenMvSsl.Tests.Crypto.BouncyCastleAead.Seal(algorithm, key, XorNonce(iv, sequence), header, inner));
            }

            bool dtls = family == RecordFamily.Dtls12;
            ushort version = dtls ? (ushort)0xFEFD : (ushort)0x0303;
            ulong nonceSequence = dtls ? ((ulong)epoch << 48) | sequence : sequence;
            var aad = new byte[13];
            BinaryPrimitives.WriteUInt64BigEndian(aad, nonceSequence);
            aad[8] = (byte)type;
            BinaryPrimitives.WriteUInt16BigEndian(aad.AsSpan(9), version);
            BinaryPrimitives.WriteUInt16BigEndian(aad.AsSpan(11), (ushort)content.Length);

            byte[] explicitNonce;
            byte[] nonce;
            if (algorithm == AeadAlgorithm.ChaCha20Poly1305)
            {
                explicitNonce = Array.Empty<byte>();
                nonce = XorNonce(iv, nonceSequence);
            }
            else
            {
                explicitNonce = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(explicitNonce, nonceSequence);
                nonce = Concat(iv, explicitNonce);
            }
            byte[] fragment = Concat(explicitNonce, OpenMvSsl.Tests.Crypto.BouncyCastleAead.Seal(algorithm, key, nonce, aad, content));
            byte[] head = dtls ? new byte[13] : new byte[5];
            head[0] = (byte)type;
            BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(1), version);
            if (dtls)
            {
                BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(3), (ushort)epoch);
                for (int i = 0; i < 6; i++) head[5 + i] = (byte)(sequence >> (40 - 8 * i));
            }
            BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(head.Length - 2), (ushort)fragment.Length);
            return Concat(head, fragment);
        }

        private static byte[] XorNonce(byte[] iv, ulong sequence)
        {
            var nonce = (byte[])iv.Clone();
            for (int i = 0; i < 8; i++) nonce[4 + i] ^= (byte)(sequence >> (56 - 8 * i));
            return nonce;
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }

        internal static byte[] Bytes(Random random, int n)
        {
            var b = new byte[n];
            random.NextBytes(b);
            return b;
        }

        /// <summary>The write side of either record layer, in epoch 1 for DTLS.</summary>
        internal sealed class RecordWriter
        {
            public TlsRecordLayer Tls;
            public DtlsRecordLayer Dtls;

            public int Write(ContentType type, byte[] content, byte[] output) =>
                Tls != null ? Tls.WriteRecord(type, content, output) : Dtls.WriteRecord(type, Dtls.WriteEpoch, content, output);
        }

        internal sealed class RecordReader
        {
            public TlsRecordLayer Tls;
            public DtlsRecordLayer Dtls;

            public RecordStatus Read(byte[] input, RecordView view) =>
                Tls != null ? Tls.ReadRecord(input, view) : Dtls.ReadRecord(input, view);
        }

        internal static RecordWriter Writer(ICryptoProvider provider, RecordFamily family, AeadAlgorithm algorithm, byte[] key, byte[] iv)
        {
            var protection = new RecordProtection(provider, algorithm, family, key, iv);
            if (family == RecordFamily.Dtls12)
            {
                var dtls = new DtlsRecordLayer();
                dtls.SetWriteProtection(protection);
                return new RecordWriter { Dtls = dtls };
            }
            var tls = new TlsRecordLayer();
            tls.SetWriteProtection(protection);
            return new RecordWriter { Tls = tls };
        }

        internal static RecordReader Reader(ICryptoProvider provider, RecordFamily family, AeadAlgorithm algorithm, byte[] key, byte[] iv)
        {
            var protection = new RecordProtection(provider, algorithm, family, key, iv);
            if (family == RecordFamily.Dtls12)
            {
                var dtls = new DtlsRecordLayer();
                dtls.SetReadProtection(protection);
                return new RecordReader { Dtls = dtls };
            }
            var tls = new TlsRecordLayer();
            tls.SetReadProtection(protection);
            return new RecordReader { Tls = tls };
        }
    }
}
