using System;
using System.Net;
using System.Net.Sockets;
using OpenMvSsl.Engine;
using OpenMvSsl.Tests.Engine;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// Hostile inputs not covered by Record/MalformedRecordTests and Engine/TlsHostileInputTests,
    /// each with the error (and alert) it must produce: a peer that never answers, a fatal alert in
    /// the middle of a flight, ChangeCipherSpec abuse in DTLS.
    /// </summary>
    public class HostileCatalogueTests
    {
        // RFC 6347 4.1: type, version {254, 253}, epoch, 48-bit sequence, length, fragment.
        private static byte[] DtlsPlainRecord(byte type, ulong sequence, params byte[] body)
        {
            var record = new byte[13 + body.Length];
            record[0] = type;
            record[1] = 0xFE; record[2] = 0xFD;
            for (int i = 0; i < 6; i++) record[5 + i] = (byte)(sequence >> (8 * (5 - i)));
            record[11] = (byte)(body.Length >> 8); record[12] = (byte)body.Length;
            body.CopyTo(record, 13);
            return record;
        }

        [Fact]
        public void DtlsServerThatNeverAnswersGivesUpAfterTheConfiguredRetransmissions()
        {
            EngineSettings settings = DtlsEngineTests.PskClient(0);
            settings.RetransmitInitialMs = 100;
            settings.RetransmitMaxMs = 400;
            settings.MaxRetransmissions = 5;
            var client = new DtlsEngine(settings);
            long now = 1_000;
            client.Start(now);
            var buffer = new byte[65536];
            int flightsSent = 0;
            for (int step = 0; step < 100 && client.State != EngineState.Failed; step++)
            {
                while (client.HasOutgoingDatagram) { client.TakeOutgoingDatagram(buffer); flightsSent++; }
                Assert.True(client.NextTimerMs >= 0, "no timer armed while waiting for the server");
                now = client.NextTimerMs;
                client.HandleTimer(now);
            }
            Assert.Equal(EngineState.Failed, client.State);
            Assert.Equal(SslError.HandshakeTimeout, client.Failure.Error);
            Assert.Equal(5, client.Retransmissions);
            Assert.Equal(6, flightsSent); // the ClientHello and its 5 resends
            Assert.Contains("after 5 retransmissions", client.Failure.Message);
            Assert.True(now - 1_000 <= 100 + 200 + 400 * 4, "gave up after " + (now - 1_000) + " ms of virtual time");
        }

        [Fact]
        public void TlsServerThatAcceptsButNeverAnswersTimesOut()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Connect(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port));
            using Socket accepted = listener.AcceptSocket(); // never reads, never writes
            tcp.ReceiveTimeout = 300;
            var context = new SslContext(SslProtocol.TlsClient);
            context.SetPskIdentity("device-1");
            context.SetPskKey("00112233445566778899aabbccddeeff");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var e = Assert.Throws<SslException>(() => context.WrapSocket(tcp));
            Assert.Equal(SslError.TimedOut, e.Error);
            Assert.True(watch.ElapsedMilliseconds < 5_000, "took " + watch.ElapsedMilliseconds + " ms");
        }

        [Theory]
        [InlineData((byte)AlertDescription.HandshakeFailure)]
        [InlineData((byte)AlertDescription.InternalError)]
        public void DtlsFatalAlertFromTheServerDuringTheHandshakeIsPeerAlert(byte description)
        {
            var pipe = DtlsEngineTests.Connect(DtlsEngineTests.PskClient(0), DtlsEngineTests.PskServer());
            // Let the cookie exchange happen, then the server "answers" the second ClientHello with a fatal alert.
            int clientHellos = 0;
            pipe.Tap = (toServer, d) => { if (toServer && d[0] == 22 && d[13] == 1) clientHellos++; };
            pipe.RunUntil(() => clientHellos >= 2, 1000);
            Assert.Equal(2, clientHellos);
            pipe.Client.ProcessDatagram(DtlsPlainRecord(21, 7, 2, description), pipe.Now + 1);
            Assert.Equal(EngineState.Failed, pipe.Client.State);
            Assert.Equal(SslError.PeerAlert, pipe.Client.Failure.Error);
            Assert.Equal((AlertDescription)description, pipe.Client.Failure.Alert);
        }

        [Fact]
        public void DtlsChangeCipherSpecBeforeAnyServerFlightDoesNotAdvanceTheHandshake()
        {
            // An early CCS (epoch 0, before ServerHello) may be a reordered datagram in DTLS; it must
            // never switch keys. Like any datagram that does not fit, it is dropped (RFC 6347 4.1.2.7).
            var pipe = DtlsEngineTests.Connect(DtlsEngineTests.PskClient(0), DtlsEngineTests.PskServer());
            pipe.Client.ProcessDatagram(DtlsPlainRecord(20, 3, 1), pipe.Now + 1);
            AssertIgnoredAndHandshakeCompletes(pipe);
        }

        [Theory]
        [InlineData(new byte[] { 2 })]
        [InlineData(new byte[] { 1, 1 })]
        [InlineData(new byte[0])]
        public void DtlsChangeCipherSpecWithABadPayloadToTheServer(byte[] payload)
        {
            var pipe = DtlsEngineTests.Connect(DtlsEngineTests.PskClient(0), DtlsEngineTests.PskServer());
            pipe.Server.ProcessDatagram(DtlsPlainRecord(20, 3, payload), pipe.Now + 1);
            AssertIgnoredAndHandshakeCompletes(pipe);
        }

        [Fact]
        public void DtlsRepeatedChangeCipherSpecDuringTheHandshake()
        {
            var pipe = DtlsEngineTests.Connect(DtlsEngineTests.PskClient(0), DtlsEngineTests.PskServer());
            // Every plaintext CCS the client sends is delivered three times to the server.
            pipe.Tap = (toServer, d) =>
            {
                if (toServer && d[0] == 20) { pipe.Server.ProcessDatagram(d, pipe.Now); pipe.Server.ProcessDatagram(d, pipe.Now); }
            };
            Assert.True(pipe.RunUntil(() => (pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete)
                || pipe.Client.State == EngineState.Failed || pipe.Server.State == EngineState.Failed));
            Assert.True(pipe.Server.State == EngineState.Established, "server: " + pipe.Server.Failure?.Message);
            DtlsEngineTests.Exchange(pipe, 2);
        }

        private static void AssertIgnoredAndHandshakeCompletes(DatagramPipe pipe)
        {
            pipe.RunUntil(() => (pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete)
                || pipe.Client.State == EngineState.Failed || pipe.Server.State == EngineState.Failed);
            Assert.True(pipe.Client.State == EngineState.Established, "client: " + pipe.Client.Failure?.Message);
            Assert.True(pipe.Server.State == EngineState.Established, "server: " + pipe.Server.Failure?.Message);
            DtlsEngineTests.Exchange(pipe, 1);
        }
    }
}
