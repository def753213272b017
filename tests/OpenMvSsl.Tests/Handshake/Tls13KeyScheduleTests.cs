using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OpenMvSsl.Handshake;
using OpenMvSsl.Handshake.Secrets;
using OpenMvSsl.Host;
using OpenMvSsl.Record;
using OpenMvSsl.Tests.Messages;
using Xunit;
using AeadAlgorithm = OpenMvSsl.Crypto.AeadAlgorithm;
using HashAlgorithm = OpenMvSsl.Crypto.HashAlgorithm;

namespace OpenMvSsl.Tests.Handshake
{
    /// <summary>
    /// HKDF against RFC 5869 appendix A, and the TLS 1.3 key schedule against the traces of
    /// RFC 8448 (section 3: 1-RTT, section 4: resumption PSK, section 5: HelloRetryRequest).
    /// Transcript hashes are computed here from the handshake messages the RFC prints.
    /// </summary>
    public class Tls13KeyScheduleTests
    {
        private static readonly DotNetCryptoProvider Provider = new DotNetCryptoProvider();

        // RFC 8448 section 3, "{server} extract secret "handshake"": IKM (the x25519 shared secret).
        private const string Section3SharedSecret = "8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d 35 e6 d6 3f 53 75 63 ef d4 62 72 90 0f 89 49 2d";

        // RFC 8448 section 3, "{server} derive secret "tls13 s ap traffic"": expanded.
        private const string Section3ServerApplicationSecret = "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43";

        private static byte[] TranscriptHash(params string[] messages)
        {
            var transcript = new Transcript();
            foreach (string message in messages) transcript.Append(Hex.Decode(message));
            return transcript.Hash(Provider, HashAlgorithm.Sha256);
        }

        private static void AssertHex(string expected, byte[] actual)
        {
            Assert.Equal(Hex.Encode(Hex.Decode(expected)), Hex.Encode(actual));
        }

        // RFC 5869 A.1 (basic test case with SHA-256).
        [Fact]
        public void Hkdf_Rfc5869_TestCase1()
        {
            var prk = new byte[32];
            Hkdf.Extract(Provider, HashAlgorithm.Sha256, Hex.Decode("000102030405060708090a0b0c"),
                Hex.Decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), prk);
            AssertHex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", prk);

            var okm = new byte[42];
            Hkdf.Expand(Provider, HashAlgorithm.Sha256, prk, Hex.Decode("f0f1f2f3f4f5f6f7f8f9"), okm);
            AssertHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", okm);
        }

        // RFC 5869 A.3 (SHA-256, zero-length salt and info).
        [Fact]
        public void Hkdf_Rfc5869_TestCase3_EmptySaltAndInfo()
        {
            var prk = new byte[32];
            Hkdf.Extract(Provider, HashAlgorithm.Sha256, SpanByte.Empty, Hex.Decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), prk);
            AssertHex("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", prk);

