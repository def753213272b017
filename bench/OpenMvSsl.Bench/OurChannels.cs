using System;
using System.Diagnostics;
using OpenMvSsl.Engine;
using OpenMvSsl.Host;

namespace OpenMvSsl.Bench
{
    /// <summary>Builds EngineSettings for our engines and connects pairs of them in memory.</summary>
    internal static class Ours
    {
        public static readonly DotNetCryptoProvider Provider = new DotNetCryptoProvider();

        private sealed class OneKey : IPskKeyStore
        {
            public byte[] GetKey(byte[] identity) => identity.AsSpan().SequenceEqual(Credentials.PskIdentity) ? Credentials.PskKey : null;
        }

        private static readonly OneKey Keys = new OneKey();

        public static EngineSettings Client(int suite, bool psk, int mtu, int version = 0)
        {
            var s = new EngineSettings { Provider = Provider, CipherSuites = new[] { suite }, Mtu = mtu };
            if (psk) { s.PskIdentity = Credentials.PskIdentity; s.PskKey = Credentials.PskKey; }
            if (version != 0) { s.MaxVersion = version; s.MinVersion = version; }
            return s;
        }

        public static EngineSettings Server(Credentials creds, bool psk, int mtu, int version = 0)
        {
            var s = new EngineSettings { Provider = Provider, IsServer = true, Mtu = mtu, PeerAddress = new byte[] { 127, 0, 0, 1, 0x12, 0x34 } };
            if (psk) s.PskKeys = Keys;
            else { s.CertificateChain = new[] { creds.CertificateDer }; s.PrivateKey = creds.ServerKey; }
            if (version != 0) { s.MaxVersion = version; s.MinVersion = version; }
            return s;
        }

        /// <summary>Runs a DTLS handshake in memory (no loss) and returns the two engines.</summary>
        public static (DtlsEngine client, DtlsEngine server) ConnectDtls(EngineSettings client, EngineSettings server, byte[] scratch)
        {
            var c = new DtlsEngine(client);
            var s = new DtlsEngine(server);
            long now = 1000;
            c.Start(now);
            s.Start(now);
            for (int step = 0; step < 1000 && !(c.IsHandshakeComplete && s.IsHandshakeComplete); step++)
            {
                bool moved = false;
                while (c.HasOutgoingDatagram) { int n = c.TakeOutgoingDatagram(scratch); s.ProcessDatagram(scratch.AsSpan(0, n), ++now); moved = true; }
                while (s.HasOutgoingDatagram) { int n = s.TakeOutgoingDatagram(scratch); c.ProcessDatagram(scratch.AsSpan(0, n), ++now); moved = true; }
                if (c.State == EngineState.Failed || s.State == EngineState.Failed)
                    throw new InvalidOperationException("DTLS handshake failed: " + (c.Failure ?? s.Failure).Message);
                if (!moved) throw new InvalidOperationException("DTLS handshake stalled");
            }
            // The server's last flight stays armed until the client speaks; one record settles that.
            return (c, s);
        }

        public static (TlsEngine client, TlsEngine server) ConnectTls(EngineSettings client, EngineSettings server, byte[] scratch)
        {
            var c = new TlsEngine(client);
            var s = new TlsEngine(server);
            c.Start();
            s.Start();
            for (int step = 0; step < 10000 && !(c.IsHandshakeComplete && s.IsHandshakeComplete); step++)
            {
                bool moved = Move(c, s, scratch) | Move(s, c, scratch);
                if (c.State == EngineState.Failed || s.State == EngineState.Failed)
                    throw new InvalidOperationException("TLS handshake failed: " + (c.Failure ?? s.Failure).Message);
                if (!moved) throw new InvalidOperationException("TLS handshake stalled");
            }
            // TLS 1.3 tickets or the last Finished may still be in flight.
            Move(s, c, scratch);
            Move(c, s, scratch);
            return (c, s);
        }

