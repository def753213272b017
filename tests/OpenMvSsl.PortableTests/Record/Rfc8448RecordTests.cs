using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Record;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// TLS 1.3 record protection against RFC 8448 section 3 ("Simple 1-RTT Handshake",
    /// TLS_AES_128_GCM_SHA256): the client's first application data record and its Finished
    /// record, both at sequence number 0. Opening must give the RFC's plaintext and sealing must
    /// give the RFC's bytes.
    /// </summary>
    [TestClass]
    public class Rfc8448RecordTests
    {
        // RFC 8448 section 3, "client application traffic" key and iv.
        private const string ClientAppKey = "17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51";
        private const string ClientAppIv = "5b 78 92 3d ee 08 57 90 33 e5 23 d9";
        private const string ClientAppRecord =
            "17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55"
            + "cb ef ac ea 42 f9 14 aa 66 bc ab 3f 2b 98 19 a8 a5 b4 6b 39"
            + "5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2 97 70 14 bd"
            + "1e 3d ea e6 3a ee bb 21 69 49 15 e4";

        // RFC 8448 section 3, "client handshake traffic" key and iv, and the client's Finished record.
        private const string ClientHandshakeKey = "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01";
        private const string ClientHandshakeIv = "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f";
        private const string ClientFinishedRecord =
            "17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c"
            + "56 cc 77 b0 51 7f e9 b9 3c 7a 4b fc 44 d8 7f 38 f8 03 38 ac"
            + "98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46";

        private static byte[] ApplicationPayload()
        {
            // Both sides send the 50 bytes 00 01 02 ... 31 (hex).
            byte[] payload = new byte[0x32];
            for (int i = 0; i < payload.Length; i++) payload[i] = (byte)i;
            return payload;
        }

        private static RecordProtection Protection(string key, string iv)
        {
            return new RecordProtection(PortableTestEnvironment.Crypto, AeadAlgorithm.Aes128Gcm, RecordFamily.Tls13, TestBytes.FromHex(key), TestBytes.FromHex(iv));
        }

        private static byte[] Open(string key, string iv, string recordHex, ContentType expectedType)
        {
            TlsRecordLayer layer = new TlsRecordLayer();
            layer.SetReadProtection(Protection(key, iv));
            byte[] record = TestBytes.FromHex(recordHex);
            RecordView view = new RecordView();
            Assert.AreEqual((object)RecordStatus.Complete, (object)layer.ReadRecord(record, view));
            Assert.AreEqual((object)expectedType, (object)view.Type);
            Assert.AreEqual(record.Length, view.RecordLength);
            return TestBytes.Slice(record, view.PayloadOffset, view.PayloadLength);
        }

        private static byte[] Seal(string key, string iv, ContentType type, byte[] content)
        {
            TlsRecordLayer layer = new TlsRecordLayer();
            layer.SetWriteProtection(Protection(key, iv));
            byte[] record = new byte[layer.RecordLength(content.Length)];
            Assert.AreEqual(record.Length, layer.WriteRecord(type, content, record));
            return record;
        }

        [TestMethod]
        public void ClientApplicationDataOpensToTheRfcPlaintext()
        {
            ByteAssert.AreEqual(ApplicationPayload(), Open(ClientAppKey, ClientAppIv, ClientAppRecord, ContentType.ApplicationData));
        }

        [TestMethod]
        public void ClientApplicationDataSealsToTheRfcBytes()
        {
            ByteAssert.AreEqual(TestBytes.FromHex(ClientAppRecord), Seal(ClientAppKey, ClientAppIv, ContentType.ApplicationData, ApplicationPayload()));
        }

        [TestMethod]
        public void ClientFinishedRecordRoundTripsExactly()
        {
            byte[] finished = Open(ClientHandshakeKey, ClientHandshakeIv, ClientFinishedRecord, ContentType.Handshake);
            Assert.AreEqual(36, finished.Length, "Finished message with a 32-byte verify_data");
            Assert.AreEqual((byte)0x14, finished[0], "handshake type finished");
            ByteAssert.AreEqual(TestBytes.FromHex(ClientFinishedRecord), Seal(ClientHandshakeKey, ClientHandshakeIv, ContentType.Handshake, finished));
        }

        [TestMethod]
        public void OtherTrafficKeyFailsAuthentication()
        {
            TlsRecordLayer layer = new TlsRecordLayer();
            layer.SetReadProtection(Protection(ClientHandshakeKey, ClientHandshakeIv));
            byte[] record = TestBytes.FromHex(ClientAppRecord);
            SslException failure = null;
            try
            {
                layer.ReadRecord(record, new RecordView());
            }
            catch (SslException e)
            {
                failure = e;
            }
            Assert.IsNotNull(failure, "a record under another key was accepted");
            Assert.AreEqual((object)SslError.BadRecordMac, (object)failure.Error);
            Assert.AreEqual((object)AlertDescription.BadRecordMac, (object)failure.Alert);
        }
    }
}
