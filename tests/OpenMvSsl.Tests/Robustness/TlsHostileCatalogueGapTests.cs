using System;
using System.IO;
using System.Reflection;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Tests.Engine;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// The TLS rows of the hostile-input catalogue that Engine/TlsHostileInputTests does not have:
    /// alerts in the middle of a flight and in-band renegotiation over TLS 1.2, against real
    /// TlsEngine instances in memory.
    /// </summary>
    public class TlsHostileCatalogueGapTests
    {
        private static readonly TestCredentials Credentials = TestCredentials.Valid("device.test");

        private static EngineSettings Tls12Client()
        {
            EngineSettings settings = DtlsEngineTests.CertClient(0, Credentials, "device.test");
            settings.MaxVersion = ProtocolVersion.Tls12;
            return settings;
        }

        private static byte[] TakeAll(TlsEngine engine)
        {
            var all = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = engine.TakeOutgoing(buffer)) > 0) all.Write(buffer, 0, n);
            return all.ToArray();
        }

        private static byte[] Record(byte type, params byte[] payload)
        {
            var record = new byte[5 + payload.Length];
            record[0] = type; record[1] = 3; record[2] = 3;
            record[3] = (byte)(payload.Length >> 8); record[4] = (byte)payload.Length;
            payload.CopyTo(record, 5);
            return record;
        }

        /// <summary>A TLS 1.2 client that has sent its ClientHello, and the server's first flight (ServerHello .. ServerHelloDone, several records).</summary>
        private static (TlsEngine client, byte[] serverFlight) ClientAwaitingTheServerFlight()
        {
            var client = new TlsEngine(Tls12Client());
            client.Start();
            var server = new TlsEngine(DtlsEngineTests.CertServer(Credentials));
            server.Start();
            server.Feed(TakeAll(client));
            byte[] flight = TakeAll(server);
            Assert.Null(server.Failure);
            return (client, flight);
        }

        private static int FirstRecordLength(byte[] stream) => 5 + ((stream[3] << 8) | stream[4]);

        private static byte[] WithRecordAfterTheFirst(byte[] stream, byte[] inserted)
        {
            int first = FirstRecordLength(stream);
            var all = new MemoryStream();
            all.Write(stream, 0, first);
            all.Write(inserted);
            all.Write(stream, first, stream.Length - first);
            return all.ToArray();
        }

        [Theory]
        [InlineData(1, (byte)AlertDescription.NoRenegotiation)]
        [InlineData(1, 200)]                                    // unknown description
        [InlineData(2, (byte)AlertDescription.HandshakeFailure)]
        [InlineData(2, 200)]
        public void AlertInTheMiddleOfTheServerFlight_IsPeerAlert(byte level, byte description)
        {
            // Before the handshake completes every alert but close_notify ends it, warnings included.
            var (client, flight) = ClientAwaitingTheServerFlight();
            client.Feed(WithRecordAfterTheFirst(flight, Record(21, level, description)));
            Assert.Equal(EngineState.Failed, client.State);
            Assert.Equal(SslError.PeerAlert, client.Failure.Error);
            Assert.Equal((AlertDescription)description, client.Failure.Alert);
            Assert.False(client.HasOutgoing); // no answer to the peer's alert, no flight for the rest of the bytes
        }

        [Theory]
        [InlineData(new byte[] { 2 })]
        [InlineData(new byte[] { 2, 40, 0 })]
        public void AlertWithTheWrongLengthInTheMiddleOfAFlight_IsDecodeError(byte[] payload)
        {
            var (client, flight) = ClientAwaitingTheServerFlight();
            client.Feed(WithRecordAfterTheFirst(flight, Record(21, payload)));
            Assert.Equal(EngineState.Failed, client.State);
            Assert.Equal(SslError.DecodeError, client.Failure.Error);
            Assert.Equal(AlertDescription.DecodeError, client.Failure.Alert);
            byte[] sent = TakeAll(client);
            Assert.Equal(new byte[] { 21, 3, 3, 0, 2, 2, (byte)AlertDescription.DecodeError }, sent.AsSpan(sent.Length - 7).ToArray());
        }

        private static (TlsEngine client, TlsEngine server) Tls12Pair()
        {
            var client = new TlsEngine(Tls12Client());
            var server = new TlsEngine(DtlsEngineTests.CertServer(Credentials));
            client.Start();
            server.Start();
            Assert.True(TlsEngineTests.Pump(client, server, () => client.IsHandshakeComplete && server.IsHandshakeComplete));
            Assert.Equal("TLSv1.2", client.VersionName);
            return (client, server);
        }

        private static byte[] Sealed(TlsEngine sender, ContentType type, byte[] content)
        {
            var records = (TlsRecordLayer)typeof(TlsEngine).GetField("records", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(sender);
            var wire = new byte[content.Length + 64];
            int n = records.WriteRecord(type, content, wire);
            return wire.AsSpan(0, n).ToArray();
        }

        [Theory]
        [InlineData(HandshakeType.HelloRequest, false)]   // server to client
        [InlineData(HandshakeType.ClientHello, true)]     // client to server (renegotiation_info would say so; it is refused before)
        public void Tls12RenegotiationAfterTheHandshake_IsAnsweredWithWarningNoRenegotiation(HandshakeType type, bool toServer)
        {
            var (client, server) = Tls12Pair();
            TlsEngine sender = toServer ? client : server, receiver = toServer ? server : client;
            receiver.Feed(Sealed(sender, ContentType.Handshake, new byte[] { (byte)type, 0, 0, 0 }));
            Assert.Equal(EngineState.Established, receiver.State);
            byte[] answer = TakeAll(receiver);
            Assert.Equal(21, answer[0]); // TLS 1.2 shows the real content type: an alert, 2 bytes sealed
            sender.Feed(answer);
            Assert.Equal(EngineState.Established, sender.State); // a warning: the connection goes on
            sender.Write(new byte[] { 7, 8, 9 });
            Assert.True(TlsEngineTests.Pump(client, server, () => receiver.HasApplicationData));
            var read = new byte[16];
            Assert.Equal(3, receiver.Read(read));
        }

        [Fact]
        public void Tls12OtherHandshakeMessageAfterTheHandshake_IsUnexpectedMessage()
        {
            var (client, server) = Tls12Pair();
            client.Feed(Sealed(server, ContentType.Handshake, new byte[] { (byte)HandshakeType.Finished, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
            Assert.Equal(EngineState.Failed, client.State);
            Assert.Equal(SslError.UnexpectedMessage, client.Failure.Error);
            Assert.Equal(AlertDescription.UnexpectedMessage, client.Failure.Alert);
            byte[] alert = TakeAll(client);
            Assert.Equal(21, alert[0]);
            server.Feed(alert);
            Assert.Equal(SslError.PeerAlert, server.Failure?.Error);
            Assert.Equal(AlertDescription.UnexpectedMessage, server.Failure.Alert);
        }
    }
}
