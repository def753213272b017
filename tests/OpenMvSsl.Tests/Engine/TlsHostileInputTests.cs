using System;
using System.Collections.Generic;
using System.IO;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using Xunit;

namespace OpenMvSsl.Tests.Engine
{
    /// <summary>
    /// Crafted and mutated bytes fed to a TlsEngine in memory. Each case checks the error code
    /// the engine reports and the alert it queued: as plaintext bytes when it had no keys yet,
    /// else through Failure.Alert. (Renegotiation after a TLS 1.2 handshake is covered over TCP
    /// by Interop.Tls12InteropTests.RenegotiationFromOpenSslClientIsRefused.)
    /// </summary>
    public class TlsHostileInputTests
    {
        private const byte Ccs = 20, AlertType = 21, HandshakeType = 22, AppData = 23;
        private static readonly TestCredentials Credentials = TestCredentials.Valid("device.test");

        // ---- helpers ----

        private static TlsEngine NewServer()
        {
            var server = new TlsEngine(DtlsEngineTests.CertServer(Credentials));
            server.Start();
            return server;
        }

        private static TlsEngine NewClient(EngineSettings settings = null)
        {
            var client = new TlsEngine(settings ?? DtlsEngineTests.CertClient(0));
            client.Start();
            TakeAll(client); // the ClientHello
            return client;
        }

