using System;
using System.Collections.Generic;
using System.Linq;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// The DTLS half of the hostile-input catalogue (issue 7): real DtlsEngine client and server,
    /// crafted datagrams spliced into their conversation, and the exact outcome of each: the
    /// error and the alert the engine sends (read in clear, or opened with the peer's keys), or
    /// "dropped and counted" in DroppedRecords with the connection still working afterwards.
    /// docs/robustness.md lists every case with its outcome.
    ///
    /// Message numbering in these handshakes (RFC 6347 4.2.2; the server continues the client's):
    /// PSK: ClientHello 0, HelloVerifyRequest 0, ClientHello 1, ServerHello 1, ServerHelloDone 2,
    /// ClientKeyExchange 2, client Finished 3, server Finished 3.
    /// ECDHE-ECDSA: ServerHello 1, Certificate 2, ServerKeyExchange 3, ServerHelloDone 4.
    /// </summary>
    public class DtlsHostileCatalogueTests
    {
        private const ulong SpoofedRecordSeq = 50;

        // ---- splicing helpers ----

        private static bool Has(byte[] datagram, HandshakeType type) => Wire.Records(datagram).Any(r => Wire.IsMessage(r, type));

        /// <summary>Replaces, once, the first datagram going <paramref name="toServer"/>'s way that holds a <paramref name="type"/> message.</summary>
        private static void OnceAt(DtlsHostileHarness h, bool toServer, HandshakeType type, Func<byte[], IEnumerable<byte[]>> replace)
        {
            bool done = false;
            h.Intercept = (server, d) =>
            {
                if (done || server != toServer || !Has(d, type)) return null;
                done = true;
                return replace(d);
            };
        }

        /// <summary>Replaces, once, the first datagram going <paramref name="toServer"/>'s way that holds a ChangeCipherSpec record.</summary>
        private static void OnceAtChangeCipherSpec(DtlsHostileHarness h, bool toServer, Func<byte[], IEnumerable<byte[]>> replace)
        {
            bool done = false;
            h.Intercept = (server, d) =>
            {
                if (done || server != toServer || !Wire.Records(d).Any(r => r[0] == (byte)ContentType.ChangeCipherSpec)) return null;
                done = true;
                return replace(d);
            };
        }

        private static byte[] RecordWith(byte[] datagram, HandshakeType type) => Wire.Records(datagram).First(r => Wire.IsMessage(r, type));

        private static byte[][] Before(byte[] injected, byte[] datagram) => new[] { injected, datagram };

        private static void AssertDroppedAndStillWorks(DtlsHostileHarness h, DtlsEngine engine, long expectedDrops)
        {
            h.Establish();
            Assert.True(h.Replacements > 0, "the hostile input was never spliced in");
            Assert.Equal(expectedDrops, engine.DroppedRecords);
            h.AssertStillWorks();
        }

        // ======== zero-length fragments ========

        [Theory]
        [InlineData("start")]
        [InlineData("middle")]
        [InlineData("end")]
        public void EmptyFragmentOfTheServerHello_AtAnyOffset_IsHarmless(string where)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
            {
                var (type, seq, body) = Wire.OnlyMessage(RecordWith(d, HandshakeType.ServerHello));
                int offset = where == "start" ? 0 : where == "middle" ? body.Length / 2 : body.Length;
                return Before(Wire.Handshake(SpoofedRecordSeq, Wire.Fragment(type, body.Length, seq, offset, new byte[0])), d);
            });
            AssertDroppedAndStillWorks(h, h.Client, 0);
        }

        [Fact]
        public void ZeroLengthServerHelloDoneArrivingBeforeTheServerHello_IsKeptAndUsed()
        {
            // ServerHelloDone has an empty body: its only fragment has fragment_length 0 (RFC 6347 4.2.3).
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => Wire.Records(d).AsEnumerable().Reverse());
            AssertDroppedAndStillWorks(h, h.Client, 0);
        }

        [Fact]
        public void ZeroLengthServerHelloDoneInPlaceOfTheServerHello_IsUnexpectedMessage()
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.ServerHelloDone, 1, new byte[0])), d));
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void EmptyFragmentClaimingA16MegabyteMessage_IsHandshakeFailure()
        {
            // Like TLS (TlsHostileInputTests.HandshakeMessageClaiming16MegabytesIsRefusedAtOnce): a message
            // larger than MaxHandshakeBufferBytes ends the handshake with a message that names the setting.
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Handshake(SpoofedRecordSeq, Wire.Fragment(HandshakeType.Certificate, 0xFFFFFF, 2, 0, new byte[0])), d));
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.HandshakeFailure, AlertDescription.HandshakeFailure);
            Assert.Contains("MaxHandshakeBufferBytes", h.Client.Failure.Message);
        }

        [Fact]
        public void EmptyFragmentClaimingA16MegabyteMessageBeyondTheReassemblyWindow_IsDroppedAndCounted()
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Handshake(SpoofedRecordSeq, Wire.Fragment(HandshakeType.Certificate, 0xFFFFFF, 40, 0, new byte[0])), d));
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        // ======== overlapping fragments ========

        [Theory]
        [InlineData("psk")]
        [InlineData("ecdsa")]
        public void OverlappingFragmentsWithTheSameBytes_AreReassembled(string kind)
        {
            var h = kind == "psk" ? DtlsHostileHarness.Psk() : DtlsHostileHarness.Ecdsa();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
            {
                var records = Wire.Records(d);
                byte[] hello = RecordWith(d, HandshakeType.ServerHello);
                var (type, seq, body) = Wire.OnlyMessage(hello);
                int third = body.Length / 3;
                byte[] Piece(int from, int to) => Wire.Fragment(type, body.Length, seq, from, body.AsSpan(from, to - from).ToArray());
                // The same bytes three times over, in overlapping ranges, each in its own record.
                var pieces = new List<byte[]>
                {
                    Wire.Handshake(SpoofedRecordSeq, Piece(0, 2 * third)),
                    Wire.Handshake(SpoofedRecordSeq + 1, Piece(third, body.Length)),
                    Wire.Handshake(SpoofedRecordSeq + 2, Piece(third / 2, body.Length - third / 2)),
                };
                pieces.AddRange(records.Where(r => r != hello));
                return new[] { Wire.Concat(pieces.ToArray()) };
            });
            AssertDroppedAndStillWorks(h, h.Client, 0);
        }

        private static byte[] WithRandomFlipped(byte[] serverHelloBody)
        {
            byte[] forged = (byte[])serverHelloBody.Clone();
            for (int i = 2; i < 34; i++) forged[i] ^= 0xFF; // server_version stays, random changes
            return forged;
        }

        [Theory]
        [InlineData("psk")]
        [InlineData("ecdsa")]
        public void ConflictingOverlapBeforeTheGenuineMessage_TheNewestBytesWinAndTheHandshakeCompletes(string kind)
        {
            // A spoofed fragment (the random, bytes 2..33) arrives first; the genuine whole message overlaps it
            // with other bytes. The reassembler starts the message over with the newest fragment, so the
            // forgery is not pinned (it would corrupt the handshake if the first writer won).
            var h = kind == "psk" ? DtlsHostileHarness.Psk() : DtlsHostileHarness.Ecdsa();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
            {
                var (type, seq, body) = Wire.OnlyMessage(RecordWith(d, HandshakeType.ServerHello));
                byte[] forged = WithRandomFlipped(body).AsSpan(2, 32).ToArray();
                return Before(Wire.Handshake(SpoofedRecordSeq, Wire.Fragment(type, body.Length, seq, 2, forged)), d);
            });
            AssertDroppedAndStillWorks(h, h.Client, 0);
        }

        [Fact]
        public void ConflictingOverlapCompletingAForgedServerHello_PskEndsWithDecryptErrorOnBothSides()
        {
            // The genuine first half arrives, then a forged whole ServerHello (another random) that overlaps it:
            // the newest wins and completes the message. Nothing authenticates epoch 0, so the forgery
            // surfaces at the Finished: the server cannot open the client's Finished (other keys) and says so.
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => ForgedServerHelloOverAGenuineHalf(d));
            h.Run(() => h.Server.State == EngineState.Failed);
            byte[] alert = h.TakeAll(h.Server).Last();
            Assert.Equal(SslError.DecryptError, h.Server.Failure.Error);
            Assert.Equal(new byte[] { 2, (byte)AlertDescription.DecryptError }, alert.AsSpan(13).ToArray()); // epoch 0: in clear
            h.Client.ProcessDatagram(alert, h.Now + 1);
            Assert.Equal(EngineState.Failed, h.Client.State);
            Assert.Equal(SslError.PeerAlert, h.Client.Failure.Error);
            Assert.Equal(AlertDescription.DecryptError, h.Client.Failure.Alert);
        }

        [Fact]
        public void ConflictingOverlapCompletingAForgedServerHello_EcdsaFailsTheSignatureCheck()
        {
            // With ECDHE-ECDSA the server signs both randoms (RFC 5246 7.4.3): the client notices at once.
            var h = DtlsHostileHarness.Ecdsa();
            OnceAt(h, false, HandshakeType.ServerHello, d => ForgedServerHelloOverAGenuineHalf(d));
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.DecryptError, AlertDescription.DecryptError);
            Assert.Contains("signature", h.Client.Failure.Message);
        }

        private static IEnumerable<byte[]> ForgedServerHelloOverAGenuineHalf(byte[] datagram)
        {
            var records = Wire.Records(datagram);
            byte[] hello = RecordWith(datagram, HandshakeType.ServerHello);
            var (type, seq, body) = Wire.OnlyMessage(hello);
            int half = body.Length / 2;
            var parts = new List<byte[]>
            {
                Wire.Handshake(Wire.SequenceOf(hello), Wire.Fragment(type, body.Length, seq, 0, body.AsSpan(0, half).ToArray())),
                Wire.Handshake(SpoofedRecordSeq, Wire.Message(type, seq, WithRandomFlipped(body))),
            };
            parts.AddRange(records.Where(r => r != hello));
            return new[] { Wire.Concat(parts.ToArray()) };
        }

        // ======== fragment fields that do not add up ========

        [Theory]
        [InlineData(10, 8, 4, 4)]      // fragment_offset + fragment_length > length
        [InlineData(10, 11, 0, 0)]     // fragment_offset > length
        [InlineData(300, 0, 200, 10)]  // fragment_length longer than what the record holds
        [InlineData(0xFFFFFF, 0, 0xFFFFFF, 10)] // the same, claiming 16 MB: dropped before its size is looked at
        public void FragmentOutsideItsMessageOrRecord_IsDroppedAndCounted(int length, int offset, int fragmentLengthField, int bytesPresent)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => Before(Wire.Handshake(SpoofedRecordSeq,
                Wire.Fragment(HandshakeType.ServerHello, length, 1, offset, new byte[bytesPresent], fragmentLengthField)), d));
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        // ======== message_seq far ahead or behind ========

        [Theory]
        [InlineData(1 + 6)]      // just beyond the reassembly window (6 messages from the next expected)
        [InlineData(0xFFFF)]
        public void MessageSeqFarAhead_IsDroppedAndCounted(int messageSeq)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.ServerHelloDone, messageSeq, new byte[0])), d));
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        [Fact]
        public void MessageSeqBehind_IsTakenForARetransmissionAndTheFlightIsResent()
        {
            // The server, waiting for ClientKeyExchange (message 2), receives message 0 again: the client
            // seems to have lost the server's flight, so the server resends it once (RFC 6347 4.2.4).
            var h = DtlsHostileHarness.Psk();
            byte[] firstHello = null;
            h.Intercept = (toServer, d) =>
            {
                if (toServer && firstHello == null && Has(d, HandshakeType.ClientHello)) firstHello = d;
                else if (toServer && Has(d, HandshakeType.ClientKeyExchange) && h.Server.Retransmissions == 0) return Before(firstHello, d);
                return null;
            };
            h.Establish();
            Assert.True(h.Server.Retransmissions >= 1, "the server did not resend its flight");
            h.AssertStillWorks();
        }

        // ======== handshake messages in the wrong state: the client ========

        [Theory]
        [InlineData(HandshakeType.ServerKeyExchange)]   // before ServerHello
        [InlineData(HandshakeType.ClientKeyExchange)]   // a client's message, to a client
        [InlineData(HandshakeType.Finished)]
        [InlineData(HandshakeType.ClientHello)]
        public void ClientReceivingAnotherMessageInPlaceOfTheServerHello_IsUnexpectedMessage(HandshakeType type)
        {
            var h = DtlsHostileHarness.Ecdsa();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Handshake(SpoofedRecordSeq, Wire.Message(type, 1, new byte[40])), d));
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void CertificateInAPskHandshake_ToTheClient_IsUnexpectedMessage()
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => new[]
            {
                Wire.Concat(RecordWith(d, HandshakeType.ServerHello),
                    Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.Certificate, 2, new byte[] { 0, 0, 0 }))),
            });
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void HelloVerifyRequestAfterTheServerHello_IsUnexpectedMessage()
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => new[]
            {
                Wire.Concat(RecordWith(d, HandshakeType.ServerHello), Wire.Handshake(SpoofedRecordSeq,
                    Wire.Message(HandshakeType.HelloVerifyRequest, 2, new byte[] { 0xFE, 0xFD, 4, 1, 2, 3, 4 }))),
            });
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void FinishedBeforeChangeCipherSpec_ToTheClient_IsUnexpectedMessage()
        {
            // A clear (epoch 0) Finished where the server's Finished (message 3) belongs, before its ChangeCipherSpec.
            var h = DtlsHostileHarness.Psk();
            OnceAtChangeCipherSpec(h, false, d => Before(Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.Finished, 3, new byte[12])), d));
            h.Run(() => h.Client.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void ClearFinishedBetweenChangeCipherSpecAndTheRealFinished_IsDroppedAndCounted()
        {
            // Regression: an epoch-0 fragment arriving once the client reads epoch 1 used to be buffered, and
            // the genuine epoch-1 Finished then only filled in what was missing, so the forged bytes were
            // checked: any off-path sender could end the handshake with decrypt_error. Old epochs now only
            // ever signal a retransmission.
            var h = DtlsHostileHarness.Psk();
            OnceAtChangeCipherSpec(h, false, d =>
            {
                var records = Wire.Records(d);
                Assert.Equal((byte)ContentType.ChangeCipherSpec, records[0][0]);
                var parts = new List<byte[]> { records[0], Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.Finished, 3, new byte[12])) };
                parts.AddRange(records.Skip(1));
                return parts;
            });
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        // ======== handshake messages in the wrong state: the server ========

        [Fact]
        public void ServerHelloToAServer_IsUnexpectedMessage()
        {
            // Without the cookie exchange the first message must be a ClientHello (with it, see below).
            var h = DtlsHostileHarness.Psk(cookie: false);
            h.Server.ProcessDatagram(Wire.Handshake(0, Wire.Message(HandshakeType.ServerHello, 0, new byte[38])), h.Now);
            h.AssertFailedWithAlert(h.Server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        public static IEnumerable<object[]> NotAClientHello => new[]
        {
            new object[] { "ServerHello", Wire.Handshake(0, Wire.Message(HandshakeType.ServerHello, 0, new byte[38])) },
            new object[] { "Finished", Wire.Handshake(0, Wire.Message(HandshakeType.Finished, 0, new byte[12])) },
            new object[] { "fatal alert", Wire.Record((byte)ContentType.Alert, 0, 0, new byte[] { 2, 40 }) },
            new object[] { "close_notify", Wire.Record((byte)ContentType.Alert, 0, 0, new byte[] { 1, 0 }) },
            new object[] { "ChangeCipherSpec", Wire.Record((byte)ContentType.ChangeCipherSpec, 0, 0, new byte[] { 1 }) },
            new object[] { "application data", Wire.Record((byte)ContentType.ApplicationData, 0, 0, new byte[] { 1, 2, 3 }) },
        };

        [Theory]
        [MemberData(nameof(NotAClientHello))]
        public void AnythingButAClientHelloBeforeTheCookie_IsDroppedAndCounted(string what, byte[] datagram)
        {
            // Regression: a server engine that requires a cookie keeps no state before one comes back
            // (RFC 6347 4.2.1), so nothing else may fail or close it; it used to.
            var h = DtlsHostileHarness.Psk();
            h.Server.ProcessDatagram(datagram, h.Now);
            Assert.True(h.Server.State == EngineState.Handshaking, what + ": " + h.Server.State + " " + h.Server.Failure?.Message);
            Assert.False(h.Server.HasOutgoingDatagram);
            Assert.Equal(1, h.Server.DroppedRecords);
            h.Establish();
            h.AssertStillWorks();
        }

        [Theory]
        [InlineData(0)]  // the same message_seq as the ClientHello that carried the cookie: a retransmission
        [InlineData(1)]  // the next one, where ClientKeyExchange belongs
        public void SecondClientHelloWithANewCookieMidHandshake(int seqAfterCookieHello)
        {
            var h = DtlsHostileHarness.Psk();
            byte[] cookieHello = null;
            h.Intercept = (toServer, d) =>
            {
                if (!toServer) return null;
                if (Has(d, HandshakeType.ClientHello)) { cookieHello = d; return null; } // the last one is the cookie's
                if (!Has(d, HandshakeType.ClientKeyExchange) || cookieHello == null) return null;
                var (type, seq, body) = Wire.OnlyMessage(Wire.Records(cookieHello)[0]);
                byte[] renewed = (byte[])body.Clone();
                int cookieAt = 2 + 32 + 1 + body[34]; // version, random, session id
                for (int i = 1; i <= body[cookieAt]; i++) renewed[cookieAt + i] ^= 0x5A; // another cookie
                byte[] second = Wire.Handshake(SpoofedRecordSeq, Wire.Message(type, seq + seqAfterCookieHello, renewed));
                cookieHello = null;
                return Before(second, d);
            };
            if (seqAfterCookieHello == 0)
            {
                h.Establish();
                Assert.True(h.Server.Retransmissions >= 1, "taken for a retransmission, it should make the server resend its flight");
                h.AssertStillWorks();
            }
            else
            {
                h.Run(() => h.Server.State == EngineState.Failed);
                h.AssertFailedWithAlert(h.Server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
            }
        }

        [Fact]
        public void CertificateInAPskHandshake_ToTheServer_IsUnexpectedMessage()
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, true, HandshakeType.ClientKeyExchange, d =>
                new[] { Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.Certificate, 2, new byte[] { 0, 0, 0 })) });
            h.Run(() => h.Server.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void FinishedBeforeChangeCipherSpec_ToTheServer_IsUnexpectedMessage()
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, true, HandshakeType.ClientKeyExchange, d => new[]
            {
                Wire.Concat(RecordWith(d, HandshakeType.ClientKeyExchange),
                    Wire.Handshake(SpoofedRecordSeq, Wire.Message(HandshakeType.Finished, 3, new byte[12]))),
            });
            h.Run(() => h.Server.State == EngineState.Failed);
            h.AssertFailedWithAlert(h.Server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        // ======== unknown content types ========

        [Theory]
        [InlineData(0)]
        [InlineData(19)]
        [InlineData(24)]   // heartbeat (RFC 6520): not spoken here
        [InlineData(25)]   // tls12_cid (RFC 9146): not negotiated
        [InlineData(255)]
        public void UnknownContentTypeDuringTheHandshake_IsDroppedAndCounted(int type)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Record((byte)type, 0, SpoofedRecordSeq, new byte[] { 1, 2, 3, 4 }), d));
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        [Fact]
        public void UnknownContentTypeAfterTheHandshake_IsDroppedAndCounted()
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            byte[] record = DtlsHostileHarness.Seal(h.Server, ContentType.ApplicationData, new byte[] { 1, 2, 3 });
            record[0] = 26;
            h.Client.ProcessDatagram(record, h.Now);
            Assert.Equal(1, h.Client.DroppedRecords);
            Assert.False(h.Client.HasApplicationData);
            h.AssertStillWorks();
        }

        // ======== wrong record versions ========

        [Theory]
        [InlineData(0xFEFF)]   // DTLS 1.0 on a DTLS 1.2 connection
        [InlineData(0x0303)]   // TLS 1.2's version bytes in a DTLS record
        [InlineData(0xFEFC)]
        public void WrongVersionOnAProtectedRecord_IsDroppedAndCounted(int version)
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            byte[] record = DtlsHostileHarness.Seal(h.Server, ContentType.ApplicationData, new byte[] { 1, 2, 3 });
            record[1] = (byte)(version >> 8);
            record[2] = (byte)version;
            h.Client.ProcessDatagram(record, h.Now);
            Assert.Equal(1, h.Client.DroppedRecords);
            Assert.False(h.Client.HasApplicationData);
            h.AssertStillWorks();
        }

        [Theory]
        [InlineData(0x0303)]
        [InlineData(0x0301)]
        public void TlsVersionOnTheServerFlight_IsDroppedAndRecoveredByRetransmission(int version)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
            {
                byte[] patched = (byte[])d.Clone();
                patched[1] = (byte)(version >> 8);
                patched[2] = (byte)version;
                return new[] { patched };
            });
            AssertDroppedAndStillWorks(h, h.Client, 1); // the whole datagram: its first header cannot be trusted
            Assert.True(h.Client.Retransmissions >= 1);
        }

        [Fact]
        public void Dtls10VersionOnClearHandshakeRecords_IsAccepted()
        {
            // Documented leniency (RFC 6347 4.1): 0xFEFF is accepted on epoch-0 records, where clients commonly
            // use it for their first ClientHello; protected records must carry 0xFEFD (case above).
            var h = DtlsHostileHarness.Psk();
            h.Intercept = (toServer, d) =>
            {
                byte[] patched = (byte[])d.Clone();
                int at = 0;
                foreach (byte[] r in Wire.Records(d))
                {
                    if (Wire.EpochOf(r) == 0) { patched[at + 1] = 0xFE; patched[at + 2] = 0xFF; }
                    at += r.Length;
                }
                return new[] { patched };
            };
            AssertDroppedAndStillWorks(h, h.Client, 0);
        }

        // ======== alerts in the middle of a flight ========

        private static void AlertBetweenServerHelloAndServerHelloDone(DtlsHostileHarness h, byte[] alertPayload)
        {
            OnceAt(h, false, HandshakeType.ServerHello, d =>
            {
                var records = Wire.Records(d);
                Assert.Equal(2, records.Count);
                return new[] { Wire.Concat(records[0], Wire.Record((byte)ContentType.Alert, 0, SpoofedRecordSeq, alertPayload), records[1]) };
            });
        }

        [Theory]
        [InlineData((byte)AlertDescription.NoRenegotiation)]
        [InlineData((byte)200)]   // unknown description
        public void WarningAlertInTheMiddleOfAFlight_IsIgnored(byte description)
        {
            var h = DtlsHostileHarness.Psk();
            AlertBetweenServerHelloAndServerHelloDone(h, new byte[] { 1, description });
            AssertDroppedAndStillWorks(h, h.Client, 0);
        }

        [Theory]
        [InlineData((byte)AlertDescription.HandshakeFailure)]
        [InlineData((byte)200)]   // unknown description: still fatal, reported with its number
        public void FatalAlertInTheMiddleOfAFlight_IsPeerAlertAndTheRestOfTheDatagramIsIgnored(byte description)
        {
            var h = DtlsHostileHarness.Psk();
            AlertBetweenServerHelloAndServerHelloDone(h, new byte[] { 2, description });
            h.Run(() => h.Client.State == EngineState.Failed);
            Assert.Equal(SslError.PeerAlert, h.Client.Failure.Error);
            Assert.Equal((AlertDescription)description, h.Client.Failure.Alert);
            Assert.Contains("(" + description + ")", h.Client.Failure.Message);
            Assert.False(h.Client.HasOutgoingDatagram); // no answer to a fatal alert, and no flight from the ServerHelloDone after it
            Assert.Equal(-1, h.Client.NextTimerMs);
        }

        [Theory]
        [InlineData(new byte[] { 2 })]            // too short
        [InlineData(new byte[] { 2, 40, 0 })]     // too long
        [InlineData(new byte[] { 3, 40 })]        // unknown level
        [InlineData(new byte[] { 0, 40 })]
        [InlineData(new byte[0])]                 // empty: not even a record (RFC 5246 6.2.1)
        public void MalformedAlertInTheMiddleOfAFlight_IsDroppedAndCounted(byte[] payload)
        {
            var h = DtlsHostileHarness.Psk();
            AlertBetweenServerHelloAndServerHelloDone(h, payload);
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        [Fact]
        public void CloseNotifyInTheMiddleOfAFlight_ClosesTheEngineAndIgnoresTheRest()
        {
            // Regression: the records after the close_notify in the same datagram used to be processed, so the
            // "closed" client answered the ServerHelloDone with its flight and kept retransmitting it.
            var h = DtlsHostileHarness.Psk();
            AlertBetweenServerHelloAndServerHelloDone(h, new byte[] { 1, 0 });
            h.Run(() => h.Client.PeerClosed);
            Assert.Equal(EngineState.Closed, h.Client.State);
            Assert.Null(h.Client.Failure);
            Assert.False(h.Client.HasOutgoingDatagram);
            Assert.Equal(-1, h.Client.NextTimerMs);
            h.Client.HandleTimer(h.Now + 1_000_000);
            Assert.Equal(EngineState.Closed, h.Client.State);
        }

        // ======== renegotiation ========

        [Fact]
        public void HelloRequestAfterTheHandshake_IsAnsweredWithWarningNoRenegotiation()
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            h.Client.ProcessDatagram(DtlsHostileHarness.Seal(h.Server, ContentType.Handshake,
                Wire.Message(HandshakeType.HelloRequest, 4, new byte[0])), h.Now);
            Assert.Equal(EngineState.Established, h.Client.State);
            byte[] alert = DtlsHostileHarness.FirstAlert(h.Server, h.TakeAll(h.Client));
            Assert.Equal(new byte[] { 1, (byte)AlertDescription.NoRenegotiation }, alert);
            h.AssertStillWorks();
        }

        [Fact]
        public void ProtectedClientHelloAfterTheHandshake_IsAnsweredWithWarningNoRenegotiation()
        {
            var h = DtlsHostileHarness.Psk();
            byte[] hello = null;
            h.Intercept = (toServer, d) => { if (toServer && Has(d, HandshakeType.ClientHello)) hello = d; return null; };
            h.Establish();
            var (_, _, body) = Wire.OnlyMessage(Wire.Records(hello)[0]);
            h.Server.ProcessDatagram(DtlsHostileHarness.Seal(h.Client, ContentType.Handshake,
                Wire.Message(HandshakeType.ClientHello, 4, body)), h.Now);
            Assert.Equal(EngineState.Established, h.Server.State);
            byte[] alert = DtlsHostileHarness.FirstAlert(h.Client, h.TakeAll(h.Server));
            Assert.Equal(new byte[] { 1, (byte)AlertDescription.NoRenegotiation }, alert);
            h.AssertStillWorks();
        }

        [Theory]
        [InlineData(0, 0)]   // a restarted client's first ClientHello: message 0, long delivered: no answer, not counted
        [InlineData(7, 1)]   // a message number not reached yet in epoch 0: dropped and counted
        public void ClearClientHelloOnAnEstablishedServerEngine_IsIgnored(int messageSeq, int drops)
        {
            // RFC 6347 4.2.8 (a client that lost its state starts over in epoch 0) is for whoever owns the
            // socket: DtlsListener answers such a ClientHello with a HelloVerifyRequest and replaces the old
            // association only once a valid cookie comes back. The engine itself never restarts.
            var h = DtlsHostileHarness.Psk();
            byte[] firstHello = null;
            h.Intercept = (toServer, d) => { if (toServer && firstHello == null && Has(d, HandshakeType.ClientHello)) firstHello = d; return null; };
            h.Establish();
            h.AssertStillWorks(); // the server has heard from the client: its last flight is done with
            var (type, _, body) = Wire.OnlyMessage(Wire.Records(firstHello)[0]);
            h.Server.ProcessDatagram(Wire.Handshake(0, Wire.Message(type, messageSeq, body)), h.Now);
            Assert.Equal(EngineState.Established, h.Server.State);
            Assert.False(h.Server.HasOutgoingDatagram);
            Assert.Equal(drops, h.Server.DroppedRecords);
            h.AssertStillWorks();
        }

        [Fact]
        public void ProtectedFinishedAfterTheHandshake_IsUnexpectedMessage()
        {
            // Regression: any message after the handshake used to be answered with a warning no_renegotiation;
            // like TLS 1.2, only HelloRequest and ClientHello are renegotiation, anything else is fatal.
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            h.Client.ProcessDatagram(DtlsHostileHarness.Seal(h.Server, ContentType.Handshake,
                Wire.Message(HandshakeType.Finished, 4, new byte[12])), h.Now);
            h.AssertFailedWithAlert(h.Client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        // ======== alerts and data outside the current epoch after the handshake ========

        public static IEnumerable<object[]> ClearRecordsAfterTheHandshake => new[]
        {
            new object[] { "fatal alert", Wire.Record((byte)ContentType.Alert, 0, SpoofedRecordSeq, new byte[] { 2, 40 }) },
            new object[] { "close_notify", Wire.Record((byte)ContentType.Alert, 0, SpoofedRecordSeq, new byte[] { 1, 0 }) },
            new object[] { "application data", Wire.Record((byte)ContentType.ApplicationData, 0, SpoofedRecordSeq, new byte[] { 1, 2, 3 }) },
        };

        [Theory]
        [MemberData(nameof(ClearRecordsAfterTheHandshake))]
        public void ClearRecordAfterTheHandshake_IsDroppedAndCounted(string what, byte[] record)
        {
            // Epoch 0 is unauthenticated: once epoch 1 is in use, a clear alert cannot end the association.
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            h.Client.ProcessDatagram(record, h.Now);
            Assert.True(h.Client.State == EngineState.Established, what + ": " + h.Client.State);
            Assert.False(h.Client.HasApplicationData);
            Assert.Equal(1, h.Client.DroppedRecords);
            h.AssertStillWorks();
        }

        [Fact]
        public void ProtectedFatalAlertAfterTheHandshake_IsPeerAlert()
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            h.Client.ProcessDatagram(DtlsHostileHarness.Seal(h.Server, ContentType.Alert, new byte[] { 2, (byte)AlertDescription.InternalError }), h.Now);
            Assert.Equal(EngineState.Failed, h.Client.State);
            Assert.Equal(SslError.PeerAlert, h.Client.Failure.Error);
            Assert.Equal(AlertDescription.InternalError, h.Client.Failure.Alert);
            Assert.False(h.Client.HasOutgoingDatagram);
        }

        // ======== ChangeCipherSpec after the handshake ========

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ChangeCipherSpecAfterTheHandshake_IsDroppedAndCounted(bool protectedRecord)
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            byte[] ccs = protectedRecord
                ? DtlsHostileHarness.Seal(h.Server, ContentType.ChangeCipherSpec, new byte[] { 1 })
                : Wire.Record((byte)ContentType.ChangeCipherSpec, 0, SpoofedRecordSeq, new byte[] { 1 });
            h.Client.ProcessDatagram(ccs, h.Now);
            Assert.Equal(EngineState.Established, h.Client.State);
            Assert.Equal(1, h.Client.DroppedRecords);
            h.AssertStillWorks();
        }

        // ======== oversized records ========

        [Fact]
        public void ClearRecordLongerThan2To14DuringTheHandshake_IsDroppedAndCounted()
        {
            // DTLS drops invalid records (RFC 6347 4.1.2.7) where TLS sends record_overflow.
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d =>
                Before(Wire.Record((byte)ContentType.Handshake, 0, SpoofedRecordSeq, new byte[RecordLimits.MaxPlaintext + 1]), d));
            AssertDroppedAndStillWorks(h, h.Client, 1);
        }

        [Fact]
        public void ProtectedRecordLongerThan2To14Plus2048_IsDroppedAndCounted()
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            h.Client.ProcessDatagram(Wire.Record((byte)ContentType.ApplicationData, 1, 1000, new byte[RecordLimits.MaxCiphertext12 + 1]), h.Now);
            Assert.Equal(1, h.Client.DroppedRecords);
            Assert.Equal(0, h.Client.AuthenticationFailures); // refused on its length, before any decryption
            h.AssertStillWorks();
        }

        // ======== empty records ========

        [Fact]
        public void EndlessStreamOfEmptyApplicationDataRecords_IsDroppedAndCounted()
        {
            // Regression: each used to be queued as an empty datagram, 2 bytes of the unread queue apiece, so a
            // stream of them crowded out real data. Each costs one AEAD check, then is dropped and counted.
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            const int PerDatagram = 40, Datagrams = 500;
            for (int i = 0; i < Datagrams; i++)
            {
                var records = new byte[PerDatagram][];
                for (int j = 0; j < PerDatagram; j++) records[j] = DtlsHostileHarness.Seal(h.Server, ContentType.ApplicationData, new byte[0]);
                h.Client.ProcessDatagram(Wire.Concat(records), h.Now);
            }
            Assert.False(h.Client.HasApplicationData);
            Assert.Equal(PerDatagram * Datagrams, h.Client.DroppedRecords);
            Assert.Equal(0, h.Client.AuthenticationFailures);
            Assert.Equal(EngineState.Established, h.Client.State);
            h.AssertStillWorks();
        }

        public static IEnumerable<object[]> ClearRecordsThatCarryNothing => new[]
        {
            new object[] { "empty application data", Wire.Record((byte)ContentType.ApplicationData, 0, SpoofedRecordSeq, new byte[0]) },
            new object[] { "clear application data", Wire.Record((byte)ContentType.ApplicationData, 0, SpoofedRecordSeq, new byte[] { 1, 2, 3 }) },
            new object[] { "empty handshake record", Wire.Record((byte)ContentType.Handshake, 0, SpoofedRecordSeq, new byte[0]) },
            new object[] { "empty ChangeCipherSpec", Wire.Record((byte)ContentType.ChangeCipherSpec, 0, SpoofedRecordSeq, new byte[0]) },
        };

        [Theory]
        [MemberData(nameof(ClearRecordsThatCarryNothing))]
        public void ClearRecordThatCarriesNothingDuringTheHandshake_IsDroppedAndCounted(string what, byte[] record)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => Before(record, d));
            h.Establish();
            Assert.Equal(1, h.Replacements);
            Assert.True(h.Client.DroppedRecords == 1, what + ": " + h.Client.DroppedRecords + " dropped");
            h.AssertStillWorks();
        }

        // ======== truncated datagrams ========

        [Theory]
        [InlineData(8)]     // the record header cut
        [InlineData(-5)]    // the last record's body cut (5 bytes short)
        public void TruncatedServerFlight_IsDroppedCountedAndRecoveredByRetransmission(int keep)
        {
            var h = DtlsHostileHarness.Psk();
            OnceAt(h, false, HandshakeType.ServerHello, d => new[] { d.AsSpan(0, keep > 0 ? keep : d.Length + keep).ToArray() });
            AssertDroppedAndStillWorks(h, h.Client, 1);
            Assert.True(h.Client.Retransmissions + h.Server.Retransmissions >= 1);
        }

        [Fact]
        public void DatagramWhoseLastRecordIsCut_DeliversTheRecordsBeforeIt()
        {
            var h = DtlsHostileHarness.Psk();
            h.Establish();
            byte[] a = DtlsHostileHarness.Seal(h.Server, ContentType.ApplicationData, new byte[] { 1 });
            byte[] b = DtlsHostileHarness.Seal(h.Server, ContentType.ApplicationData, new byte[] { 2 });
            byte[] c = DtlsHostileHarness.Seal(h.Server, ContentType.ApplicationData, new byte[] { 3 });
            byte[] datagram = Wire.Concat(a, b, c);
            h.Client.ProcessDatagram(datagram.AsSpan(0, datagram.Length - 3).ToArray(), h.Now);
            var buffer = new byte[10];
            Assert.Equal(1, h.Client.ReadApplicationData(buffer));
            Assert.Equal(1, buffer[0]);
            Assert.Equal(1, h.Client.ReadApplicationData(buffer));
            Assert.Equal(2, buffer[0]);
            Assert.False(h.Client.HasApplicationData);
            Assert.Equal(1, h.Client.DroppedRecords);
            h.AssertStillWorks();
        }
    }
}
