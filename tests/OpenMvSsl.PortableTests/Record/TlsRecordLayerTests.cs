using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Record;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>TLS 1.2 and 1.3 record protection: seal and open round trips, and what tampering gives.</summary>
    [TestClass]
    public class TlsRecordLayerTests
    {
        private static RecordProtection Protection(AeadAlgorithm algorithm, RecordFamily family)
        {
            byte[] key = TestBytes.Pattern(RecordProtection.KeyLength(algorithm), 11);
            byte[] iv = TestBytes.Pattern(RecordProtection.FixedIvLength(algorithm, family), 29);
            return new RecordProtection(PortableTestEnvironment.Crypto, algorithm, family, key, iv);
        }

        private static TlsRecordLayer Writer(AeadAlgorithm algorithm, RecordFamily family)
        {
            TlsRecordLayer layer = new TlsRecordLayer();
            layer.SetWriteProtection(Protection(algorithm, family));
            return layer;
        }

        private static TlsRecordLayer Reader(AeadAlgorithm algorithm, RecordFamily family)
        {
            TlsRecordLayer layer = new TlsRecordLayer();
            layer.SetReadProtection(Protection(algorithm, family));
            return layer;
        }

        private static byte[] Seal(TlsRecordLayer writer, ContentType type, byte[] content)
        {
            byte[] record = new byte[writer.RecordLength(content.Length)];
            int written = writer.WriteRecord(type, content, record);
            Assert.AreEqual(record.Length, written, "record length");
            return record;
        }

        private static SslError ErrorOf(TlsRecordLayer reader, byte[] record)
        {
            try
            {
                reader.ReadRecord(record, new RecordView());
            }
            catch (SslException e)
            {
                return e.Error;
            }
            Assert.IsTrue(false, "the record was accepted");
            return SslError.InvalidState;
        }

        private static void RoundTrip(AeadAlgorithm algorithm, RecordFamily family, ContentType type, int length)
        {
            TlsRecordLayer writer = Writer(algorithm, family);
            TlsRecordLayer reader = Reader(algorithm, family);
            for (int i = 0; i < 3; i++)
            {
                byte[] content = TestBytes.Pattern(length + i, 40 + i);
                byte[] record = Seal(writer, type, content);
                Assert.IsTrue(record.Length > content.Length + RecordLimits.TlsHeaderLength, "protection adds a tag");
                RecordView view = new RecordView();
                Assert.AreEqual((object)RecordStatus.Complete, (object)reader.ReadRecord(record, view));
                Assert.AreEqual((object)type, (object)view.Type, "content type");
                Assert.IsTrue(view.WasProtected, "was protected");
                Assert.AreEqual(record.Length, view.RecordLength);
                ByteAssert.AreEqual(content, record, view.PayloadOffset, view.PayloadLength, "record " + i);
            }
            Assert.AreEqual(3UL, reader.ReadSequence, "read sequence advanced per record");
            Assert.AreEqual(3UL, writer.WriteSequence, "write sequence advanced per record");
        }

        [TestMethod]
        public void Tls12AesGcmRoundTrip()
        {
            RoundTrip(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12, ContentType.ApplicationData, 100);
        }

        [TestMethod]
        public void Tls12Aes256GcmHandshakeRoundTrip()
        {
            RoundTrip(AeadAlgorithm.Aes256Gcm, RecordFamily.Tls12, ContentType.Handshake, 1);
        }

        [TestMethod]
        public void Tls12AesCcm8RoundTrip()
        {
            RoundTrip(AeadAlgorithm.Aes128Ccm8, RecordFamily.Tls12, ContentType.ApplicationData, 300);
        }

        [TestMethod]
        public void Tls12ChaCha20Poly1305RoundTrip()
        {
            RoundTrip(AeadAlgorithm.ChaCha20Poly1305, RecordFamily.Tls12, ContentType.ApplicationData, 64);
        }

        [TestMethod]
        public void Tls13AesGcmRoundTripHidesTheContentType()
        {
            RoundTrip(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls13, ContentType.Handshake, 50);
            TlsRecordLayer writer = Writer(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls13);
            byte[] record = Seal(writer, ContentType.Handshake, TestBytes.Pattern(10, 1));
            Assert.AreEqual((byte)ContentType.ApplicationData, record[0], "TLS 1.3 records claim application_data on the wire");
        }

        [TestMethod]
        public void Tls13ChaCha20Poly1305RoundTrip()
        {
            RoundTrip(AeadAlgorithm.ChaCha20Poly1305, RecordFamily.Tls13, ContentType.ApplicationData, 1000);
        }

        [TestMethod]
        public void Tls12FlippedCiphertextByteIsBadRecordMac()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12), ContentType.ApplicationData, TestBytes.Pattern(32, 3));
            for (int i = RecordLimits.TlsHeaderLength; i < record.Length; i += 7)
            {
                byte[] copy = TestBytes.Copy(record);
                copy[i] ^= 0x01;
                Assert.AreEqual((object)SslError.BadRecordMac, (object)ErrorOf(Reader(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12), copy), "flip at " + i);
            }
        }

        [TestMethod]
        public void Tls13FlippedTagIsBadRecordMac()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.ChaCha20Poly1305, RecordFamily.Tls13), ContentType.ApplicationData, TestBytes.Pattern(20, 3));
            record[record.Length - 1] ^= 0x80;
            Assert.AreEqual((object)SslError.BadRecordMac, (object)ErrorOf(Reader(AeadAlgorithm.ChaCha20Poly1305, RecordFamily.Tls13), record));
        }

        [TestMethod]
        public void Tls13HeaderIsAuthenticated()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls13), ContentType.ApplicationData, TestBytes.Pattern(20, 3));
            // Claim one byte less and drop the last byte: the header is additional data, so it fails.
            byte[] shorter = TestBytes.Slice(record, 0, record.Length - 1);
            shorter[4] = (byte)(shorter[4] - 1);
            Assert.AreEqual((object)SslError.BadRecordMac, (object)ErrorOf(Reader(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls13), shorter));
        }

        [TestMethod]
        public void ReplayedRecordFailsBecauseTheSequenceMoved()
        {
            TlsRecordLayer writer = Writer(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12);
            TlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12);
            byte[] record = Seal(writer, ContentType.ApplicationData, TestBytes.Pattern(5, 9));
            Assert.AreEqual((object)RecordStatus.Complete, (object)reader.ReadRecord(TestBytes.Copy(record), new RecordView()));
            Assert.AreEqual((object)SslError.BadRecordMac, (object)ErrorOf(reader, record));
        }

        [TestMethod]
        public void WrongKeyIsBadRecordMac()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12), ContentType.ApplicationData, TestBytes.Pattern(5, 9));
            TlsRecordLayer reader = new TlsRecordLayer();
            reader.SetReadProtection(new RecordProtection(PortableTestEnvironment.Crypto, AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12,
                TestBytes.Pattern(16, 12), TestBytes.Pattern(4, 29)));
            Assert.AreEqual((object)SslError.BadRecordMac, (object)ErrorOf(reader, record));
        }

        [TestMethod]
        public void EveryPrefixOfARecordIsIncomplete()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Ccm8, RecordFamily.Tls12), ContentType.ApplicationData, TestBytes.Pattern(10, 9));
            TlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Ccm8, RecordFamily.Tls12);
            for (int n = 0; n < record.Length; n++)
                Assert.AreEqual((object)RecordStatus.Incomplete, (object)reader.ReadRecord(TestBytes.Slice(record, 0, n), new RecordView()), "prefix " + n);
            Assert.AreEqual((object)RecordStatus.Complete, (object)reader.ReadRecord(record, new RecordView()));
        }

        [TestMethod]
        public void PlaintextOverTwoToTheFourteenIsRecordOverflow()
        {
            TlsRecordLayer reader = new TlsRecordLayer();
            Assert.AreEqual((object)SslError.RecordOverflow, (object)ErrorOf(reader, new byte[] { 22, 3, 3, 0x40, 0x01 }));
        }

        [TestMethod]
        public void UnknownContentTypeIsUnexpectedMessage()
        {
            TlsRecordLayer reader = new TlsRecordLayer();
            Assert.AreEqual((object)SslError.UnexpectedMessage, (object)ErrorOf(reader, new byte[] { 0x18, 3, 3, 0, 1, 0 }));
        }

        [TestMethod]
        public void DtlsVersionOnATlsStreamIsProtocolVersion()
        {
            TlsRecordLayer reader = new TlsRecordLayer();
            Assert.AreEqual((object)SslError.ProtocolVersion, (object)ErrorOf(reader, new byte[] { 0x17, 0xFE, 0xFD, 0, 1, 0 }));
        }

        [TestMethod]
        public void SslExceptionIsWhatTamperingThrows()
        {
            byte[] record = Seal(Writer(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12), ContentType.ApplicationData, TestBytes.Pattern(5, 9));
            record[record.Length - 2] ^= 0x10;
            TlsRecordLayer reader = Reader(AeadAlgorithm.Aes128Gcm, RecordFamily.Tls12);
            Assert.ThrowsException(typeof(SslException), delegate { reader.ReadRecord(record, new RecordView()); });
        }
    }
}