        private static byte[] TakeAll(TlsEngine engine)
        {
            var all = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = engine.TakeOutgoing(buffer)) > 0) all.Write(buffer, 0, n);
            return all.ToArray();
        }

        private static byte[] Record(byte type, params byte[] payload) => Record(type, 0x0303, payload);

        private static byte[] Record(byte type, int version, byte[] payload)
        {
            var record = new byte[5 + payload.Length];
            record[0] = type;
            record[1] = (byte)(version >> 8);
            record[2] = (byte)version;
            record[3] = (byte)(payload.Length >> 8);
            record[4] = (byte)payload.Length;
            payload.CopyTo(record, 5);
            return record;
        }

        private static byte[] HandshakeMessage(byte type, byte[] body)
        {
            var message = new byte[4 + body.Length];
            message[0] = type;
            message[1] = (byte)(body.Length >> 16);
            message[2] = (byte)(body.Length >> 8);
            message[3] = (byte)body.Length;
            body.CopyTo(message, 4);
            return message;
        }

        private static byte[] Concat(params byte[][] parts)
        {
            var all = new MemoryStream();
            foreach (byte[] part in parts) all.Write(part, 0, part.Length);
            return all.ToArray();
        }

        private static byte[] U16(int value) => new[] { (byte)(value >> 8), (byte)value };

        private static byte[] Extension(int type, byte[] data) => Concat(U16(type), U16(data.Length), data);

        private static byte[] Vector16(byte[] data) => Concat(U16(data.Length), data);

        /// <summary>A TLS 1.2-style ClientHello body (RFC 5246 7.4.1.2) with the given version, suites and extensions.</summary>
        private static byte[] ClientHelloBody(int legacyVersion, int[] suites, params byte[][] extensions)
        {
            var suiteBytes = new MemoryStream();
            foreach (int suite in suites) suiteBytes.Write(U16(suite));
            var random = new byte[32];
            new Random(7).NextBytes(random);
            return Concat(U16(legacyVersion), random, new byte[] { 0 }, Vector16(suiteBytes.ToArray()),
                new byte[] { 1, 0 }, Vector16(Concat(extensions)));
        }

        private static readonly byte[] SupportedGroupsP256 = Extension(0x000a, new byte[] { 0, 2, 0, 23 });
        private static readonly byte[] PointFormats = Extension(0x000b, new byte[] { 1, 0 });
        private static readonly byte[] SignatureAlgorithms = Extension(0x000d, new byte[] { 0, 4, 4, 3, 8, 4 });
        private static readonly byte[] ExtendedMasterSecret = Extension(0x0017, new byte[0]);
        private static readonly byte[] RenegotiationInfo = Extension(0xff01, new byte[] { 0 });

        private static byte[] ClientHelloRecord(byte[] body, int recordVersion = 0x0303) =>
            Record(HandshakeType, recordVersion, HandshakeMessage(1, body));

        /// <summary>Asserts the engine failed with <paramref name="error"/> and wrote a plaintext fatal alert <paramref name="alert"/>.</summary>
        private static void AssertPlaintextAlert(TlsEngine engine, SslError error, AlertDescription alert)
        {
            Assert.Equal(EngineState.Failed, engine.State);
            Assert.NotNull(engine.Failure);
            Assert.True(error == engine.Failure.Error, "expected " + error + " but got " + engine.Failure.Error + ": " + engine.Failure.Message);
            Assert.Equal(alert, engine.Failure.Alert);
            byte[] sent = TakeAll(engine);
            Assert.True(sent.Length >= 7, "no alert record was queued");
            byte[] last = sent.AsSpan(sent.Length - 7).ToArray();
            Assert.Equal(AlertType, last[0]);
            Assert.Equal(3, last[1]);
            Assert.Equal(new byte[] { 0, 2, 2, (byte)alert }, last.AsSpan(3).ToArray());
        }

        private static (TlsEngine client, TlsEngine server) EstablishedPair(int maxVersion)
        {
            var clientSettings = DtlsEngineTests.CertClient(0, Credentials, "device.test");
            clientSettings.MaxVersion = maxVersion;
            var c = new TlsEngine(clientSettings);
            var s = NewServer();
            c.Start();
            TlsEngineTests.Pump(c, s, () => c.IsHandshakeComplete && s.IsHandshakeComplete);
            Assert.True(c.IsHandshakeComplete && s.IsHandshakeComplete, c.Failure?.Message + " / " + s.Failure?.Message);
            return (c, s);
        }

        // ---- framing ----

        [Fact]
        public void TruncatedRecordHeaderThenEndOfStreamDuringHandshake()
        {
            TlsEngine server = NewServer();
            server.Feed(new byte[] { HandshakeType, 3, 3 });
            Assert.Null(server.Failure);
            server.TransportClosed();
            AssertPlaintextAlert(server, SslError.HandshakeFailure, AlertDescription.HandshakeFailure);
        }

        [Fact]
        public void TruncatedRecordHeaderThenEndOfStreamAfterHandshakeIsTruncation()
        {
            var (c, _) = EstablishedPair(OpenMvSsl.Record.ProtocolVersion.Tls13);
            c.Feed(new byte[] { AppData, 3 });
            c.TransportClosed();
            Assert.Equal(SslError.Truncated, c.Failure?.Error);
            Assert.False(c.HasOutgoing); // no alert: the transport is gone
        }

        [Fact]
        public void PlaintextRecordLongerThan2To14IsRecordOverflow()
        {
            TlsEngine server = NewServer();
            server.Feed(new byte[] { HandshakeType, 3, 3, 0x40, 0x01 }); // 16385 bytes announced
            AssertPlaintextAlert(server, SslError.RecordOverflow, AlertDescription.RecordOverflow);
        }

        [Fact]
        public void UnknownContentTypeIsUnexpectedMessage()
        {
            TlsEngine server = NewServer();
            server.Feed(Record(0x30, 1, 2, 3));
            AssertPlaintextAlert(server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void ApplicationDataBeforeTheHandshakeIsUnexpectedMessage()
        {
            TlsEngine server = NewServer();
            server.Feed(Record(AppData, 1, 2, 3, 4, 5));
            AssertPlaintextAlert(server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        // ---- handshake framing ----

        [Fact]
        public void HandshakeMessageClaiming16MegabytesIsRefusedAtOnce()
        {
            TlsEngine server = NewServer();
            server.Feed(Record(HandshakeType, 1, 0xFF, 0xFF, 0xFF, 3, 3));
            AssertPlaintextAlert(server, SslError.HandshakeFailure, AlertDescription.HandshakeFailure);
        }

        [Fact]
        public void HandshakeMessageCutOffByTheEndOfTheStream()
        {
            TlsEngine server = NewServer();
            server.Feed(Record(HandshakeType, 1, 0, 0, 100, 3, 3, 1, 2, 3, 4));
            Assert.Null(server.Failure); // the rest may still come
            server.TransportClosed();
            AssertPlaintextAlert(server, SslError.HandshakeFailure, AlertDescription.HandshakeFailure);
        }

        [Fact]
        public void ServerReceivingServerHelloIsUnexpectedMessage()
        {
            TlsEngine server = NewServer();
            byte[] serverHello = Concat(U16(0x0303), new byte[32], new byte[] { 0 }, U16(0xC02B), new byte[] { 0 }, U16(0));
            server.Feed(Record(HandshakeType, HandshakeMessage(2, serverHello)));
            AssertPlaintextAlert(server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void ClientReceivingFinishedFirstIsUnexpectedMessage()
        {
            TlsEngine client = NewClient();
            client.Feed(Record(HandshakeType, HandshakeMessage(20, new byte[32])));
            AssertPlaintextAlert(client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        // ---- ChangeCipherSpec ----

        [Theory]
        [InlineData(new byte[] { 2 })]
        [InlineData(new byte[] { 1, 1 })]
        public void MalformedChangeCipherSpecIsDecodeErrorInTls12(byte[] payload)
        {
            var settings = DtlsEngineTests.CertClient(0);
            settings.MaxVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
            TlsEngine client = NewClient(settings);
            client.Feed(Record(Ccs, payload));
            AssertPlaintextAlert(client, SslError.DecodeError, AlertDescription.DecodeError);
        }

        [Theory]
        [InlineData(new byte[] { 2 })]
        [InlineData(new byte[] { 1, 1 })]
        public void MalformedChangeCipherSpecIsUnexpectedMessageWhileTls13IsOffered(byte[] payload)
        {
            TlsEngine client = NewClient();
            client.Feed(Record(Ccs, payload));
            AssertPlaintextAlert(client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void EmptyChangeCipherSpecRecordIsUnexpectedMessage()
        {
            // RFC 8446 5.1 / RFC 5246 6.2.1: zero-length fragments of non-application types are not allowed.
            TlsEngine client = NewClient();
            client.Feed(Record(Ccs));
            AssertPlaintextAlert(client, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void ChangeCipherSpecBeforeTheClientHelloIsUnexpectedMessage()
        {
            TlsEngine server = NewServer();
            server.Feed(Record(Ccs, 1));
            AssertPlaintextAlert(server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void Tls12ChangeCipherSpecBeforeClientKeyExchangeIsUnexpectedMessage()
        {
            var clientSettings = DtlsEngineTests.CertClient(0);
            clientSettings.MaxVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
            var client = new TlsEngine(clientSettings);
            client.Start();
            TlsEngine server = NewServer();
            server.Feed(TakeAll(client));
            Assert.Null(server.Failure);
            TakeAll(server); // ServerHello .. ServerHelloDone: no keys exist yet on either side
            server.Feed(Record(Ccs, 1));
            AssertPlaintextAlert(server, SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage);
        }

        [Fact]
        public void Tls13ChangeCipherSpecWithAnotherValueIsUnexpectedMessage()
        {
            // RFC 8446 5: an unprotected change_cipher_spec other than the single byte 0x01 "MUST abort
            // the handshake with an unexpected_message alert". The server here holds handshake keys
            // and waits for the client's Finished.
            var client = new TlsEngine(DtlsEngineTests.CertClient(0));
            client.Start();
            TlsEngine server = NewServer();
            server.Feed(TakeAll(client));
            Assert.Null(server.Failure);
            Assert.Equal("TLSv1.3", server.VersionName);
            server.Feed(Record(Ccs, 2));
            Assert.Equal(SslError.UnexpectedMessage, server.Failure?.Error);
            Assert.Equal(AlertDescription.UnexpectedMessage, server.Failure.Alert);
        }

        [Fact]
        public void Tls13ChangeCipherSpecAfterTheHandshakeIsUnexpectedMessage()
        {
            var (_, s) = EstablishedPair(OpenMvSsl.Record.ProtocolVersion.Tls13);
            s.Feed(Record(Ccs, 1)); // RFC 8446 5: after the peer's Finished it is an unexpected record
            Assert.Equal(SslError.UnexpectedMessage, s.Failure?.Error);
            Assert.Equal(AlertDescription.UnexpectedMessage, s.Failure.Alert);
        }

        // ---- ClientHello content ----

        [Theory]
        [InlineData(0x0300)] // SSL 3.0
        [InlineData(0x0301)] // TLS 1.0
        [InlineData(0x0302)] // TLS 1.1
        public void OldProtocolOnlyClientHelloIsProtocolVersion(int version)
        {
            TlsEngine server = NewServer();
            byte[] body = ClientHelloBody(version, new[] { 0xC02B, 0x00FF },
                SupportedGroupsP256, PointFormats, ExtendedMasterSecret, RenegotiationInfo);
            server.Feed(ClientHelloRecord(body, version == 0x0300 ? 0x0300 : 0x0301));
            AssertPlaintextAlert(server, SslError.ProtocolVersion, AlertDescription.ProtocolVersion);
        }

        [Fact]
        public void ClientHelloOfferingOnlyCbcSuitesIsHandshakeFailure()
        {
            TlsEngine server = NewServer();
            // ECDHE-ECDSA-AES128-SHA, ECDHE-ECDSA-AES128-SHA256, RSA-AES128-SHA, RSA-AES256-SHA256
            byte[] body = ClientHelloBody(0x0303, new[] { 0xC009, 0xC023, 0x002F, 0x003D },
                SupportedGroupsP256, PointFormats, SignatureAlgorithms, ExtendedMasterSecret, RenegotiationInfo);
            server.Feed(ClientHelloRecord(body));
            AssertPlaintextAlert(server, SslError.HandshakeFailure, AlertDescription.HandshakeFailure);
        }

        [Fact]
        public void Tls12ClientHelloWithoutExtendedMasterSecretIsHandshakeFailure()
        {
            TlsEngine server = NewServer();
            byte[] body = ClientHelloBody(0x0303, new[] { 0xC02B },
                SupportedGroupsP256, PointFormats, SignatureAlgorithms, RenegotiationInfo);
            server.Feed(ClientHelloRecord(body));
            AssertPlaintextAlert(server, SslError.HandshakeFailure, AlertDescription.HandshakeFailure);
        }

        [Fact]
        public void TheSameClientHelloWithExtendedMasterSecretIsAccepted()
        {
            // Control for the negative ClientHello cases above: the builder makes hellos the server takes.
            TlsEngine server = NewServer();
            byte[] body = ClientHelloBody(0x0303, new[] { 0xC02B },
                SupportedGroupsP256, PointFormats, SignatureAlgorithms, ExtendedMasterSecret, RenegotiationInfo);
            server.Feed(ClientHelloRecord(body));
            Assert.Null(server.Failure);
            Assert.Equal("TLSv1.2", server.VersionName);
            Assert.True(server.HasOutgoing);
        }

        // ---- fuzzing a real ClientHello ----

        private static readonly SslError[] DocumentedInputErrors =
        {
            SslError.DecodeError, SslError.RecordOverflow, SslError.UnexpectedMessage, SslError.ProtocolVersion,
            SslError.HandshakeFailure, SslError.IllegalParameter, SslError.InsufficientSecurity, SslError.DecryptError,
            SslError.UnknownPskIdentity, SslError.BadRecordMac,
        };

        private static byte[] RealClientHello()
        {
            var client = new TlsEngine(DtlsEngineTests.CertClient(0, null, "device.test"));
            client.Start();
            return TakeAll(client);
        }

        private static void AssertDocumentedOutcome(TlsEngine server, string what)
        {
            if (server.Failure == null) return;
            SslException failure = server.Failure;
            Assert.True(Array.IndexOf(DocumentedInputErrors, failure.Error) >= 0, what + ": undocumented error " + failure.Error + ": " + failure.Message);
            Assert.True(failure.Alert != AlertDescription.CloseNotify && Enum.IsDefined(failure.Alert), what + ": alert " + failure.Alert);
            Assert.Equal(EngineState.Failed, server.State);
            Assert.True(server.HasOutgoing, what + ": no alert queued for " + failure.Message);
        }

        [Fact]
        public void EveryPrefixOfARealClientHelloWaitsThenFailsCleanlyAtEndOfStream()
        {
            byte[] hello = RealClientHello();
            for (int length = 0; length < hello.Length; length++)
            {
                TlsEngine server = NewServer();
                server.Feed(hello.AsSpan(0, length));
                Assert.True(server.Failure == null, "prefix " + length + ": " + server.Failure?.Message);
                Assert.False(server.HasOutgoing);
                server.TransportClosed();
                Assert.Equal(SslError.HandshakeFailure, server.Failure?.Error);
            }
            TlsEngine whole = NewServer();
            whole.Feed(hello);
            Assert.Null(whole.Failure);
            Assert.True(whole.HasOutgoing);
        }

        [Fact]
        public void RandomSingleByteMutationsOfARealClientHelloOnlyEverFailCleanly()
        {
            byte[] hello = RealClientHello();
            var random = new Random(20240521);
            var outcomes = new Dictionary<string, int>();
            for (int i = 0; i < 2000; i++)
            {
                byte[] mutated = (byte[])hello.Clone();
                int position = random.Next(mutated.Length);
                byte value;
                do value = (byte)random.Next(256); while (value == mutated[position]);
                mutated[position] = value;
                string what = "mutation " + i + " (byte " + position + " = 0x" + value.ToString("X2") + ")";

                TlsEngine server = NewServer();
                try
                {
                    server.Feed(mutated);
                    AssertDocumentedOutcome(server, what);
                    server.TransportClosed();
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException(what + " threw " + e);
                }
                string key = server.Failure == null ? "ok" : server.Failure.Error.ToString();
                outcomes[key] = outcomes.TryGetValue(key, out int n) ? n + 1 : 1;
            }
            Assert.True(outcomes.Count > 1, "mutations never failed the handshake");
        }
    }
}
