using System;
using System.Collections;
using OpenMvSsl.Engine;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Two DTLS engines joined by an in-memory datagram network on a virtual clock. Datagrams are
    /// delivered in order; a test may drop or duplicate by index through <see cref="DropEvery"/> and
    /// <see cref="Duplicate"/>. Bounded in steps, so a stuck handshake fails instead of hanging.
    /// </summary>
    public sealed class DatagramLink
    {
        private readonly ArrayList inFlight = new ArrayList(); // DatagramInFlight
        private readonly byte[] buffer = new byte[2048];
        private long now = 1000;

        public DatagramLink(EngineSettings client, EngineSettings server)
        {
            Client = new DtlsEngine(client);
            Server = new DtlsEngine(server);
        }

        public DtlsEngine Client { get; private set; }
        public DtlsEngine Server { get; private set; }

        public long Now { get { return now; } }

        /// <summary>Drops every n-th datagram sent (0: none).</summary>
        public int DropEvery;

        /// <summary>Delivers every datagram twice.</summary>
        public bool Duplicate;

        public int DatagramsSent;

        public int DatagramsToServer;

        public bool Handshake()
        {
            Client.Start(now);
            Server.Start(now);
            RunUntilSettled();
            return Client.IsHandshakeComplete && Server.IsHandshakeComplete;
        }

        public bool Settled()
        {
            return (Client.IsHandshakeComplete && Server.IsHandshakeComplete)
                || Client.State == EngineState.Failed || Server.State == EngineState.Failed;
        }

        public void RunUntilSettled()
        {
            for (int step = 0; step < 10000 && !Settled(); step++)
            {
                if (!Step()) break;
            }
        }

        /// <summary>Delivers one datagram, or fires the earliest timer; false when nothing is left to do.</summary>
        public bool Step()
        {
            Collect(Client, true);
            Collect(Server, false);
            if (inFlight.Count > 0)
            {
                DatagramInFlight next = (DatagramInFlight)inFlight[0];
                inFlight.RemoveAt(0);
                now += 1;
                (next.ToServer ? Server : Client).ProcessDatagram(next.Data, now);
                return true;
            }
            long deadline = Earliest(Client.NextTimerMs, Server.NextTimerMs);
            if (deadline < 0) return false;
            if (deadline > now) now = deadline;
            Client.HandleTimer(now);
            Server.HandleTimer(now);
            return true;
        }

        /// <summary>Moves datagrams until nothing is in flight (timers are not fired).</summary>
        public void Deliver()
        {
            for (int step = 0; step < 10000; step++)
            {
                Collect(Client, true);
                Collect(Server, false);
                if (inFlight.Count == 0) return;
                DatagramInFlight next = (DatagramInFlight)inFlight[0];
                inFlight.RemoveAt(0);
                now += 1;
                (next.ToServer ? Server : Client).ProcessDatagram(next.Data, now);
            }
        }

        private static long Earliest(long a, long b)
        {
            if (a < 0) return b;
            if (b < 0) return a;
            return a < b ? a : b;
        }

        private void Collect(DtlsEngine engine, bool toServer)
        {
            while (engine.HasOutgoingDatagram)
            {
                int n = engine.TakeOutgoingDatagram(buffer);
                byte[] datagram = TestBytes.Slice(buffer, 0, n);
                DatagramsSent++;
                if (toServer) DatagramsToServer++;
                if (DropEvery > 0 && DatagramsSent % DropEvery == 0) continue;
                inFlight.Add(new DatagramInFlight(toServer, datagram));
                if (Duplicate) inFlight.Add(new DatagramInFlight(toServer, TestBytes.Copy(datagram)));
            }
        }

        public string Describe()
        {
            return "client " + Client.State + (Client.Failure == null ? "" : " (" + Client.Failure.Error + ": " + Client.Failure.Message + ")")
                + ", server " + Server.State + (Server.Failure == null ? "" : " (" + Server.Failure.Error + ": " + Server.Failure.Message + ")");
        }

        private sealed class DatagramInFlight
        {
            public readonly bool ToServer;
            public readonly byte[] Data;

            public DatagramInFlight(bool toServer, byte[] data)
            {
                ToServer = toServer;
                Data = data;
            }
        }
    }
}
