using System;
using System.Net.Sockets;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    /// <summary>
    /// The TLS driver loop over a connected TCP socket: send what the engine queued, wait for
    /// bytes no longer than the caller's timeout, feed them in, report the end of the stream.
    /// TLS needs no timers, so waiting is only ever for the socket.
    /// </summary>
    internal sealed class TlsSocketChannel : SslChannel
    {
        private const int UntilHandshakeDone = 0;
        private const int UntilReadable = 1;
        private const int ChunkSize = 16384;

        private readonly TlsEngine engine;
        private readonly Socket socket;
        private readonly bool isServer;
        private readonly byte[] ioBuffer = new byte[ChunkSize];
        private bool started;
        private bool closed;

        internal TlsSocketChannel(TlsEngine engine, Socket socket, bool isServer)
        {
            this.engine = engine;
            this.socket = socket;
            this.isServer = isServer;
        }

        public override bool IsServer { get { return isServer; } }

        public override bool IsHandshakeComplete { get { return engine.IsHandshakeComplete; } }

        public override bool IsClosed { get { return closed; } }

        public override int ReceiveChunkSize { get { return ChunkSize; } }

        // A TLS write may be any length: the engine cuts it into records.
        public override int MaxSendLength { get { return int.MaxValue; } }

        public override bool Handshake(int timeoutMs)
        {
            return Run(UntilHandshakeDone, timeoutMs);
        }

        public override int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!Run(UntilReadable, timeoutMs)) return -1;
            int n = engine.Read(new SpanByte(buffer, offset, count));
            if (n > 0) return n;
            if (engine.State == EngineState.Failed) throw engine.Failure;
            return n < 0 ? -1 : 0;
        }

        public override int Send(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!Run(UntilHandshakeDone, timeoutMs)) return -1;
            if (engine.PeerClosed) throw new SslException(SslError.Closed, "the peer closed the connection (close_notify); nothing more can be sent");
            engine.Write(new SpanByte(buffer, offset, count));
            Flush();
            return count;
        }

        public override void Close()
        {
            if (closed) return;
            closed = true;
            try
            {
                if (started && (engine.State == EngineState.Established || engine.State == EngineState.Handshaking))
                {
                    engine.Close();
                    Flush();
                }
            }
            catch (SslException)
            {
                // close_notify is a courtesy; the socket is released regardless.
            }
            socket.Close();
        }

        public override string VersionName { get { return engine.IsHandshakeComplete ? engine.VersionName : null; } }
        public override string CipherSuiteName { get { return engine.IsHandshakeComplete ? engine.CipherSuiteName : null; } }
        public override byte[][] PeerCertificates { get { return engine.PeerCertificates; } }
        public override byte[] PeerPskIdentity { get { return engine.PeerPskIdentity; } }
        public override string PeerName { get { return SocketSupport.Describe(SocketSupport.RemoteEndPointOrNull(socket)); } }
        public override long NextTimerMs { get { return -1; } }
        public override long DroppedRecords { get { return 0; } }
        public override int Retransmissions { get { return 0; } }
        public override long AuthenticationFailures { get { return 0; } }
        public override long DatagramsSent { get { return 0; } }
        public override long DatagramsReceived { get { return 0; } }

        public override string AlpnProtocol { get { return engine.IsHandshakeComplete ? engine.AlpnProtocol : null; } }

        public override void UpdateKeys(bool requestPeerUpdate)
        {
            if (closed) throw new SslException(SslError.Closed, "this SslSocket was closed");
            engine.UpdateKeys(requestPeerUpdate);
            Flush();
        }

        /// <summary>The engine, for what only TLS has (ALPN, KeyUpdate).</summary>
        internal TlsEngine Engine { get { return engine; } }

        // Returns true once the condition holds, false when the time ran out (0: one look, no waiting).
        private bool Run(int condition, int timeoutMs)
        {
            if (closed) throw new SslException(SslError.Closed, "this SslSocket was closed");
            long deadline = DtlsChannel.Deadline(timeoutMs);
            if (!started)
            {
                started = true;
                engine.WallClockUtc = DateTime.UtcNow;
                engine.Start();
            }
            while (true)
            {
                Flush();
                if (engine.State == EngineState.Failed) throw engine.Failure;
                if (Satisfied(condition)) return true;
                int wait = DtlsChannel.Remaining(deadline);
                if (wait == 0 && deadline >= 0 && !socket.Poll(0, SelectMode.SelectRead)) return false;
                if (!socket.Poll(SocketSupport.ToPollMicroseconds(wait), SelectMode.SelectRead))
                {
                    if (deadline >= 0 && MonotonicClock.NowMs >= deadline) return false;
                    continue;
                }
                int n;
                // Not Math.Min: System.Math is not in nanoFramework's mscorlib (it is a package of its own).
                int space = engine.InputSpace;
                int want = space < ioBuffer.Length ? space : ioBuffer.Length;
                try
                {
                    n = socket.Receive(ioBuffer, 0, want, SocketFlags.None);
                }
                catch (SocketException e)
                {
                    throw SocketSupport.Wrap(e, "reading from the TCP socket");
                }
                engine.WallClockUtc = DateTime.UtcNow;
                if (n == 0) engine.TransportClosed();
                else engine.Feed(new SpanByte(ioBuffer, 0, n));
            }
        }

        private bool Satisfied(int condition)
        {
            if (condition == UntilHandshakeDone)
            {
                if (engine.IsHandshakeComplete) return true;
                if (engine.State == EngineState.Closed)
                    throw new SslException(SslError.Closed, "the connection was closed during the handshake");
                return false;
            }
            return engine.HasApplicationData || engine.PeerClosed || engine.State == EngineState.Closed;
        }

        private void Flush()
        {
            while (engine.HasOutgoing)
            {
                int n = engine.TakeOutgoing(new SpanByte(ioBuffer));
                int sent = 0;
                while (sent < n)
                {
                    try
                    {
                        sent += socket.Send(ioBuffer, sent, n - sent, SocketFlags.None);
                    }
                    catch (SocketException e)
                    {
                        throw SocketSupport.Wrap(e, "writing to the TCP socket");
                    }
                }
            }
        }
    }
}
