using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.Record;
using Xunit;

namespace OpenMvSsl.Tests.Record
{
    /// <summary>
    /// Bad input to both record layers: each case gives its documented error (TLS: an
    /// SslException with the alert to send) or a silent, counted drop (DTLS), never any other
    /// exception.
    /// </summary>
    public class MalformedRecordTests
    {
        private static readonly byte[] Key = new byte[16];
        private static readonly byte[] Salt = { 1, 2, 3, 4 };
        private static readonly DotNetCryptoProvider Provider = new DotNetCryptoProvider();

        private static RecordProtection Gcm(RecordFamily family) =>
            new RecordProtection(Provider, AeadAlgorithm.Aes128Gcm, family, Key, family == RecordFamily.Tls13 ? new byte[12] : Salt);

        private static (TlsRecordLayer writer, TlsRecordLayer reader) TlsPair(RecordFamily family)
        {
            var writer = new TlsRecordLayer();
            var reader = new TlsRecordLayer();
            writer.SetWriteProtection(Gcm(family));
            reader.SetReadProtection(Gcm(family));
            return (writer, reader);
        }

        private static byte[] TlsRecord(TlsRecordLayer writer, ContentType type, int length)
        {
            var buffer = new byte[writer.RecordLength(length)];
            writer.WriteRecord(type, new byte[length], buffer);
            return buffer;
        }

        private static SslException TlsError(TlsRecordLayer reader, byte[] input)
        {
            var view = new RecordView();
            return Assert.Throws<SslException>(() => reader.ReadRecord(input, view));
        }

        // ---- TLS ----

