using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenMvSsl.Engine;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// DtlsListener over a real loopback UDP socket with scripted engines and a scripted cookie
    /// check: demultiplexing, no state before a valid cookie, the peer limit, idle expiry, and
    /// failed handshakes. HELLO is a ClientHello without cookie, HELLO+COOKIE one with a valid cookie.
    /// </summary>
    public class DtlsListenerTests : IDisposable
    {
        private sealed class ScriptedBackend : IListenerBackend
        {
            public int Inspected;

            public CookieVerdict Inspect(SpanByte datagram, byte[] peerAddress, SpanByte response, out int responseLength)
            {
                Inspected++;
                string text = Encoding.ASCII.GetString(datagram);
                responseLength = 0;
                if (text.StartsWith("HELLO+COOKIE", StringComparison.Ordinal)) return CookieVerdict.Accept;
                if (!text.StartsWith("HELLO", StringComparison.Ordinal)) return CookieVerdict.Drop;
                byte[] verify = Encoding.ASCII.GetBytes("VERIFY");
                verify.CopyTo(response);
                responseLength = verify.Length;
                return CookieVerdict.SendHelloVerifyRequest;
            }

            public IDatagramEngine CreateEngine(EngineSettings settings)
            {
                Assert.True(settings.IsServer);
                return new ScriptedEngine(true);
            }
        }

        private readonly DtlsListener listener;
        private readonly ScriptedBackend backend = new ScriptedBackend();

        public DtlsListenerTests()
        {
            var context = new SslContext(SslProtocol.DtlsServer) { ServerPskKeys = new PskKeyTable() };
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener = new DtlsListener(context, udp, 2, backend);
        }

        public void Dispose()
        {
            listener.Close();
        }

        private Socket Peer()
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Connect(new IPEndPoint(IPAddress.Loopback, listener.Port));
            udp.ReceiveTimeout = 3000;
            return udp;
        }

        private static void Send(Socket udp, string text) => udp.Send(Encoding.ASCII.GetBytes(text));

        private static string Receive(Socket udp)
        {
            byte[] buffer = new byte[2048];
            int length = udp.Receive(buffer);
            return Encoding.ASCII.GetString(buffer, 0, length);
        }

        private SslSocket Handshake(Socket udp)
        {
            Send(udp, "HELLO+COOKIE");
            SslSocket accepted = listener.AcceptPeer(3000);
            Assert.NotNull(accepted);
            Assert.Equal("WELCOME", Receive(udp));
            return accepted;
        }

        [Fact]
        public void NoEngineExistsBeforeAValidCookie()
        {
            using var udp = Peer();
            for (int i = 0; i < 5; i++)
            {
                Send(udp, "HELLO");
                Assert.Null(listener.AcceptPeer(100));
                Assert.Equal("VERIFY", Receive(udp));
            }
            Send(udp, "garbage");
            Assert.Null(listener.AcceptPeer(100));
            Assert.Equal(0, listener.EnginesCreated);
            Assert.Equal(0, listener.PeerCount);
            Assert.Equal(5, listener.HelloVerifyRequestsSent);
            Assert.Equal(1, listener.DatagramsDropped);

            Handshake(udp);
            Assert.Equal(1, listener.EnginesCreated);
            Assert.Equal(1, listener.PeerCount);
        }

        [Fact]
        public void PeersAreSortedByAddress()
        {
            using var a = Peer();
            using var b = Peer();
            SslSocket first = Handshake(a);
            SslSocket second = Handshake(b);
            Assert.NotEqual(first.PeerName, second.PeerName);
            Assert.Equal("127.0.0.1:" + ((IPEndPoint)a.LocalEndPoint).Port, first.PeerName);

            Send(b, "DATA:to-second");
            Send(a, "DATA:to-first");
            first.Timeout = 3000;
            second.Timeout = 3000;
            Assert.Equal("to-first", Encoding.ASCII.GetString(first.Recv(100)));
            Assert.Equal("to-second", Encoding.ASCII.GetString(second.Recv(100)));

            second.Send(Encoding.ASCII.GetBytes("reply-b"));
            first.Send(Encoding.ASCII.GetBytes("reply-a"));
            Assert.Equal("DATA:reply-a", Receive(a));
            Assert.Equal("DATA:reply-b", Receive(b));
        }

        [Fact]
        public void PollReportsDataForAnAcceptedPeerAndNonBlockingRecvDrainsIt()
        {
            using var a = Peer();
            SslSocket peer = Handshake(a);
            peer.SetBlocking(false);
            Assert.False(listener.Poll(50));
            Send(a, "DATA:one");
            Send(a, "DATA:two");
            Assert.True(listener.Poll(3000));
            var clock = Stopwatch.StartNew();
            string got = "";
            while (got != "onetwo" && clock.ElapsedMilliseconds < 3000)
            {
                listener.Poll(100);
                byte[] data = peer.Recv(100);
                if (data != null) got += Encoding.ASCII.GetString(data);
            }
            Assert.Equal("onetwo", got);
            Assert.Null(peer.Recv(100));
        }

        [Fact]
        public void PeersBeyondTheLimitAreTurnedAway()
        {
            using var a = Peer();
            using var b = Peer();
            using var c = Peer();
            Handshake(a);
            Handshake(b);
            Send(c, "HELLO+COOKIE");
            Assert.Null(listener.AcceptPeer(200));
            Assert.Equal(2, listener.EnginesCreated);
            Assert.Equal(1, listener.PeersRefused);
        }

        [Fact]
        public void ClosingAPeerFreesItsSlotAndSendsCloseNotify()
        {
            using var a = Peer();
            SslSocket peer = Handshake(a);
            peer.Close();
            Assert.Equal("CLOSE", Receive(a));
            Assert.Equal(0, listener.PeerCount);
            Assert.Equal(SslError.Closed, Assert.Throws<SslException>(() => peer.Recv(1)).Error);
            Handshake(a);
            Assert.Equal(2, listener.EnginesCreated);
        }

        [Fact]
        public void ThePeersCloseNotifyReadsAsEndOfStream()
        {
            using var a = Peer();
            SslSocket peer = Handshake(a);
            Send(a, "CLOSE");
            peer.Timeout = 3000;
            Assert.Empty(peer.Recv(100));
        }

        [Fact]
        public void IdlePeersAreForgotten()
        {
            listener.IdleTimeoutMs = 150;
            using var a = Peer();
            SslSocket peer = Handshake(a);
            peer.Timeout = 3000;
            var e = Assert.Throws<SslException>(() => peer.Recv(100));
            Assert.Equal(SslError.Closed, e.Error);
            Assert.Contains("150 ms", e.Message);
            Assert.Equal(1, listener.PeersExpired);
            Assert.Equal(0, listener.PeerCount);
        }

        [Fact]
        public void AFailedHandshakeIsReportedOnceNamingThePeer()
        {
            using var a = Peer();
            Send(a, "HELLO+COOKIE+FAIL");
            var e = Assert.Throws<SslException>(() => listener.AcceptPeer(3000));
            Assert.Equal(SslError.HandshakeFailure, e.Error);
            Assert.Contains("127.0.0.1:" + ((IPEndPoint)a.LocalEndPoint).Port, e.Message);
            Assert.Equal("ALERT", Receive(a));
            Assert.Null(listener.AcceptPeer(100));
            Assert.Equal(0, listener.PeerCount);
        }

        [Fact]
        public void ClosingTheListenerClosesItsPeers()
        {
            using var a = Peer();
            SslSocket peer = Handshake(a);
            listener.Close();
            Assert.Equal("CLOSE", Receive(a));
            Assert.Equal(SslError.Closed, Assert.Throws<SslException>(() => peer.Send(new byte[1])).Error);
            Assert.Equal(SslError.Closed, Assert.Throws<SslException>(() => listener.AcceptPeer(0)).Error);
        }
    }
}
