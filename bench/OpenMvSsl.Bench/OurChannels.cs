using System;
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
        public int MaxRecord => client.MaxApplicationDataLength;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.SendApplicationData(payload.AsSpan(0, length));
            int n = client.TakeOutgoingDatagram(datagram);
            server.ProcessDatagram(datagram.AsSpan(0, n), ++now);
            int got = server.ReadApplicationData(received);
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
        public int MaxRecord => 16384;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.Write(payload.AsSpan(0, length));
            int got = 0;
            while (got < length)
            {
                if (!Ours.Move(client, server, scratch) && !server.HasApplicationData)
                    throw new InvalidOperationException("TLS record not delivered");
                int n;
                while ((n = server.Read(received)) > 0) got += n;
            }
        }

        public void Dispose() { }
    }
}
