using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Record;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// DTLS 1.2 record protection: round trips carry epoch and sequence number; bad records are
    /// dropped and counted (RFC 6347 4.1.2.7), never thrown, and forged ones do not move the window.
    /// </summary>
    [TestClass]
    public class DtlsRecordLayerTests
    {
        private static RecordProtection Protection(AeadAlgorithm algorithm)
        {
            return new RecordProtection(PortableTestEnvironment.Crypto, algorithm, RecordFamily.Dtls12,
                TestBytes.Pattern(RecordProtection.KeyLength(algorithm), 5),
                TestBytes.Pattern(RecordProtection.FixedIvLength(algorithm, RecordFamily.Dtls12), 77));
        }

        private static DtlsRecordLayer Writer(AeadAlgorithm algorithm)
        {
            DtlsRecordLayer layer = new DtlsRecordLayer();
            layer.SetWriteProtection(Protection(algorithm));
            return layer;
        }

        private static DtlsRecordLayer Reader(AeadAlgorithm algorithm)
        {
            DtlsRecordLayer layer = new DtlsRecordLayer();
            layer.SetReadProtection(Protection(algorithm));
            return layer;
        }

        private static byte[] Seal(DtlsRecordLayer writer, byte[] content)
        {
            byte[] record = new byte[writer.RecordLength(writer.WriteEpoch, content.Length)];
            Assert.AreEqual(record.Length, writer.WriteRecord(ContentType.ApplicationData, writer.WriteEpoch, content, record));
            return record;
        }

        private static RecordView Read(DtlsRecordLayer reader, byte[] datagram, RecordStatus expected)
        {
            RecordView view = new RecordView();
            Assert.AreEqual((object)expected, (object)reader.ReadRecord(datagram, view));
            return view;
        }

        private static void RoundTrip(AeadAlgorithm algorithm)
        {
            DtlsRecordLayer writer = Writer(algorithm);
            DtlsRecordLayer reader = Reader(algorithm);
            Assert.AreEqual(1, writer.WriteEpoch, "protection starts epoch 1");
            for (int i = 0; i < 4; i++)
            {
                byte[] content = TestBytes.Pattern(30 * i, i);
                byte[] record = Seal(writer, content);
                Assert.AreEqual((byte)0xFE, record[1], "DTLS 1.2 major version byte");
                RecordView view = Read(reader, record, RecordStatus.Complete);
                Assert.AreEqual(1, view.Epoch);
                Assert.AreEqual((ulong)i, view.SequenceNumber);
                Assert.IsTrue(view.WasProtected);
                ByteAssert.AreEqual(content, record, view.PayloadOffset, view.PayloadLength, "record " + i);
            }
        }

        [TestMethod]
        public void AesCcm8RoundTripCarriesEpochAndSequence()
        {
            RoundTrip(AeadAlgorithm.Aes128Ccm8);
        }

        [TestMethod]
        public void AesGcmRoundTripCarriesEpochAndSequence()
        {
            RoundTrip(AeadAlgorithm.Aes128Gcm);
        }

        [TestMethod]
        public void ChaCha20Poly1305RoundTripCarriesEpochAndSequence()
        {
            RoundTrip(AeadAlgorithm.ChaCha20Poly1305);
        }

        [TestMethod]
        public void TamperedRecordIsDroppedAndCounted()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Ccm8), TestBytes.Pattern(16, 1));
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Ccm8);
            byte[] forged = TestBytes.Copy(record);
            forged[forged.Length - 3] ^= 0x04;
            RecordView view = Read(reader, forged, RecordStatus.Dropped);
            Assert.AreEqual((object)SslError.BadRecordMac, (object)view.DropReason);
            Assert.AreEqual(1L, reader.AuthenticationFailures);
            Assert.AreEqual(1L, reader.DroppedRecords);
        }

        [TestMethod]
        public void ForgedRecordDoesNotBlockTheGenuineOne()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm), TestBytes.Pattern(16, 1));
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm);
            byte[] forged = TestBytes.Copy(record);
            forged[RecordLimits.DtlsHeaderLength + 9] ^= 0x40;
            Read(reader, forged, RecordStatus.Dropped);
            Read(reader, record, RecordStatus.Complete); // same sequence number, still fresh
        }

        [TestMethod]
        public void ReplayedRecordIsDropped()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm), TestBytes.Pattern(8, 1));
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm);
            Read(reader, TestBytes.Copy(record), RecordStatus.Complete);
            RecordView view = Read(reader, record, RecordStatus.Dropped);
            Assert.AreEqual((object)SslError.ReplayedRecord, (object)view.DropReason);
        }

        [TestMethod]
        public void ReorderedRecordsInsideTheWindowAreAccepted()
        {
            DtlsRecordLayer writer = Writer(AeadAlgorithm.Aes128Ccm8);
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Ccm8);
            byte[][] records = new byte[5][];
            for (int i = 0; i < records.Length; i++) records[i] = Seal(writer, TestBytes.Pattern(4, i));
            int[] order = new int[] { 4, 0, 3, 1, 2 };
            for (int i = 0; i < order.Length; i++)
                Assert.AreEqual((ulong)order[i], Read(reader, records[order[i]], RecordStatus.Complete).SequenceNumber);
        }

        [TestMethod]
        public void SeveralRecordsInOneDatagramAreReadOneByOne()
        {
            DtlsRecordLayer writer = Writer(AeadAlgorithm.Aes128Gcm);
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm);
            byte[] datagram = TestBytes.Concat(TestBytes.Concat(Seal(writer, TestBytes.Pattern(3, 1)), Seal(writer, TestBytes.Pattern(700, 2))), Seal(writer, new byte[0]));
            int offset = 0;
            int count = 0;
            RecordView view = new RecordView();
            while (offset < datagram.Length)
            {
                Assert.AreEqual((object)RecordStatus.Complete, (object)reader.ReadRecord(new SpanByte(datagram, offset, datagram.Length - offset), view));
                Assert.AreEqual((ulong)count, view.SequenceNumber);
                offset += view.RecordLength;
                count++;
            }
            Assert.AreEqual(3, count);
        }

        [TestMethod]
        public void NextEpochIsReportedAndALaterOneDropped()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm), TestBytes.Pattern(10, 1));
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm);
            record[4] = 2; // epoch 2 while reading epoch 1
            Assert.AreEqual(record.Length, Read(reader, record, RecordStatus.FutureEpoch).RecordLength);
            record[4] = 7;
            Assert.AreEqual((object)SslError.UnknownEpoch, (object)Read(reader, record, RecordStatus.Dropped).DropReason);
        }

        [TestMethod]
        public void TruncatedDatagramsAreDroppedAsDecodeErrors()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm), TestBytes.Pattern(10, 1));
            DtlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm);
            for (int n = 1; n < record.Length; n++)
            {
                RecordView view = Read(reader, TestBytes.Slice(record, 0, n), RecordStatus.Dropped);
                Assert.AreEqual((object)SslError.DecodeError, (object)view.DropReason, "prefix " + n);
            }
            Read(reader, record, RecordStatus.Complete);
        }
    }
}
