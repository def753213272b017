using System;
using OpenMvSsl.Engine;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Two TLS engines joined by an in-memory byte stream. Bytes move in chunks of a chosen size,
    /// so a test can also cut every record into single bytes. Bounded in steps.
    /// </summary>
    public sealed class StreamLink
    {
        private readonly byte[] buffer;

        public StreamLink(EngineSettings client, EngineSettings server, int chunk)
        {
            Client = new TlsEngine(client);
            Server = new TlsEngine(server);
            buffer = new byte[chunk];
        }

        public TlsEngine Client { get; private set; }
        public TlsEngine Server { get; private set; }

        /// <summary>Starts both engines and moves bytes until both finished the handshake or one failed.</summary>
        public bool Handshake()
        {
            Client.Start();
            Server.Start();
            while (Pump())
            {
                if (Settled()) break;
            }
            return Client.IsHandshakeComplete && Server.IsHandshakeComplete;
        }

        public bool Settled()
        {
            return (Client.IsHandshakeComplete && Server.IsHandshakeComplete)
                || Client.State == EngineState.Failed || Server.State == EngineState.Failed;
        }

        /// <summary>Moves whatever is waiting in both directions; false when nothing moved.</summary>
        public bool Pump()
        {
            bool moved = false;
            for (int step = 0; step < 100000; step++)
            {
                bool any = Move(Client, Server) | Move(Server, Client);
                if (!any) break;
                moved = true;
            }
            return moved;
        }

        private bool Move(TlsEngine from, TlsEngine to)
        {
            bool moved = false;
            while (from.HasOutgoing && to.InputSpace > 0 && to.State != EngineState.Failed)
            {
                int room = to.InputSpace < buffer.Length ? to.InputSpace : buffer.Length;
                int n = from.TakeOutgoing(new SpanByte(buffer, 0, room));
                if (n == 0) break;
                to.Feed(new SpanByte(buffer, 0, n));
                moved = true;
            }
            return moved;
        }

        public string Describe()
        {
            return "client " + Client.State + (Client.Failure == null ? "" : " (" + Client.Failure.Error + ": " + Client.Failure.Message + ")")
                + ", server " + Server.State + (Server.Failure == null ? "" : " (" + Server.Failure.Error + ": " + Server.Failure.Message + ")");
        }

        /// <summary>Sends <paramref name="data"/> one way and reads all of it on the other side.</summary>
        public byte[] Transfer(TlsEngine from, TlsEngine to, byte[] data)
        {
            int written = 0;
            byte[] received = new byte[data.Length];
            int got = 0;
            byte[] chunk = new byte[1024];
            for (int round = 0; round < 100000 && got < data.Length; round++)
            {
                if (written < data.Length)
                    written += from.Write(new SpanByte(data, written, data.Length - written));
                Pump();
                int n;
                while (got < data.Length && (n = to.Read(chunk)) > 0)
                {
                    Array.Copy(chunk, 0, received, got, n);
                    got += n;
                }
                if (from.State == EngineState.Failed || to.State == EngineState.Failed) break;
            }
            return got == data.Length ? received : TestBytes.Slice(received, 0, got);
        }
    }
}
