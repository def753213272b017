using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// A loopback UDP proxy between one client and one server that drops, duplicates, delays and
    /// reorders datagrams, independently in each direction, from a seeded random source. The client
    /// sends to <see cref="Port"/>; the proxy forwards from its own socket to the server and sends the
    /// server's answers back to the last client address it heard from. It runs on its own thread,
    /// stops by itself after <c>lifetime</c>, and always stops on Dispose.
    /// </summary>
    internal sealed class LossyUdpProxy : IDisposable
    {
        private sealed class Pending
        {
            public long DueMs;
            public bool ToServer;
            public byte[] Data;
            public bool Held;
        }

        private readonly Socket front;  // faces the client
        private readonly Socket back;   // faces the server
        private readonly IPEndPoint server;
        private readonly Random random;
        private readonly object sync = new object();
        private readonly List<Pending> pending = new List<Pending>();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Thread thread;
        private readonly long lifetimeMs;
        private volatile bool stopping;
        private EndPoint client;

        // Counters, index 0 = client to server, 1 = server to client.
        private readonly long[] received = new long[2], dropped = new long[2], duplicated = new long[2],
            delayed = new long[2], reordered = new long[2], forwarded = new long[2];

        public LossyUdpProxy(int serverPort, int seed, TimeSpan lifetime)
        {
            server = new IPEndPoint(IPAddress.Loopback, serverPort);
            random = new Random(seed);
            lifetimeMs = (long)lifetime.TotalMilliseconds;
            front = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            back = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                front.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                back.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }
            catch
            {
                front.Dispose();
                back.Dispose();
                throw;
            }
            thread = new Thread(Run) { IsBackground = true, Name = "LossyUdpProxy" };
            thread.Start();
        }

        /// <summary>The port clients send to (127.0.0.1).</summary>
        public int Port => ((IPEndPoint)front.LocalEndPoint).Port;

        /// <summary>Probability that a datagram is dropped (0..1), each direction drawn independently.</summary>
        public double LossRate { get; set; }
        public double DuplicateRate { get; set; }
        /// <summary>Probability that a datagram is held back by a random delay in [1, MaxDelayMs] ms.</summary>
        public double DelayRate { get; set; }
        public int MaxDelayMs { get; set; } = 20;
        /// <summary>Probability that a datagram is held until one later datagram of the same direction has gone out.</summary>
        public double ReorderRate { get; set; }

        public bool StoppedByLifetime { get; private set; }

        public long Received(bool toServer) => Read(received, toServer);
        public long Dropped(bool toServer) => Read(dropped, toServer);
        public long Duplicated(bool toServer) => Read(duplicated, toServer);
        public long Delayed(bool toServer) => Read(delayed, toServer);
        public long Reordered(bool toServer) => Read(reordered, toServer);
        public long Forwarded(bool toServer) => Read(forwarded, toServer);

        private long Read(long[] counter, bool toServer) { lock (sync) return counter[toServer ? 0 : 1]; }

        public string Describe() =>
            "c->s received " + Received(true) + " dropped " + Dropped(true) + " duplicated " + Duplicated(true) + " delayed " + Delayed(true) + " reordered " + Reordered(true) + " forwarded " + Forwarded(true)
            + "; s->c received " + Received(false) + " dropped " + Dropped(false) + " duplicated " + Duplicated(false) + " delayed " + Delayed(false) + " reordered " + Reordered(false) + " forwarded " + Forwarded(false);

        private void Run()
        {
            var buffer = new byte[65536];
            var readable = new List<Socket>(2);
            try
            {
                while (!stopping)
                {
                    if (clock.ElapsedMilliseconds > lifetimeMs) { StoppedByLifetime = true; return; }
                    readable.Clear();
                    readable.Add(front);
                    readable.Add(back);
                    Socket.Select(readable, null, null, 2_000); // microseconds
                    foreach (Socket socket in readable)
                    {
                        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                        int n;
                        try { n = socket.ReceiveFrom(buffer, ref from); }
                        catch (SocketException) { continue; } // ICMP port unreachable from a closed peer
                        bool toServer = socket == front;
                        if (toServer) client = from;
                        else if (!from.Equals(server)) continue; // only the server may answer through the back socket
                        Admit(toServer, buffer.AsSpan(0, n).ToArray());
                    }
                    SendDue();
                }
            }
            catch (ObjectDisposedException) { }
        }

        private void Admit(bool toServer, byte[] data)
        {
            int d = toServer ? 0 : 1;
            long now = clock.ElapsedMilliseconds;
            lock (sync)
            {
                received[d]++;
                if (random.NextDouble() < LossRate) { dropped[d]++; return; }
                int copies = random.NextDouble() < DuplicateRate ? 2 : 1;
                if (copies == 2) duplicated[d]++;
                for (int i = 0; i < copies; i++)
                {
                    long due = now;
                    if (random.NextDouble() < DelayRate) { delayed[d]++; due += 1 + random.Next(MaxDelayMs); }
                    if (random.NextDouble() < ReorderRate)
                    {
                        // Held back: goes out after the next datagram in this direction (or after 50 ms).
                        reordered[d]++;
                        pending.Add(new Pending { DueMs = due + 50, ToServer = toServer, Data = data, Held = true });
                        continue;
                    }
                    pending.Add(new Pending { DueMs = due, ToServer = toServer, Data = data });
                }
            }
        }

        private void SendDue()
        {
            long now = clock.ElapsedMilliseconds;
            var ready = new List<Pending>();
            lock (sync)
            {
                for (int i = 0; i < pending.Count; i++)
                {
                    Pending p = pending[i];
                    if (p.DueMs <= now) { ready.Add(p); pending.RemoveAt(i); i--; }
                }
                // A held-back datagram goes out right after the first later one in its direction.
                foreach (Pending p in pending)
                {
                    if (!p.Held) continue;
                    foreach (Pending r in ready)
                        if (r.ToServer == p.ToServer && !r.Held) { p.DueMs = now; p.Held = false; break; }
                }
            }
            foreach (Pending p in ready)
            {
                try
                {
                    if (p.ToServer) back.SendTo(p.Data, server);
                    else if (client != null) front.SendTo(p.Data, client);
                    else continue;
                    lock (sync) forwarded[p.ToServer ? 0 : 1]++;
                }
                catch (SocketException) { }
            }
        }

        public void Dispose()
        {
            stopping = true;
            thread.Join(2_000);
            front.Dispose();
            back.Dispose();
            thread.Join(2_000);
        }
    }
}