            var okm = new byte[42];
            Hkdf.Expand(Provider, HashAlgorithm.Sha256, prk, SpanByte.Empty, okm);
            AssertHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8", okm);
        }

        [Fact]
        public void Hkdf_RejectsOversizedRequests()
        {
            var tooLong = new byte[255 * 32 + 1];
            var error = Assert.Throws<SslException>(() => Hkdf.Expand(Provider, HashAlgorithm.Sha256, new byte[32], SpanByte.Empty, tooLong));
            Assert.Equal(SslError.InvalidArgument, error.Error);
            error = Assert.Throws<SslException>(() => Hkdf.ExpandLabel(Provider, HashAlgorithm.Sha256, new byte[32], "x", new byte[256], 32));
            Assert.Equal(SslError.InvalidArgument, error.Error);
            error = Assert.Throws<SslException>(() => Hkdf.ExpandLabel(Provider, HashAlgorithm.Sha256, new byte[32], new string('a', 250), SpanByte.Empty, 32));
            Assert.Equal(SslError.InvalidArgument, error.Error);
        }

        // RFC 8448 section 3, every secret, key and Finished of the simple 1-RTT handshake.
        [Fact]
        public void Rfc8448_Section3_Simple1Rtt()
        {
            using var schedule = new Tls13KeySchedule(Provider, HashAlgorithm.Sha256);

            // "{server} extract secret "early"".
            schedule.DeriveEarlySecret();
            AssertHex("33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2 10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a", schedule.CurrentSecret);

            // "{server} derive secret "tls13 c hs traffic"": hash (32 octets) is this transcript hash.
            byte[] helloHash = TranscriptHash(Rfc8448.ClientHello, Rfc8448.ServerHello);
            AssertHex("86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8", helloHash);
            Tls13TrafficSecrets handshake = schedule.DeriveHandshakeSecrets(Hex.Decode(Section3SharedSecret), helloHash);
            // "{server} extract secret "handshake"".
            AssertHex("1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b 01 04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac", schedule.CurrentSecret);
            AssertHex("b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21", handshake.Client);
            AssertHex("b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38", handshake.Server);
            Assert.Null(handshake.ExporterMasterSecret);

            // "{server} derive write traffic keys for handshake data".
            Tls13TrafficKey serverHandshakeKey = schedule.TrafficKey(handshake.Server, AeadAlgorithm.Aes128Gcm);
            AssertHex("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc", serverHandshakeKey.Key);
            AssertHex("5d 31 3e b2 67 12 76 ee 13 00 0b 30", serverHandshakeKey.Iv);
            // "{server} derive read traffic keys for handshake data".
            Tls13TrafficKey clientHandshakeKey = schedule.TrafficKey(handshake.Client, AeadAlgorithm.Aes128Gcm);
            AssertHex("db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01", clientHandshakeKey.Key);
            AssertHex("5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f", clientHandshakeKey.Iv);

            // "{server} calculate finished "tls13 finished"": the server Finished message body.
            byte[] serverFinishedHash = TranscriptHash(Rfc8448.ClientHello, Rfc8448.ServerHello, Rfc8448.EncryptedExtensions,
                Rfc8448.Certificate, Rfc8448.CertificateVerify);
            byte[] serverFinished = schedule.FinishedVerifyData(handshake.Server, serverFinishedHash);
            AssertHex("9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f ff ee 54 54 b7 8f 07 18", serverFinished);
            Assert.Equal(Hex.Decode(Rfc8448.ServerFinished).AsSpan(4).ToArray(), serverFinished);

            // "{server} derive secret "tls13 c ap traffic"": hash through the server Finished.
            byte[] serverFinishedTranscript = TranscriptHash(Rfc8448.ClientHello, Rfc8448.ServerHello, Rfc8448.EncryptedExtensions,
                Rfc8448.Certificate, Rfc8448.CertificateVerify, Rfc8448.ServerFinished);
            AssertHex("96 08 10 2a 0f 1c cc 6d b6 25 0b 7b 7e 41 7b 1a 00 0e aa da 3d aa e4 77 7a 76 86 c9 ff 83 df 13", serverFinishedTranscript);
            Tls13TrafficSecrets application = schedule.DeriveApplicationSecrets(serverFinishedTranscript);
            // "{server} extract secret "master"".
            AssertHex("18 df 06 84 3d 13 a0 8b f2 a4 49 84 4c 5f 8a 47 80 01 bc 4d 4c 62 79 84 d5 a4 1d a8 d0 40 29 19", schedule.CurrentSecret);
            AssertHex("9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52 87 5a fa 0b 06 df 00 87 f7 92 eb b7 c1 75 04 a5", application.Client);
            AssertHex(Section3ServerApplicationSecret, application.Server);
            // "{server} derive secret "tls13 exp master"".
            AssertHex("fe 22 f8 81 17 6e da 18 eb 8f 44 52 9e 67 92 c5 0c 9a 3f 89 45 2f 68 d8 ae 31 1b 43 09 d3 cf 50", application.ExporterMasterSecret);

            // "{server} derive write traffic keys for application data".
            Tls13TrafficKey serverApplicationKey = schedule.TrafficKey(application.Server, AeadAlgorithm.Aes128Gcm);
            AssertHex("9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56", serverApplicationKey.Key);
            AssertHex("cf 78 2b 88 dd 83 54 9a ad f1 e9 84", serverApplicationKey.Iv);
            // "{client} derive write traffic keys for application data".
            Tls13TrafficKey clientApplicationKey = schedule.TrafficKey(application.Client, AeadAlgorithm.Aes128Gcm);
            AssertHex("17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51", clientApplicationKey.Key);
            AssertHex("5b 78 92 3d ee 08 57 90 33 e5 23 d9", clientApplicationKey.Iv);

            // "{client} calculate finished "tls13 finished"": same transcript as the application secrets.
            byte[] clientFinished = schedule.FinishedVerifyData(handshake.Client, serverFinishedTranscript);
            AssertHex("a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1 76 94 fa c6 e9 85 27 b6 42 f2 ed d5 ce 61", clientFinished);
            Assert.True(schedule.VerifyFinished(handshake.Client, serverFinishedTranscript, Hex.Decode(Rfc8448.ClientFinished).AsSpan(4)));
            clientFinished[31] ^= 1;
            Assert.False(schedule.VerifyFinished(handshake.Client, serverFinishedTranscript, clientFinished));

            // "{client} derive secret "tls13 res master"": hash through the client Finished.
            byte[] clientFinishedTranscript = TranscriptHash(Rfc8448.ClientHello, Rfc8448.ServerHello, Rfc8448.EncryptedExtensions,
                Rfc8448.Certificate, Rfc8448.CertificateVerify, Rfc8448.ServerFinished, Rfc8448.ClientFinished);
            AssertHex("20 91 45 a9 6e e8 e2 a1 22 ff 81 00 47 cc 95 26 84 65 8d 60 49 e8 64 29 42 6d b8 7c 54 ad 14 3d", clientFinishedTranscript);
            byte[] resumptionMaster = schedule.ResumptionMasterSecret(clientFinishedTranscript);
            AssertHex("7d f2 35 f2 03 1d 2a 05 12 87 d0 2b 02 41 b0 bf da f8 6c c8 56 23 1f 2d 5a ba 46 c4 34 ec 19 6c", resumptionMaster);

            // "{server} generate resumption secret "tls13 resumption"" for the ticket with nonce 00 00.
            AssertHex("4e cd 0e b6 ec 3b 4d 87 f5 d6 02 8f 92 2c a4 c5 85 1a 27 7f d4 13 11 c9 e6 2d 2c 94 92 e1 c4 f3",
                schedule.ResumptionPsk(resumptionMaster, new byte[2]));

            schedule.Dispose();
            Assert.Null(schedule.CurrentSecret);
            Assert.Equal(SslError.InvalidState,
                Assert.Throws<SslException>(() => schedule.ResumptionMasterSecret(clientFinishedTranscript)).Error);
        }

        // RFC 8448 section 4: the early secret from the resumption PSK, and the binder over the
        // truncated ClientHello ("{client} calculate PSK binder").
        [Fact]
        public void Rfc8448_Section4_ResumptionPskAndBinder()
        {
            using var schedule = new Tls13KeySchedule(Provider, HashAlgorithm.Sha256);
            schedule.DeriveEarlySecret(Hex.Decode("4e cd 0e b6 ec 3b 4d 87 f5 d6 02 8f 92 2c a4 c5 85 1a 27 7f d4 13 11 c9 e6 2d 2c 94 92 e1 c4 f3"));
            AssertHex("9b 21 88 e9 b2 fc 6d 64 d7 1d c3 29 90 0e 20 bb 41 91 50 00 f6 78 aa 83 9c bb 79 7c b7 d8 33 2c", schedule.CurrentSecret);

            byte[] binderKey = schedule.BinderKey(true);
            AssertHex("69 fe 13 1a 3b ba d5 d6 3c 64 ee bc c3 0e 39 5b 9d 81 07 72 6a 13 d0 74 e3 89 db c8 a4 e4 72 56", binderKey);

            byte[] truncatedHello = Hex.Decode(Rfc8448.ResumptionClientHello).AsSpan(0, 477).ToArray();
            byte[] binder = schedule.FinishedVerifyData(binderKey, SHA256.HashData(truncatedHello));
            AssertHex(Rfc8448.ResumptionBinder, binder);
        }

        // RFC 8448 section 5: after a HelloRetryRequest the transcript begins with message_hash
        // (RFC 8446 4.4.1). The server handshake key, IV and Finished of the trace only come out
        // right when ClientHello1 is replaced exactly as the RFC says.
        [Fact]
        public void Rfc8448_Section5_HelloRetryRequestTranscript()
        {
            byte[] clientHello1Hash = SHA256.HashData(Hex.Decode(Section5ClientHello1));
            byte[] messageHash = Tls13KeySchedule.MessageHashReplacement(clientHello1Hash);
            Assert.Equal(36, messageHash.Length);
            Assert.Equal(new byte[] { 0xFE, 0x00, 0x00, 0x20 }, messageHash.AsSpan(0, 4).ToArray());
            Assert.Equal(clientHello1Hash, messageHash.AsSpan(4).ToArray());

            string messageHashHex = Hex.Encode(messageHash);
            using var schedule = new Tls13KeySchedule(Provider, HashAlgorithm.Sha256);
            schedule.DeriveEarlySecret();
            byte[] helloHash = TranscriptHash(messageHashHex, Rfc8448.HelloRetryRequest, Section5ClientHello2, Section5ServerHello);
            Tls13TrafficSecrets handshake = schedule.DeriveHandshakeSecrets(Hex.Decode(Section5SharedSecret), helloHash);

            // "{server} derive write traffic keys for handshake data".
            Tls13TrafficKey serverKey = schedule.TrafficKey(handshake.Server, AeadAlgorithm.Aes128Gcm);
            AssertHex("46 46 bf ac 17 12 c4 26 cd 78 d8 a2 4a 8a 6f 6b", serverKey.Key);
            AssertHex("c7 d3 95 c0 8d 62 f2 97 d1 37 68 ea", serverKey.Iv);

            // The section 5 Certificate is byte for byte the one of section 3.
            byte[] finishedHash = TranscriptHash(messageHashHex, Rfc8448.HelloRetryRequest, Section5ClientHello2, Section5ServerHello,
                Section5EncryptedExtensions, Rfc8448.Certificate, Section5CertificateVerify);
            Assert.Equal(Hex.Encode(Hex.Decode(Section5ServerFinished).AsSpan(4)), Hex.Encode(schedule.FinishedVerifyData(handshake.Server, finishedHash)));
        }

        [Fact]
        public void MessageHashReplacement_Sha384AndBadLength()
        {
            byte[] hash = new byte[48];
            hash[47] = 0xAB;
            byte[] message = Tls13KeySchedule.MessageHashReplacement(hash);
            Assert.Equal("fe000030" + Hex.Encode(hash), Hex.Encode(message));
            Assert.Equal(SslError.InvalidArgument,
                Assert.Throws<SslException>(() => Tls13KeySchedule.MessageHashReplacement(new byte[31])).Error);
        }

        /// <summary>
        /// RFC 8448 has no KeyUpdate, so "traffic upd" (RFC 8446 7.2) is checked against the
        /// BCL's HKDF.Expand with the HkdfLabel written out by hand.
        /// </summary>
        [Theory]
        [InlineData(HashAlgorithm.Sha256)]
        [InlineData(HashAlgorithm.Sha384)]
        public void NextTrafficSecret_MatchesIndependentHkdf(HashAlgorithm hash)
        {
            int length = hash == HashAlgorithm.Sha256 ? 32 : 48;
            HashAlgorithmName name = hash == HashAlgorithm.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384;
            byte[] current = new byte[length];
            Hex.Decode(Section3ServerApplicationSecret).CopyTo(current, 0);

            byte[] label = Encoding.ASCII.GetBytes("tls13 traffic upd");
            var info = new byte[2 + 1 + label.Length + 1];
            info[1] = (byte)length;
            info[2] = (byte)label.Length;
            label.CopyTo(info, 3);
            byte[] expected = HKDF.Expand(name, current, length, info);

            using var schedule = new Tls13KeySchedule(Provider, hash);
            byte[] next = schedule.NextTrafficSecret(current);
            Assert.Equal(Hex.Encode(expected), Hex.Encode(next));
            Assert.NotEqual(Hex.Encode(expected), Hex.Encode(schedule.NextTrafficSecret(next)));
        }

        /// <summary>A full SHA-384 schedule against the BCL's HKDF (no RFC trace uses SHA-384).</summary>
        [Fact]
        public void Sha384Schedule_MatchesIndependentHkdf()
        {
            byte[] shared = SHA384.HashData(new byte[] { 1 });
            byte[] transcript = SHA384.HashData(new byte[] { 2 });
            byte[] empty = SHA384.HashData(Array.Empty<byte>());

            byte[] early = HKDF.Extract(HashAlgorithmName.SHA384, new byte[48], new byte[48]);
            byte[] derived = ReferenceExpandLabel384(early, "derived", empty, 48);
            byte[] handshakeSecret = HKDF.Extract(HashAlgorithmName.SHA384, shared, derived);
            byte[] serverHandshake = ReferenceExpandLabel384(handshakeSecret, "s hs traffic", transcript, 48);

            using var schedule = new Tls13KeySchedule(Provider, HashAlgorithm.Sha384);
            schedule.DeriveEarlySecret();
            Tls13TrafficSecrets secrets = schedule.DeriveHandshakeSecrets(shared, transcript);
            Assert.Equal(Hex.Encode(handshakeSecret), Hex.Encode(schedule.CurrentSecret));
            Assert.Equal(Hex.Encode(serverHandshake), Hex.Encode(secrets.Server));
            Assert.Equal(Hex.Encode(ReferenceExpandLabel384(serverHandshake, "key", Array.Empty<byte>(), 32)),
                Hex.Encode(schedule.TrafficKey(secrets.Server, AeadAlgorithm.Aes256Gcm).Key));
        }

        private static byte[] ReferenceExpandLabel384(byte[] secret, string label, byte[] context, int length)
        {
            byte[] name = Encoding.ASCII.GetBytes("tls13 " + label);
            var info = new byte[2 + 1 + name.Length + 1 + context.Length];
            info[0] = (byte)(length >> 8);
            info[1] = (byte)length;
            info[2] = (byte)name.Length;
            name.CopyTo(info, 3);
            info[3 + name.Length] = (byte)context.Length;
            context.CopyTo(info, 4 + name.Length);
            return HKDF.Expand(HashAlgorithmName.SHA384, secret, length, info);
        }

        // RFC 8448 section 3, "{client} send handshake record": the client Finished sealed under
        // the client handshake traffic secret, sequence number 0.
        [Fact]
        public void CreateProtection_ReproducesTheRfc8448ClientFinishedRecord()
        {
            using var schedule = new Tls13KeySchedule(Provider, HashAlgorithm.Sha256);
            byte[] clientHandshakeSecret = Hex.Decode("b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21");
            using RecordProtection protection = schedule.CreateProtection(clientHandshakeSecret, AeadAlgorithm.Aes128Gcm);
            Assert.Equal(RecordFamily.Tls13, protection.Family);

            byte[] finished = Hex.Decode(Rfc8448.ClientFinished);
            var record = new byte[5 + finished.Length + 1 + protection.TagLength];
            new byte[] { 0x17, 0x03, 0x03, 0x00, (byte)(record.Length - 5) }.CopyTo(record, 0);
            finished.CopyTo(record, 5);
            record[5 + finished.Length] = 0x16; // inner content type: handshake
            protection.Seal13(record, 0, finished.Length + 1);
            AssertHex(@"
                17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c
                56 cc 77 b0 51 7f e9 b9 3c 7a 4b fc 44 d8 7f 38 f8 03 38 ac
                98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46", record);
        }

        [Fact]
        public void StagesMustComeInOrder()
        {
            using var schedule = new Tls13KeySchedule(Provider, HashAlgorithm.Sha256);
            var hash = new byte[32];
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => schedule.DeriveHandshakeSecrets(new byte[32], hash)).Error);
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => schedule.DeriveApplicationSecrets(hash)).Error);
            schedule.DeriveEarlySecret();
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => schedule.DeriveEarlySecret()).Error);
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => schedule.ResumptionMasterSecret(hash)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => schedule.DeriveHandshakeSecrets(new byte[32], new byte[48])).Error);
            schedule.DeriveHandshakeSecrets(new byte[32], hash);
            Assert.Equal(SslError.InvalidState, Assert.Throws<SslException>(() => schedule.BinderKey(false)).Error);
        }

        // RFC 8448 section 5, "{client} send handshake record": the first ClientHello (180 octets).
        private const string Section5ClientHello1 = @"
            01 00 00 b0 03 03 b0 b1 c5 a5 aa 37 c5 91 9f 2e d1 d5 c6 ff f7 fc b7 84 97 16 94 5a 2b 8c ee 92
            58 a3 46 67 7b 6f 00 00 06 13 01 13 03 13 02 01 00 00 81 00 00 00 0b 00 09 00 00 06 73 65 72 76
            65 72 ff 01 00 01 00 00 0a 00 08 00 06 00 1d 00 17 00 18 00 33 00 26 00 24 00 1d 00 20 e8 e8 e3
            f3 b9 3a 25 ed 97 a1 4a 7d ca cb 8a 27 2c 62 88 e5 85 c6 48 4d 05 26 2f ca d0 62 ad 1f 00 2b 00
            03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01
            04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01";

        // RFC 8448 section 5, the second ClientHello with a secp256r1 share and the cookie (512 octets).
        private static readonly string Section5ClientHello2 = @"
            01 00 01 fc 03 03 b0 b1 c5 a5 aa 37 c5 91 9f 2e d1 d5 c6 ff f7 fc b7 84 97 16 94 5a 2b 8c ee 92
            58 a3 46 67 7b 6f 00 00 06 13 01 13 03 13 02 01 00 01 cd 00 00 00 0b 00 09 00 00 06 73 65 72 76
            65 72 ff 01 00 01 00 00 0a 00 08 00 06 00 1d 00 17 00 18 00 33 00 47 00 45 00 17 00 41 04 a6 da
            73 92 ec 59 1e 17 ab fd 53 59 64 b9 98 94 d1 3b ef b2 21 b3 de f2 eb e3 83 0e ac 8f 01 51 81 26
            77 c4 d6 d2 23 7e 85 cf 01 d6 91 0c fb 83 95 4e 76 ba 73 52 83 05 34 15 98 97 e8 06 57 80 00 2b
            00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02
            01 04 02 05 02 06 02 02 02 00 2c 00 74 00 72 71 dc d0 4b b8 8b c3 18 91 19 39 8a 00 00 00 00 ee
            fa fc 76 c1 46 b8 23 b0 96 f8 aa ca d3 65 dd 00 30 95 3f 4e df 62 56 36 e5 f2 1b b2 e2 3f cc 65
            4b 1b 5b 40 31 8d 10 d1 37 ab cb b8 75 74 e3 6e 8a 1f 02 5f 7d fa 5d 6e 50 78 1b 5e da 4a a1 5b
            0c 8b e7 78 25 7d 16 aa 30 30 e9 e7 84 1d d9 e4 c0 34 22 67 e8 ca 0c af 57 1f b2 b7 cf f0 f9 34
            b0 00 2d 00 02 01 01 00 1c 00 02 40 01 00 15 00 af" + string.Concat(Enumerable.Repeat(" 00", 175)); // padding extension

        // RFC 8448 section 5, "{server} construct a ServerHello handshake message" (123 octets).
        private const string Section5ServerHello = @"
            02 00 00 77 03 03 bb 34 1d 84 7f d7 89 c4 7c 38 71 72 dc 0c 9b f1 47 fc ca cb 50 43 d8 6c a4 c5
            98 d3 ff 57 1b 98 00 13 01 00 00 4f 00 33 00 45 00 17 00 41 04 58 3e 05 4b 7a 66 67 2a e0 20 ad
            9d 26 86 fc c8 5b 5a d4 1a 13 4a 0f 03 ee 72 b8 93 05 2b d8 5b 4c 8d e6 77 6f 5b 04 ac 07 d8 35
            40 ea b3 e3 d9 c5 47 bc 65 28 c4 31 7d 29 46 86 09 3a 6c ad 7d 00 2b 00 02 03 04";

        // RFC 8448 section 5, "{server} extract secret "handshake"": IKM (the secp256r1 shared secret).
        private const string Section5SharedSecret = "c1 42 ce 13 ca 11 b5 c2 23 36 52 e6 3a d3 d9 78 44 f1 62 1f bf b9 de 69 d5 47 dc 8f ed ea be b4";

        // RFC 8448 section 5, "{server} construct an EncryptedExtensions handshake message" (28 octets).
        private const string Section5EncryptedExtensions = @"
            08 00 00 18 00 16 00 0a 00 08 00 06 00 17 00 18 00 1d 00 1c 00 02 40 01 00 00 00 00";

        // RFC 8448 section 5, "{server} construct a CertificateVerify handshake message" (136 octets).
        private const string Section5CertificateVerify = @"
            0f 00 00 84 08 04 00 80 33 ab 13 d4 46 27 07 23 1b 5d ca e6 c8 19 0b 63 d1 da bc 74 f2 8c 39 53
            70 da 0b 07 e5 b8 30 66 d0 24 6a 31 ac d9 5d f4 75 bf d7 99 a4 a7 0d 33 ad 93 d3 a3 17 a9 b2 c0
            d2 37 a5 68 5b 21 9e 77 41 12 e3 91 a2 47 60 7d 1a ef f1 bb d0 a3 9f 38 2e e1 a5 fe 88 ae 99 ec
            59 22 8e 64 97 e4 5d 48 ce 27 5a 6d 5e f4 0d 16 9f b6 f9 d3 3b 05 2e d3 dc dd 6b 5a 48 ba af ff
            bc b2 90 12 84 15 bd 38";

        // RFC 8448 section 5, "{server} construct a Finished handshake message" (36 octets).
        private const string Section5ServerFinished = @"
            14 00 00 20 88 63 e6 bf b0 42 0a 92 7f a2 7f 34 33 6a 70 ae 42 6e 96 8e 3e b8 84 94 5b 96 85 6d
            ba 39 76 d1";
    }
}
