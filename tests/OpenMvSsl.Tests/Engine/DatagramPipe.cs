using System;
using System.Collections.Generic;
using OpenMvSsl.Engine;

namespace OpenMvSsl.Tests.Engine
{
    /// <summary>
    /// Two DTLS engines joined in memory by a network that can lose, duplicate and reorder
    /// datagrams (seeded, so every run is the same), on a virtual clock. Bounded in steps.
    /// <see cref="Intercept"/> may replace any datagram on its way (the hostile catalogue's splice point).
    /// </summary>
    internal sealed class DatagramPipe
    {
        private readonly Random random;
        private readonly List<(bool toServer, byte[] data)> inFlight = new();
        private readonly byte[] buffer = new byte[70_000];

        public DatagramPipe(DtlsEngine client, DtlsEngine server, int seed = 1)
        {
            Client = client;
            Server = server;
            random = new Random(seed);
        }

        public DtlsEngine Client { get; }
        public DtlsEngine Server { get; }
        public long Now { get; private set; } = 1_000;
        public double LossRate { get; set; }
        public double DuplicateRate { get; set; }
        public double ReorderRate { get; set; }
        public int DatagramsSent { get; private set; }
        public Action<bool, byte[]> Tap { get; set; }

        /// <summary>(toServer, datagram) => what the network carries instead; null carries it unchanged.</summary>
        public Func<bool, byte[], IEnumerable<byte[]>> Intercept { get; set; }

        /// <summary>How many datagrams <see cref="Intercept"/> replaced: proof that the hostile input went in.</summary>
        public int Replacements { get; private set; }

        /// <summary>Moves datagrams and fires timers until <paramref name="done"/> or the step budget runs out.</summary>
        public bool RunUntil(Func<bool> done, int maxSteps = 10_000)
        {
            for (int step = 0; step < maxSteps; step++)
            {
                if (done()) return true;
                Collect(Client, toServer: true);
                Collect(Server, toServer: false);
                if (inFlight.Count > 0)
                {
                    int index = ReorderRate > 0 && random.NextDouble() < ReorderRate ? random.Next(inFlight.Count) : 0;
                    var (toServer, data) = inFlight[index];
                    inFlight.RemoveAt(index);
                    Now += 1;
                    (toServer ? Server : Client).ProcessDatagram(data, Now);
                    continue;
                }
                long next = NextTimer();
                if (next < 0) return done();
                Now = Math.Max(Now, next);
                Client.HandleTimer(Now);
                Server.HandleTimer(Now);
            }
            return done();
        }

        private long NextTimer()
        {
            long a = Client.NextTimerMs, b = Server.NextTimerMs;
            if (a < 0) return b;
            if (b < 0) return a;
            return Math.Min(a, b);
        }

        /// <summary>Everything the engine wants to send, without delivering it.</summary>
        public List<byte[]> TakeAll(DtlsEngine engine)
        {
            var all = new List<byte[]>();
            while (engine.HasOutgoingDatagram)
            {
                int n = engine.TakeOutgoingDatagram(buffer);
                all.Add(buffer.AsSpan(0, n).ToArray());
            }
            return all;
        }

        private void Collect(DtlsEngine engine, bool toServer)
        {
            foreach (byte[] datagram in TakeAll(engine))
            {
                DatagramsSent++;
                Tap?.Invoke(toServer, datagram);
                IEnumerable<byte[]> replaced = Intercept?.Invoke(toServer, datagram);
                if (replaced != null) Replacements++;
                foreach (byte[] carried in replaced ?? new[] { datagram })
                {
                    if (LossRate > 0 && random.NextDouble() < LossRate) continue;
                    inFlight.Add((toServer, carried));
                    if (DuplicateRate > 0 && random.NextDouble() < DuplicateRate) inFlight.Add((toServer, (byte[])carried.Clone()));
                }
            }
        }
    }
}
