using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using OpenMvSsl.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// Many sequential DTLS PSK handshakes of our client through <see cref="LossyUdpProxy"/> at 30%
    /// loss per direction (plus duplication, reordering and small delays), against our DtlsListener
    /// and against openssl s_server. Every handshake must complete or fail with HandshakeTimeout
    /// (never hang, never another error); every delivered record must be intact and delivered once.
    /// </summary>
    public class LossySoakTests
    {
        private const string PskHex = "00112233445566778899aabbccddeeff";
        private const string Identity = "device-1";
        private const int Handshakes = 30;
        private const int RecordsPerConnection = 10;
        private static readonly TimeSpan SoakBudget = TimeSpan.FromSeconds(45);

        private readonly ITestOutputHelper output;

        public LossySoakTests(ITestOutputHelper output) => this.output = output;

        private sealed class Figures
        {
            public int Completed, TimedOut, OtherFailures, RecordsSent, RecordsDelivered, EchoesSent, EchoesDelivered;
            public int Corrupted, Duplicated, Retransmissions, ServerFailures;
            public long Dropped, DuplicatedDatagrams, Reordered, Delayed, Forwarded;
            public readonly List<string> Failures = new List<string>();

            public void Add(LossyUdpProxy proxy)
            {
                Dropped += proxy.Dropped(true) + proxy.Dropped(false);
                DuplicatedDatagrams += proxy.Duplicated(true) + proxy.Duplicated(false);
                Reordered += proxy.Reordered(true) + proxy.Reordered(false);
                Delayed += proxy.Delayed(true) + proxy.Delayed(false);
                Forwarded += proxy.Forwarded(true) + proxy.Forwarded(false);
            }

            public override string ToString() =>
                "handshakes completed " + Completed + ", failed with HandshakeTimeout " + TimedOut + ", other failures " + OtherFailures
                + "; records client->server sent " + RecordsSent + " delivered " + RecordsDelivered
                + "; echoes server->client sent " + EchoesSent + " delivered " + EchoesDelivered
                + "; corrupted " + Corrupted + ", duplicated deliveries " + Duplicated
                + "; client retransmissions " + Retransmissions + ", server-side handshake failures " + ServerFailures
                + "; proxy datagrams dropped " + Dropped + ", duplicated " + DuplicatedDatagrams + ", reordered " + Reordered
                + ", delayed " + Delayed + ", forwarded " + Forwarded;
        }

        private static LossyUdpProxy Proxy(int serverPort, int seed) => new LossyUdpProxy(serverPort, seed, TimeSpan.FromSeconds(20))
        {
            LossRate = 0.30, DuplicateRate = 0.10, ReorderRate = 0.10, DelayRate = 0.20, MaxDelayMs = 15,
        };

        private static SslContext ClientContext()
        {
            var context = new SslContext(SslProtocol.DtlsClient);
            context.SetPskIdentity(Identity);
            context.SetPskKey(PskHex);
            context.RetransmitInitialMs = 100;
            context.RetransmitMaxMs = 400;
            context.MaxRetransmissions = 8; // worst case about 100+200+7*400 ms = 3.1 s, then HandshakeTimeout
            return context;
        }

        // A record: "R <connection> <id> <payload hex> <first 8 bytes of SHA-256 over the rest, hex>\n".
        private static byte[] MakeRecord(int connection, int id, Random random)
        {
            var payload = new byte[8 + random.Next(120)];
            random.NextBytes(payload);
            string body = "R " + connection + " " + id + " " + Convert.ToHexString(payload);
            return Encoding.ASCII.GetBytes(body + " " + Checksum(body) + "\n");
        }

        private static string Checksum(string body) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(body)), 0, 8);

        private static readonly Regex RecordPattern = new Regex(@"^(R (\d+) (\d+) ([0-9A-F]+)) ([0-9A-F]{16})$");

        /// <summary>Checks one received line; returns its key or null when it is corrupted.</summary>
        private static string Validate(string line)
        {
            Match m = RecordPattern.Match(line);
            if (!m.Success || Checksum(m.Groups[1].Value) != m.Groups[5].Value) return null;
            return m.Groups[2].Value + "/" + m.Groups[3].Value;
        }

        private static void Deliver(string line, HashSet<string> seen, Figures figures, Action<string> onFresh, ref int delivered)
        {
            string key = Validate(line);
            if (key == null) { figures.Corrupted++; figures.Failures.Add("corrupted: " + line); return; }
            if (!seen.Add(key)) { figures.Duplicated++; figures.Failures.Add("duplicate: " + key); return; }
            delivered++;
            onFresh?.Invoke(line);
        }

        /// <summary>Runs one client connection through the proxy: handshake, records, optional echoes.</summary>
        private static void RunClient(int connection, int proxyPort, Figures figures, HashSet<string> echoesSeen, Random random, bool expectEchoes)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            udp.Connect(new IPEndPoint(IPAddress.Loopback, proxyPort));
            udp.ReceiveTimeout = 8_000; // the outer bound; the retransmission limit must fire first
            SslSocket socket = null;
            var context = ClientContext();
            try
            {
                socket = context.WrapSocket(udp);
            }
            catch (SslException e)
            {
                if (e.Error == SslError.HandshakeTimeout) figures.TimedOut++;
                else { figures.OtherFailures++; figures.Failures.Add("handshake " + connection + ": " + e.Error + " " + e.Message); }
                return;
            }
            using (socket)
            {
                figures.Completed++;
                for (int id = 0; id < RecordsPerConnection; id++)
                {
                    socket.Send(MakeRecord(connection, id, random));
                    figures.RecordsSent++;
                    Thread.Sleep(2);
                }
                if (expectEchoes)
                {
                    socket.Timeout = 300;
                    var buffer = new byte[2048];
                    while (true)
                    {
                        int n;
                        try { n = socket.RecvInto(buffer); }
                        catch (SslException e) when (e.Error == SslError.TimedOut) { break; }
                        if (n <= 0) break;
                        string text = Encoding.ASCII.GetString(buffer, 0, n);
                        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                            Deliver(line, echoesSeen, figures, null, ref figures.EchoesDelivered);
                    }
                }
                try { figures.Retransmissions += socket.Retransmissions; } catch (SslException) { }
                try { socket.Close(); } catch (SslException) { }
            }
        }

        [Fact]
        public void OurClientThroughLossyProxyToOurListener()
        {
            var figures = new Figures();
            var serverContext = new SslContext(SslProtocol.DtlsServer);
            var keys = new PskKeyTable();
            keys.Add(Identity, PskHex);
            serverContext.ServerPskKeys = keys;
            serverContext.RetransmitInitialMs = 100;
            serverContext.RetransmitMaxMs = 400;
            serverContext.MaxRetransmissions = 8;
            using DtlsListener listener = DtlsListener.Bind(serverContext, "127.0.0.1", 0, maxPeers: 64);
            listener.IdleTimeoutMs = 5_000;

            var serverSeen = new HashSet<string>();
            var echoesSeen = new HashSet<string>();
            var stop = new CancellationTokenSource();
            Exception serverCrash = null;
            var serverThread = new Thread(() =>
            {
                var accepted = new List<SslSocket>();
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        SslSocket peer = null;
                        try { peer = listener.AcceptPeer(5); }
                        catch (SslException e)
                        {
                            lock (figures) { figures.ServerFailures++; if (e.Error != SslError.HandshakeTimeout) figures.Failures.Add("server: " + e.Error + " " + e.Message); }
                        }
                        if (peer != null) { peer.Timeout = 0; accepted.Add(peer); }
                        for (int i = 0; i < accepted.Count; i++)
                        {
                            byte[] data;
                            try { data = accepted[i].Recv(4096); }
                            catch (SslException) { accepted[i].Dispose(); accepted.RemoveAt(i--); continue; }
                            if (data == null) continue;
                            if (data.Length == 0) { accepted[i].Dispose(); accepted.RemoveAt(i--); continue; }
                            SslSocket from = accepted[i];
                            lock (figures)
                            {
                                foreach (string line in Encoding.ASCII.GetString(data).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                                    Deliver(line, serverSeen, figures, fresh =>
                                    {
                                        figures.EchoesSent++;
                                        try { from.Send(Encoding.ASCII.GetBytes(fresh + "\n")); } catch (SslException) { }
                                    }, ref figures.RecordsDelivered);
                            }
                        }
                    }
                }
                catch (Exception e) { serverCrash = e; }
                finally { foreach (SslSocket s in accepted) s.Dispose(); }
            }) { IsBackground = true, Name = "soak listener" };
            serverThread.Start();

            var watch = Stopwatch.StartNew();
            var random = new Random(7001);
            try
            {
                for (int i = 0; i < Handshakes && watch.Elapsed < SoakBudget; i++)
                {
                    using var proxy = Proxy(listener.Port, 100 + i);
                    var started = Stopwatch.StartNew();
                    RunClient(i, proxy.Port, figures, echoesSeen, random, expectEchoes: true);
                    Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), "connection " + i + " took " + started.Elapsed);
                    lock (figures) figures.Add(proxy);
                }
            }
            finally
            {
                stop.Cancel();
                serverThread.Join(5_000);
            }
            output.WriteLine("ours<->ours in " + watch.Elapsed.TotalSeconds.ToString("F1") + " s: " + figures);
            output.WriteLine("listener: engines created " + listener.EnginesCreated + ", HelloVerifyRequests " + listener.HelloVerifyRequestsSent
                + ", datagrams dropped " + listener.DatagramsDropped);
            foreach (string f in figures.Failures) output.WriteLine(f);
            Assert.Null(serverCrash);
            Assert.False(serverThread.IsAlive, "the listener thread did not stop");
            Assert.Equal(Handshakes, figures.Completed + figures.TimedOut + figures.OtherFailures);
            Assert.Equal(0, figures.OtherFailures);
            Assert.Equal(0, figures.Corrupted);
            Assert.Equal(0, figures.Duplicated);
            Assert.True(figures.Completed >= Handshakes * 2 / 3, "too few handshakes completed: " + figures);
            Assert.True(figures.RecordsDelivered > 0 && figures.EchoesDelivered > 0, figures.ToString());
            Assert.True(figures.Dropped > 0 && figures.DuplicatedDatagrams > 0, "the proxy did not disturb anything: " + figures);
        }

        [Fact]
        public void OurClientThroughLossyProxyToOpenSslServer()
        {
            var figures = new Figures();
            var seen = new HashSet<string>();
            var watch = Stopwatch.StartNew();
            var random = new Random(7002);
            const int OpenSslHandshakes = 12;
            for (int i = 0; i < OpenSslHandshakes && watch.Elapsed < SoakBudget; i++)
            {
                // A fresh s_server per connection: s_server has no idle timeout, so a lost close_notify
                // would keep one server busy with a dead connection forever.
                using var server = OpenSslServer.Start(new OpenSslServerOptions
                {
                    Protocol = PeerProtocol.Dtls12, PskKeyHex = PskHex.ToLowerInvariant(), PskIdentity = Identity,
                    Cipher = "PSK-AES128-CCM8", NAccept = 1, Lifetime = TimeSpan.FromSeconds(20),
                });
                using var proxy = Proxy(server.Port, 200 + i);
                var started = Stopwatch.StartNew();
                RunClient(i, proxy.Port, figures, null, random, expectEchoes: false);
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), "connection " + i + " took " + started.Elapsed);
                Thread.Sleep(100); // let the last records reach s_server's stdout
                foreach (string line in server.StandardOutput.Split('\n'))
                {
                    string trimmed = line.TrimEnd('\r');
                    if (trimmed.StartsWith("R ")) Deliver(trimmed, seen, figures, null, ref figures.RecordsDelivered);
                }
                figures.Add(proxy);
            }
            output.WriteLine("ours->openssl in " + watch.Elapsed.TotalSeconds.ToString("F1") + " s: " + figures);
            foreach (string f in figures.Failures) output.WriteLine(f);
            Assert.Equal(OpenSslHandshakes, figures.Completed + figures.TimedOut + figures.OtherFailures);
            Assert.Equal(0, figures.OtherFailures);
            Assert.Equal(0, figures.Corrupted);
            Assert.Equal(0, figures.Duplicated);
            Assert.True(figures.Completed >= OpenSslHandshakes * 2 / 3, "too few handshakes completed: " + figures);
            Assert.True(figures.RecordsDelivered > 0, figures.ToString());
            Assert.True(figures.Dropped > 0 && figures.DuplicatedDatagrams > 0, "the proxy did not disturb anything: " + figures);
        }
    }
}