        [Fact]
        public void TlsTruncatedHeaderAndBodyAreIncompleteNotErrors()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls12);
            byte[] record = TlsRecord(writer, ContentType.ApplicationData, 10);
            var view = new RecordView();
            for (int n = 0; n < record.Length; n++)
                Assert.Equal(RecordStatus.Incomplete, reader.ReadRecord(record.AsSpan(0, n), view));
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(record, view));
        }

        [Theory]
        [InlineData(0x00, 0x03, 0x03, "UnexpectedMessage")] // content type 0
        [InlineData(0x18, 0x03, 0x03, "UnexpectedMessage")] // heartbeat (24): not spoken here
        [InlineData(0x17, 0x02, 0x00, "ProtocolVersion")]   // SSL 2-style version
        [InlineData(0x17, 0xFE, 0xFD, "ProtocolVersion")]   // a DTLS record on a TLS stream
        public void TlsBadHeader(byte type, byte major, byte minor, string error)
        {
            var reader = new TlsRecordLayer();
            var ex = TlsError(reader, new byte[] { type, major, minor, 0, 1, 0 });
            Assert.Equal(Enum.Parse<SslError>(error), ex.Error);
        }

        [Fact]
        public void TlsPlaintextLengthOverLimitIsRecordOverflow()
        {
            var reader = new TlsRecordLayer();
            var ex = TlsError(reader, new byte[] { 22, 3, 3, 0x40, 0x01 }); // 16385 > 2^14, header only
            Assert.Equal(SslError.RecordOverflow, ex.Error);
            Assert.Equal(AlertDescription.RecordOverflow, ex.Alert);
            reader.ReadPlaintextLimit = 512;
            Assert.Equal(SslError.RecordOverflow, TlsError(reader, new byte[] { 22, 3, 3, 0x02, 0x01 }).Error);
        }

        [Theory]
        [InlineData(RecordFamily.Tls12, 16384 + 2048 + 1)]
        [InlineData(RecordFamily.Tls13, 16384 + 256 + 1)]
        [InlineData(RecordFamily.Tls13, 16384 + 17 + 1)] // inner plaintext may not exceed 2^14 + 1
        public void TlsProtectedLengthOverLimitIsRecordOverflow(RecordFamily family, int length)
        {
            var (_, reader) = TlsPair(family);
            var header = new byte[] { 23, 3, 3, (byte)(length >> 8), (byte)length };
            Assert.Equal(SslError.RecordOverflow, TlsError(reader, header).Error);
        }

        [Fact]
        public void TlsContentOverNegotiatedLimitIsRecordOverflow()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls12);
            reader.ReadPlaintextLimit = 1024;
            writer.WritePlaintextLimit = 2048;
            byte[] record = TlsRecord(writer, ContentType.ApplicationData, 1500);
            Assert.Equal(SslError.RecordOverflow, TlsError(reader, record).Error);
        }

        [Theory]
        [InlineData(RecordFamily.Tls12)]
        [InlineData(RecordFamily.Tls13)]
        public void TlsShortProtectedRecordIsDecodeError(RecordFamily family)
        {
            var (_, reader) = TlsPair(family);
            var ex = TlsError(reader, new byte[] { 23, 3, 3, 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
            Assert.Equal(SslError.DecodeError, ex.Error);
            Assert.Equal(AlertDescription.DecodeError, ex.Alert);
        }

        [Theory]
        [InlineData(RecordFamily.Tls12)]
        [InlineData(RecordFamily.Tls13)]
        public void TlsEveryBitFlipIsBadRecordMac(RecordFamily family)
        {
            var (writer, _) = TlsPair(family);
            byte[] record = TlsRecord(writer, ContentType.ApplicationData, 40);
            for (int bit = 5 * 8; bit < record.Length * 8; bit++)
            {
                var (_, reader) = TlsPair(family);
                var copy = (byte[])record.Clone();
                copy[bit / 8] ^= (byte)(1 << (bit % 8));
                var ex = TlsError(reader, copy);
                Assert.Equal(SslError.BadRecordMac, ex.Error);
                Assert.Equal(AlertDescription.BadRecordMac, ex.Alert);
            }
        }

        [Fact]
        public void TlsReplayedRecordFailsBecauseTheSequenceMoved()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls12);
            byte[] record = TlsRecord(writer, ContentType.ApplicationData, 5);
            var view = new RecordView();
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord((byte[])record.Clone(), view));
            Assert.Equal(SslError.BadRecordMac, TlsError(reader, record).Error);
        }

        [Fact]
        public void TlsProtectedRecordWithOldVersionIsRefused()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls12);
            writer.WriteVersion = ProtocolVersion.Tls11;
            byte[] record = TlsRecord(writer, ContentType.ApplicationData, 5);
            Assert.Equal(SslError.ProtocolVersion, TlsError(reader, record).Error);
        }

        [Fact]
        public void Tls13RecordOfOnlyPaddingIsUnexpectedMessage()
        {
            // Seal an inner plaintext of zeros: no content type byte at all.
            var (writer, reader) = TlsPair(RecordFamily.Tls13);
            byte[] record = TlsRecord(writer, ContentType.Invalid, 8);
            var ex = TlsError(reader, record);
            Assert.Equal(SslError.UnexpectedMessage, ex.Error);
        }

        [Fact]
        public void Tls13ProtectedChangeCipherSpecIsUnexpectedMessage()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls13);
            byte[] record = TlsRecord(writer, ContentType.ChangeCipherSpec, 1);
            Assert.Equal(SslError.UnexpectedMessage, TlsError(reader, record).Error);
        }

        [Fact]
        public void Tls13PlainChangeCipherSpecPassesThroughForMiddleboxCompatibility()
        {
            var (_, reader) = TlsPair(RecordFamily.Tls13);
            var view = new RecordView();
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(new byte[] { 20, 3, 3, 0, 1, 1 }, view));
            Assert.Equal(ContentType.ChangeCipherSpec, view.Type);
            Assert.False(view.WasProtected);
            Assert.Equal(0UL, reader.ReadSequence); // does not consume a protected sequence number
        }

        [Fact]
        public void Tls13PaddingIsRemoved()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls13);
            // content "hi", type 23, then 5 bytes of padding, sealed directly by the protection.
            var buffer = new byte[5 + 2 + 1 + 5 + 16];
            buffer[0] = 23; buffer[1] = 3; buffer[2] = 3; buffer[4] = (byte)(buffer.Length - 5);
            buffer[5] = (byte)'h'; buffer[6] = (byte)'i'; buffer[7] = 23;
            Gcm(RecordFamily.Tls13).Seal13(buffer, 0, 2 + 1 + 5);
            var view = new RecordView();
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(buffer, view));
            Assert.Equal(ContentType.ApplicationData, view.Type);
            Assert.Equal(2, view.PayloadLength);
            Assert.Equal((byte)'i', buffer[view.PayloadOffset + 1]);
        }

        [Fact]
        public void TlsEmptyHandshakeRecordIsUnexpectedMessage()
        {
            var reader = new TlsRecordLayer();
            Assert.Equal(SslError.UnexpectedMessage, TlsError(reader, new byte[] { 22, 3, 3, 0, 0 }).Error);
            var view = new RecordView();
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(new byte[] { 23, 3, 3, 0, 0 }, view)); // empty app data is fine
        }

        [Fact]
        public void TlsSequenceExhaustionIsRefusedBothWays()
        {
            var (writer, reader) = TlsPair(RecordFamily.Tls12);
            writer.SetSequenceNumbers(0, ulong.MaxValue - 1);
            byte[] last = TlsRecord(writer, ContentType.ApplicationData, 3);
            var ex = Assert.Throws<SslException>(() => TlsRecord(writer, ContentType.ApplicationData, 3));
            Assert.Equal(SslError.SequenceExhausted, ex.Error);

            reader.SetSequenceNumbers(ulong.MaxValue - 1, 0);
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(last, new RecordView()));
            Assert.Equal(SslError.SequenceExhausted, TlsError(reader, last).Error);
        }

        [Fact]
        public void TlsEveryPrefixAndByteChangeGivesOnlyDocumentedOutcomes()
        {
            var (writer, _) = TlsPair(RecordFamily.Tls13);
            byte[] record = TlsRecord(writer, ContentType.Handshake, 30);
            var random = new Random(5);
            for (int i = 0; i < 3000; i++)
            {
                var (_, reader) = TlsPair(RecordFamily.Tls13);
                var copy = (byte[])record.Clone();
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
                int length = random.Next(copy.Length + 1);
                try
                {
                    reader.ReadRecord(copy.AsSpan(0, length), new RecordView());
                }
                catch (SslException)
                {
                }
            }
        }

        // ---- DTLS ----

        private static (DtlsRecordLayer writer, DtlsRecordLayer reader) DtlsPair()
        {
            var writer = new DtlsRecordLayer();
            var reader = new DtlsRecordLayer();
            writer.SetWriteProtection(Gcm(RecordFamily.Dtls12));
            reader.SetReadProtection(Gcm(RecordFamily.Dtls12));
            return (writer, reader);
        }

        private static byte[] DtlsRecord(DtlsRecordLayer writer, int length, ContentType type = ContentType.ApplicationData)
        {
            var buffer = new byte[writer.RecordLength(writer.WriteEpoch, length)];
            writer.WriteRecord(type, writer.WriteEpoch, new byte[length], buffer);
            return buffer;
        }

        private static RecordView DtlsRead(DtlsRecordLayer reader, byte[] datagram, RecordStatus expected)
        {
            var view = new RecordView();
            Assert.Equal(expected, reader.ReadRecord(datagram, view));
            return view;
        }

        [Fact]
        public void DtlsTruncatedHeaderDropsTheRestOfTheDatagram()
        {
            var (writer, reader) = DtlsPair();
            byte[] record = DtlsRecord(writer, 10);
            for (int n = 0; n < record.Length; n++)
            {
                var view = DtlsRead(reader, record.AsSpan(0, n).ToArray(), RecordStatus.Dropped);
                Assert.Equal(n, view.RecordLength);
                Assert.Equal(SslError.DecodeError, view.DropReason);
            }
            DtlsRead(reader, record, RecordStatus.Complete);
        }

        [Fact]
        public void DtlsBadVersionIsDropped()
        {
            var (writer, reader) = DtlsPair();
            byte[] record = DtlsRecord(writer, 10);
            record[2] = 0xFF; // DTLS 1.0 on a protected epoch
            Assert.Equal(SslError.ProtocolVersion, DtlsRead(reader, record, RecordStatus.Dropped).DropReason);
            record[1] = 0x03; record[2] = 0x03; // a TLS version
            Assert.Equal(SslError.ProtocolVersion, DtlsRead(reader, record, RecordStatus.Dropped).DropReason);
        }

        [Fact]
        public void DtlsBadTagIsDroppedAndCounted()
        {
            var (writer, reader) = DtlsPair();
            byte[] record = DtlsRecord(writer, 10);
            byte[] forged = (byte[])record.Clone();
            forged[^1] ^= 1;
            Assert.Equal(SslError.BadRecordMac, DtlsRead(reader, forged, RecordStatus.Dropped).DropReason);
            Assert.Equal(1, reader.AuthenticationFailures);
            Assert.Equal(1, reader.DroppedRecords);
            // A forged record does not move the window: the genuine one, same sequence number, still arrives.
            DtlsRead(reader, record, RecordStatus.Complete);
        }

        [Fact]
        public void DtlsReplayedRecordIsDropped()
        {
            var (writer, reader) = DtlsPair();
            byte[] record = DtlsRecord(writer, 10);
            DtlsRead(reader, (byte[])record.Clone(), RecordStatus.Complete);
            Assert.Equal(SslError.ReplayedRecord, DtlsRead(reader, record, RecordStatus.Dropped).DropReason);
        }

        [Fact]
        public void DtlsEpochFromTheFutureAndThePast()
        {
            var (writer, reader) = DtlsPair();
            byte[] record = DtlsRecord(writer, 10);
            record[4] = 2; // epoch 2 while reading epoch 1
            var view = DtlsRead(reader, record, RecordStatus.FutureEpoch);
            Assert.Equal(record.Length, view.RecordLength);
            record[4] = 7;
            Assert.Equal(SslError.UnknownEpoch, DtlsRead(reader, record, RecordStatus.Dropped).DropReason);
        }

        [Fact]
        public void DtlsLengthBeyondDatagramOrLimitIsDropped()
        {
            var (writer, reader) = DtlsPair();
            byte[] record = DtlsRecord(writer, 10);
            record[12] += 1;
            Assert.Equal(SslError.DecodeError, DtlsRead(reader, record, RecordStatus.Dropped).DropReason);

            var huge = new byte[13 + 16384 + 2048 + 1];
            huge[0] = 23; huge[1] = 0xFE; huge[2] = 0xFD; huge[4] = 1;
            huge[11] = (byte)((huge.Length - 13) >> 8); huge[12] = (byte)(huge.Length - 13);
            Assert.Equal(SslError.RecordOverflow, DtlsRead(reader, huge, RecordStatus.Dropped).DropReason);
        }

        [Fact]
        public void DtlsShortProtectedRecordIsDropped()
        {
            var (_, reader) = DtlsPair();
            var record = new byte[13 + 8];
            record[0] = 23; record[1] = 0xFE; record[2] = 0xFD; record[4] = 1; record[12] = 8;
            Assert.Equal(SslError.DecodeError, DtlsRead(reader, record, RecordStatus.Dropped).DropReason);
        }

        [Fact]
        public void DtlsSeveralRecordsInOneDatagram()
        {
            var (writer, reader) = DtlsPair();
            byte[] a = DtlsRecord(writer, 3), b = DtlsRecord(writer, 700), c = DtlsRecord(writer, 0);
            var datagram = new byte[a.Length + b.Length + c.Length];
            a.CopyTo(datagram, 0); b.CopyTo(datagram, a.Length); c.CopyTo(datagram, a.Length + b.Length);
            int offset = 0, count = 0;
            var view = new RecordView();
            while (offset < datagram.Length)
            {
                Assert.Equal(RecordStatus.Complete, reader.ReadRecord(datagram.AsSpan(offset), view));
                Assert.Equal((ulong)count, view.SequenceNumber);
                offset += view.RecordLength;
                count++;
            }
            Assert.Equal(3, count);
        }

        [Fact]
        public void DtlsPreviousEpochStaysWritableForRetransmission()
        {
            var writer = new DtlsRecordLayer();
            var reader = new DtlsRecordLayer();
            var ccs = new byte[13 + 1];
            writer.WriteRecord(ContentType.ChangeCipherSpec, 0, new byte[] { 1 }, ccs);
            writer.SetWriteProtection(Gcm(RecordFamily.Dtls12));
            var finished = new byte[writer.RecordLength(1, 12)];
            writer.WriteRecord(ContentType.Handshake, 1, new byte[12], finished);
            // Retransmission of the same flight: epoch 0 again, with the next epoch-0 sequence number.
            var ccsAgain = new byte[13 + 1];
            writer.WriteRecord(ContentType.ChangeCipherSpec, 0, new byte[] { 1 }, ccsAgain);
            Assert.Equal(1, ccsAgain[10]);

            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(ccs, new RecordView()));
            reader.SetReadProtection(Gcm(RecordFamily.Dtls12));
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(finished, new RecordView()));
            var view = new RecordView();
            Assert.Equal(RecordStatus.Complete, reader.ReadRecord(ccsAgain, view)); // stale epoch 0, left to the engine
            Assert.Equal(0, view.Epoch);
            Assert.False(view.WasProtected);
            Assert.Throws<SslException>(() => writer.WriteRecord(ContentType.Handshake, 2, new byte[1], new byte[64]));
        }

        [Fact]
        public void DtlsSequenceExhaustionIsRefused()
        {
            var (writer, _) = DtlsPair();
            writer.SetWriteSequence(RecordLimits.MaxDtlsSequence);
            DtlsRecord(writer, 1);
            var ex = Assert.Throws<SslException>(() => DtlsRecord(writer, 1));
            Assert.Equal(SslError.SequenceExhausted, ex.Error);
        }

        [Fact]
        public void DtlsRandomGarbageOnlyEverDrops()
        {
            var (writer, _) = DtlsPair();
            byte[] record = DtlsRecord(writer, 30);
            var random = new Random(11);
            for (int i = 0; i < 5000; i++)
            {
                var (_, reader) = DtlsPair();
                var copy = (byte[])record.Clone();
                for (int k = random.Next(1, 4); k > 0; k--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
                var view = new RecordView();
                var status = reader.ReadRecord(copy.AsSpan(0, random.Next(copy.Length + 1)), view);
                Assert.True(view.RecordLength >= 0);
                if (status == RecordStatus.Dropped) Assert.NotEqual(SslError.None, view.DropReason);
            }
        }
    }
}