        public static bool Move(TlsEngine from, TlsEngine to, byte[] scratch)
        {
            bool moved = false;
            while (from.HasOutgoing && to.InputSpace > 0)
            {
                int n = from.TakeOutgoing(scratch.AsSpan(0, Math.Min(scratch.Length, to.InputSpace)));
                to.Feed(scratch.AsSpan(0, n));
                moved = true;
            }
            return moved;
        }
    }

    internal sealed class OurDtlsChannel : IRecordChannel
    {
        private readonly DtlsEngine client, server;
        private readonly byte[] datagram = new byte[70000];
        private readonly byte[] received = new byte[70000];
        private long now = 10_000;

        public OurDtlsChannel(EngineSettings clientSettings, EngineSettings serverSettings)
        {
            (client, server) = Ours.ConnectDtls(clientSettings, serverSettings, datagram);
        }

        public DtlsEngine Client => client;
        public DtlsEngine Server => server;

        /// <summary>Stopwatch ticks spent in the server's half of <see cref="Transfer"/> (opening and reading).</summary>
        public long ReceivingTicks;
        public int MaxRecord => client.MaxApplicationDataLength;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.SendApplicationData(payload.AsSpan(0, length));
            int n = client.TakeOutgoingDatagram(datagram);
            long started = Stopwatch.GetTimestamp();
            server.ProcessDatagram(datagram.AsSpan(0, n), ++now);
            int got = server.ReadApplicationData(received);
            ReceivingTicks += Stopwatch.GetTimestamp() - started;
            if (got != length) throw new InvalidOperationException("DTLS record of " + length + " bytes not delivered (got " + got + ")");
        }

        public void Dispose() { }
    }

    internal sealed class OurTlsChannel : IRecordChannel
    {
        private readonly TlsEngine client, server;
        private readonly byte[] scratch = new byte[20000];
        private readonly byte[] received = new byte[20000];

        public OurTlsChannel(EngineSettings clientSettings, EngineSettings serverSettings)
        {
            (client, server) = Ours.ConnectTls(clientSettings, serverSettings, scratch);
        }

        public TlsEngine Client => client;
        public TlsEngine Server => server;

        /// <summary>Stopwatch ticks spent in the server's half of <see cref="Transfer"/> (opening and reading).</summary>
        public long ReceivingTicks;
        public int MaxRecord => 16384;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.Write(payload.AsSpan(0, length));
            int got = 0;
            while (got < length)
            {
                bool moved = false;
                while (client.HasOutgoing && server.InputSpace > 0)
                {
                    int taken = client.TakeOutgoing(scratch.AsSpan(0, Math.Min(scratch.Length, server.InputSpace)));
                    long fed = Stopwatch.GetTimestamp();
                    server.Feed(scratch.AsSpan(0, taken));
                    ReceivingTicks += Stopwatch.GetTimestamp() - fed;
                    moved = true;
                }
                if (!moved && !server.HasApplicationData) throw new InvalidOperationException("TLS record not delivered");
                long started = Stopwatch.GetTimestamp();
                int n;
                while ((n = server.Read(received)) > 0) got += n;
                ReceivingTicks += Stopwatch.GetTimestamp() - started;
            }
        }

        public void Dispose() { }
    }

    /// <summary>
    /// Only the sending half of one of our channels: the client seals and frames each record and the
    /// bytes are thrown away. With the whole-path row it splits a record's cost into its two sides.
    /// </summary>
    internal sealed class OurSendingSide : IRecordChannel
    {
        private readonly DtlsEngine dtls;
        private readonly TlsEngine tls;
        private readonly byte[] output = new byte[20000];

        public OurSendingSide(IRecordChannel established)
        {
            if (established is OurDtlsChannel d) dtls = d.Client;
            else tls = ((OurTlsChannel)established).Client;
        }

        public int MaxRecord => 16384;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            if (dtls != null)
            {
                dtls.SendApplicationData(payload.AsSpan(0, length));
                while (dtls.HasOutgoingDatagram) dtls.TakeOutgoingDatagram(output);
                return;
            }
            tls.Write(payload.AsSpan(0, length));
            while (tls.HasOutgoing) tls.TakeOutgoing(output);
        }

        public void Dispose() { }
    }
}
