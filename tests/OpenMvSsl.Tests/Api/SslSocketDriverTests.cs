using System;
using System.Diagnostics;
using System.Text;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// SslSocket and the DTLS driver loop over a scripted engine and an in-memory transport:
    /// blocking and non-blocking modes, the would-block rule, timers, partial reads, closing and
    /// failures, without sockets or real cryptography.
    /// </summary>
    public class SslSocketDriverTests
    {
        private static (SslSocket Socket, ScriptedEngine Engine, MemoryTransport Transport) Client(
            bool answerHello = true, int timeoutMs = 5000, int maxRetransmissions = 3)
        {
            var engine = new ScriptedEngine(false, maxRetransmissions);
            var transport = new MemoryTransport();
            if (answerHello) transport.Responder = sent => sent == "HELLO" ? new[] { "WELCOME" } : null;
            var channel = new ConnectedDtlsChannel(engine, transport, false, 1400, 2048);
            return (new SslSocket(channel, timeoutMs), engine, transport);
        }

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        private static string Text(byte[] data) => data == null ? null : Encoding.ASCII.GetString(data);

        [Fact]
        public void BlockingHandshakeCompletesAndReportsTheSuite()
        {
            var (socket, _, transport) = Client();
            Assert.Null(socket.Cipher());
            Assert.True(socket.DoHandshake());
            Assert.Equal(new[] { "TLS_PSK_WITH_AES_128_CCM_8", "DTLSv1.2" }, socket.Cipher());
            Assert.Equal(1, transport.SentCount("HELLO"));
            Assert.Equal(1, socket.DatagramsReceived);
        }

        [Fact]
        public void ALostFlightIsResentWhenTheEngineTimerIsDue()
        {
            var (socket, engine, transport) = Client(answerHello: false);
            int hellos = 0;
            transport.Responder = sent => sent == "HELLO" && ++hellos == 2 ? new[] { "WELCOME" } : null;
            var clock = Stopwatch.StartNew();
            Assert.True(socket.DoHandshake());
            Assert.Equal(2, transport.SentCount("HELLO"));
            Assert.Equal(1, engine.Retransmissions);
            Assert.InRange(clock.ElapsedMilliseconds, ScriptedEngine.RetransmitMs - 5, 3000);
        }

        [Fact]
        public void NonBlockingCallsReturnTheWouldBlockValuesUntilDataArrives()
        {
            var (socket, _, transport) = Client(answerHello: false);
            socket.SetBlocking(false);
            Assert.Equal(0, socket.Timeout);
            Assert.False(socket.DoHandshake());
            Assert.Equal(-1, socket.Send(Ascii("early")));
            Assert.Null(socket.Recv(64));
            Assert.Equal(-1, socket.RecvInto(new byte[64]));
            Assert.Null(socket.Read(10));
            Assert.Equal(-1, socket.ReadInto(new byte[10]));
            Assert.Null(socket.ReadLine());

            transport.Deliver("WELCOME");
            Assert.True(socket.DoHandshake());
            Assert.Null(socket.Recv(64));
            Assert.Equal(4, socket.Send(Ascii("ping")));
            Assert.Contains("DATA:ping", transport.Sent);

            transport.Deliver("DATA:pong");
            Assert.Equal("pong", Text(socket.Recv(64)));
            Assert.Null(socket.Recv(64));
        }

        [Fact]
        public void APositiveTimeoutEndsInTimedOut()
        {
            var (socket, _, _) = Client();
            socket.DoHandshake();
            socket.Timeout = 80;
            var clock = Stopwatch.StartNew();
            var e = Assert.Throws<SslException>(() => socket.Recv(64));
            Assert.Equal(SslError.TimedOut, e.Error);
            Assert.Contains("80 ms", e.Message);
            Assert.InRange(clock.ElapsedMilliseconds, 70, 3000);
        }

        [Fact]
        public void HandshakeTimeoutOnAPositiveTimeoutNamesASwallowedSocketError()
        {
            var (socket, _, transport) = Client(answerHello: false, timeoutMs: 50);
            transport.LastTransientError = "connection refused (ICMP port unreachable)";
            transport.TransientErrorCount = 1;
            var e = Assert.Throws<SslException>(() => socket.DoHandshake());
            Assert.Equal(SslError.TimedOut, e.Error);
            Assert.Contains("connection refused", e.Message);
        }

        [Fact]
        public void TheEnginesHandshakeTimeoutSurfacesWithTheSocketHint()
        {
            var (socket, _, transport) = Client(answerHello: false, timeoutMs: -1, maxRetransmissions: 1);
            transport.LastTransientError = "connection refused (ICMP port unreachable)";
            var e = Assert.Throws<SslException>(() => socket.DoHandshake());
            Assert.Equal(SslError.HandshakeTimeout, e.Error);
            Assert.Contains("connection refused", e.Message);
            Assert.Contains("ALERT", transport.Sent);
        }

        [Fact]
        public void AnUnreachablePeerAfterTheHandshakeIsASocketError()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            socket.SetBlocking(false);
            Assert.Null(socket.Recv(64));
            transport.LastTransientError = "connection refused (ICMP port unreachable)";
            transport.TransientErrorCount = 1;
            var e = Assert.Throws<SslException>(() => socket.Recv(64));
            Assert.Equal(SslError.SocketError, e.Error);
            Assert.Contains("unreachable", e.Message);
        }

        [Fact]
        public void RecvHandsOutTheRestOfALongDatagramNextAndNeverMergesTwo()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            transport.Deliver("DATA:abcdef");
            transport.Deliver("DATA:gh");
            Assert.Equal("abcd", Text(socket.Recv(4)));
            Assert.Equal("ef", Text(socket.Recv(100)));
            Assert.Equal("gh", Text(socket.Recv(100)));
        }

        [Fact]
        public void RecvIntoABigBufferReadsDirectly()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            transport.Deliver("DATA:direct");
            byte[] buffer = new byte[4096];
            int length = socket.RecvInto(buffer, 10, 4000);
            Assert.Equal("direct", Encoding.ASCII.GetString(buffer, 10, length));
        }

        [Fact]
        public void TheClosingPeerReadsAsAnEmptyArrayAndZero()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            transport.Deliver("CLOSE");
            Assert.Empty(socket.Recv(64));
            Assert.Equal(0, socket.RecvInto(new byte[8]));
            var e = Assert.Throws<SslException>(() => socket.Send(Ascii("late")));
            Assert.Equal(SslError.Closed, e.Error);
        }

        [Fact]
        public void AnEmptyRecordIsNotTheEndOfTheStream()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            socket.SetBlocking(false);
            transport.Deliver("BLANK");
            Assert.Null(socket.Recv(64));
            transport.Deliver("BLANK");
            transport.Deliver("DATA:x");
            Assert.Equal("x", Text(socket.Recv(64)));
        }

        [Fact]
        public void AnEngineFailureIsThrownAsItsOwnExceptionAfterTheAlertIsSent()
        {
            var (socket, engine, transport) = Client();
            socket.DoHandshake();
            transport.Deliver("FAIL");
            var e = Assert.Throws<SslException>(() => socket.Recv(64));
            Assert.Same(engine.Failure, e);
            Assert.Equal(SslError.HandshakeFailure, e.Error);
            Assert.Contains("ALERT", transport.Sent);
        }

        [Fact]
        public void CloseSendsCloseNotifyClosesTheTransportAndIsIdempotent()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            socket.Close();
            socket.Close();
            Assert.Equal(1, transport.SentCount("CLOSE"));
            Assert.True(transport.Closed);
            Assert.True(socket.IsClosed);
            Assert.Equal(SslError.Closed, Assert.Throws<SslException>(() => socket.Recv(1)).Error);
            Assert.Equal(SslError.Closed, Assert.Throws<SslException>(() => socket.Send(Ascii("x"))).Error);
        }

        [Fact]
        public void CloseBeforeTheHandshakeSendsNothing()
        {
            var (socket, _, transport) = Client();
            socket.Close();
            Assert.Empty(transport.Sent);
            Assert.True(transport.Closed);
        }

        [Fact]
        public void ReadLineSplitsLinesAndKeepsWhatFollows()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            transport.Deliver("DATA:one\ntwo\nthr");
            transport.Deliver("DATA:ee\n");
            Assert.Equal("one\n", Text(socket.ReadLine()));
            Assert.Equal("two\n", Text(socket.ReadLine()));
            Assert.Equal("three\n", Text(socket.ReadLine()));
            transport.Deliver("DATA:abcdef");
            Assert.Equal("abc", Text(socket.ReadLine(3)));
            Assert.Equal("def", Text(socket.Recv(10)));
        }

        [Fact]
        public void ReadGathersAcrossDatagramsUpToTheCountOrTheEnd()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            transport.Deliver("DATA:abc");
            transport.Deliver("DATA:defg");
            Assert.Equal("abcdef", Text(socket.Read(6)));
            transport.Deliver("CLOSE");
            Assert.Equal("g", Text(socket.Read()));
        }

        [Fact]
        public void NonBlockingReadReturnsWhatIsThere()
        {
            var (socket, _, transport) = Client();
            socket.DoHandshake();
            socket.SetBlocking(false);
            transport.Deliver("DATA:abc");
            Assert.Equal("abc", Text(socket.Read(10)));
            byte[] buffer = new byte[10];
            transport.Deliver("DATA:xy");
            Assert.Equal(2, socket.ReadInto(buffer));
            transport.Deliver("DATA:partial line");
            Assert.Equal("partial line", Text(socket.ReadLine()));
        }

        [Fact]
        public void SendingMoreThanOneRecordCarriesIsRefusedClearly()
        {
            var (socket, engine, _) = Client();
            socket.DoHandshake();
            engine.MaxApplicationDataLength = 10;
            Assert.Equal(10, socket.MaxSendLength);
            var e = Assert.Throws<SslException>(() => socket.Send(new byte[11]));
            Assert.Equal(SslError.InvalidArgument, e.Error);
            Assert.Contains("at most 10", e.Message);
            Assert.Equal(10, socket.SendAll(new byte[10]));
            Assert.Equal(3, socket.Write(Ascii("abc")));
        }

        [Fact]
        public void BadArgumentsAreInvalidArgument()
        {
            var (socket, _, _) = Client();
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => socket.Recv(0)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => socket.Send(null)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => socket.Send(new byte[4], 2, 3)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => socket.RecvInto(new byte[4], -1, 2)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => socket.Timeout = -2).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => socket.GetPeerCert(false)).Error);
        }

        [Fact]
        public void PeerCertificateIsTheLeafOrNull()
        {
            var (socket, engine, _) = Client();
            socket.DoHandshake();
            Assert.Null(socket.GetPeerCert());
            engine.PeerCertificates = new[] { new byte[] { 1 }, new byte[] { 2 } };
            Assert.Equal(new byte[] { 1 }, socket.GetPeerCert(true));
            Assert.Equal(2, socket.GetPeerCertChain().Length);
        }

        [Fact]
        public void NextTimerMsIsTheEnginesDeadlineOnTheMonotonicClock()
        {
            var (socket, _, _) = Client(answerHello: false);
            socket.SetBlocking(false);
            long before = MonotonicClock.NowMs;
            Assert.False(socket.DoHandshake());
            long timer = socket.NextTimerMs;
            Assert.InRange(timer, before + ScriptedEngine.RetransmitMs - 1, MonotonicClock.NowMs + ScriptedEngine.RetransmitMs + 1);
        }
    }
}
