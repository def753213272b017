using System;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    /// <summary>
    /// The DTLS driver loop, whatever carries the datagrams: send what the engine queued, wait
    /// for a datagram no longer than the caller's timeout and the engine's next timer, hand it
    /// in, run the timer when due, and surface the engine's failure as its SslException.
    /// Subclasses supply the I/O: a connected UDP socket, or a listener's shared socket.
    /// Engine calls happen under <see cref="Sync"/>; waiting for input happens outside it.
    /// </summary>
    internal abstract class DtlsChannel : SslChannel
    {
        private const int UntilHandshakeDone = 0;
        private const int UntilReadable = 1;

        protected readonly IDatagramEngine Engine;
        protected readonly object Sync;
        private readonly bool isServer;
        private readonly byte[] sendBuffer;
        private readonly int receiveChunkSize;
        private bool started;
        private bool closed;
        private long datagramsSent;
        private long datagramsReceived;

        protected DtlsChannel(IDatagramEngine engine, bool isServer, int mtu, int receiveBufferSize, object sync, bool alreadyStarted)
        {
            Engine = engine;
            this.isServer = isServer;
            Sync = sync;
            started = alreadyStarted;
            // The engine never sends more than the MTU; the margin covers a HelloVerifyRequest
            // written by the cookie gate, which is never longer than the ClientHello it answers.
            sendBuffer = new byte[mtu + 256];
            receiveChunkSize = receiveBufferSize;
        }

        // ---- I/O supplied by subclasses -----------------------------------------------------

        /// <summary>Sends one datagram to the peer (called under Sync).</summary>
        protected abstract void SendDatagram(byte[] buffer, int offset, int count);

        /// <summary>
        /// Waits up to <paramref name="waitMs"/> (0: no waiting, -1: forever) for input and
        /// feeds every datagram that arrived to its engine (taking Sync to do so).
        /// </summary>
        protected abstract void WaitForInput(int waitMs);

        protected abstract void CloseTransport();

        /// <summary>The earliest timer of anything else this channel's waiting must serve, or -1.</summary>
        protected virtual long EarliestOtherTimer() { return -1; }

        /// <summary>Throws when the channel can no longer be used for a reason of the subclass's own.</summary>
        protected virtual void CheckAlive() { }

        /// <summary>A transient socket error worth adding to a handshake timeout, or null.</summary>
        protected virtual string TransientErrorHint() { return null; }

        // ---- helpers for subclasses (call under Sync) -----------------------------------------

        /// <summary>Hands one received datagram to the engine.</summary>
        protected void Feed(byte[] buffer, int offset, int count)
        {
            datagramsReceived++;
            Engine.WallClockUtc = DateTime.UtcNow;
            Engine.ProcessDatagram(new SpanByte(buffer, offset, count), MonotonicClock.NowMs);
        }

        /// <summary>Runs a due timer and sends everything the engine queued.</summary>
        protected void Service(long now)
        {
            if (!started)
            {
                started = true;
                Engine.WallClockUtc = DateTime.UtcNow;
                Engine.Start(now);
            }
            long timer = Engine.NextTimerMs;
            if (timer >= 0 && now >= timer)
            {
                Engine.WallClockUtc = DateTime.UtcNow;
                Engine.HandleTimer(now);
            }
            Flush();
        }

        protected void Flush()
        {
            while (Engine.HasOutgoingDatagram)
            {
                int length = Engine.TakeOutgoingDatagram(new SpanByte(sendBuffer));
                if (length <= 0) break;
                SendDatagram(sendBuffer, 0, length);
                datagramsSent++;
            }
        }

        // ---- SslChannel ---------------------------------------------------------------------

        public override bool IsServer { get { return isServer; } }

        public override bool IsHandshakeComplete { get { lock (Sync) { return Engine.IsHandshakeComplete; } } }

        public override bool IsClosed { get { lock (Sync) { return closed; } } }

        public override int ReceiveChunkSize { get { return receiveChunkSize; } }

        public override int MaxSendLength { get { lock (Sync) { return Engine.MaxApplicationDataLength; } } }

        public override bool Handshake(int timeoutMs)
        {
            return Run(UntilHandshakeDone, timeoutMs);
        }

        public override int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = Deadline(timeoutMs);
            while (true)
            {
                if (!Run(UntilReadable, Remaining(deadline))) return -1;
                lock (Sync)
                {
                    while (Engine.HasApplicationData)
                    {
                        int length = Engine.ReadApplicationData(new SpanByte(buffer, offset, count));
                        if (length > 0) return length;
                        if (length < 0) break;
                        // An empty record carries nothing; it must not read as end of stream.
                    }
                    if (Engine.PeerClosed || Engine.State == EngineState.Closed) return 0;
                }
                if (deadline >= 0 && MonotonicClock.NowMs >= deadline) return -1;
            }
        }

        public override int Send(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!Run(UntilHandshakeDone, timeoutMs)) return -1;
            lock (Sync)
            {
                CheckOpen();
                CheckAlive();
                ThrowIfFailed();
                if (Engine.PeerClosed || Engine.State == EngineState.Closed)
                    throw new SslException(SslError.Closed, "the peer closed the connection (close_notify); nothing more can be sent");
                int max = Engine.MaxApplicationDataLength;
                if (count > max)
                    throw new SslException(SslError.InvalidArgument,
                        count + " bytes do not fit one DTLS record under the MTU: at most " + max + " per datagram (raise SslContext.Mtu or send less)");
                Engine.WallClockUtc = DateTime.UtcNow;
                Engine.SendApplicationData(new SpanByte(buffer, offset, count));
                Flush();
                ThrowIfFailed();
                return count;
            }
        }

        public override void Close()
        {
            lock (Sync)
            {
                if (closed) return;
                closed = true;
                try
                {
                    EngineState state = Engine.State;
                    if (started && (state == EngineState.Handshaking || state == EngineState.Established))
                    {
                        Engine.Close();
                        Flush();
                    }
                }
                catch (SslException)
                {
                    // close_notify is a courtesy; the transport is released regardless.
                }
            }
            CloseTransport();
        }

        public override string TimeoutHint { get { return TransientErrorHint(); } }

        public override string VersionName { get { lock (Sync) { return Engine.IsHandshakeComplete ? Engine.VersionName : null; } } }
        public override string CipherSuiteName { get { lock (Sync) { return Engine.IsHandshakeComplete ? Engine.CipherSuiteName : null; } } }
        public override byte[][] PeerCertificates { get { lock (Sync) { return Engine.PeerCertificates; } } }
        public override byte[] PeerPskIdentity { get { lock (Sync) { return Engine.PeerPskIdentity; } } }
        public override long NextTimerMs { get { lock (Sync) { return Engine.NextTimerMs; } } }
        public override long DroppedRecords { get { lock (Sync) { return Engine.DroppedRecords; } } }
        public override int Retransmissions { get { lock (Sync) { return Engine.Retransmissions; } } }
        public override long AuthenticationFailures { get { lock (Sync) { return Engine.AuthenticationFailures; } } }
        public override long DatagramsSent { get { lock (Sync) { return datagramsSent; } } }
        public override long DatagramsReceived { get { lock (Sync) { return datagramsReceived; } } }

        // ---- the loop -------------------------------------------------------------------------

        // Returns true once the condition holds, false when the time ran out. A zero timeout
        // still takes in whatever already arrived, once.
        private bool Run(int condition, int timeoutMs)
        {
            long deadline = Deadline(timeoutMs);
            bool waited = false;
            while (true)
            {
                int wait;
                lock (Sync)
                {
                    CheckOpen();
                    CheckAlive();
                    long now = MonotonicClock.NowMs;
                    Service(now);
                    ThrowIfFailed();
                    if (Satisfied(condition)) return true;
                    if (waited && deadline >= 0 && now >= deadline) return false;
                    wait = WaitBudget(now, deadline);
                }
                WaitForInput(wait);
                waited = true;
            }
        }

        private bool Satisfied(int condition)
        {
            EngineState state = Engine.State;
            if (condition == UntilHandshakeDone)
            {
                if (Engine.IsHandshakeComplete) return true;
                if (state == EngineState.Closed)
                    throw new SslException(SslError.Closed, "the connection was closed during the handshake");
                return false;
            }
            return Engine.HasApplicationData || Engine.PeerClosed || state == EngineState.Closed;
        }

        private int WaitBudget(long now, long deadline)
        {
            long wait = deadline < 0 ? long.MaxValue : deadline - now;
            wait = Earlier(wait, Engine.NextTimerMs, now);
            wait = Earlier(wait, EarliestOtherTimer(), now);
            if (wait < 0) wait = 0;
            if (wait == long.MaxValue) return -1;
            return wait > int.MaxValue ? int.MaxValue : (int)wait;
        }

        private static long Earlier(long wait, long timer, long now)
        {
            if (timer < 0) return wait;
            long untilTimer = timer - now;
            if (untilTimer < 0) untilTimer = 0;
            return untilTimer < wait ? untilTimer : wait;
        }

        private void ThrowIfFailed()
        {
            if (Engine.State != EngineState.Failed) return;
            Flush(); // the alert, when the engine queued one
            SslException failure = Engine.Failure;
            if (failure == null)
                throw new SslException(SslError.HandshakeFailure, "the DTLS engine failed without giving a reason");
            string hint = TransientErrorHint();
            if (hint != null && failure.Error == SslError.HandshakeTimeout)
                throw new SslException(failure.Error, failure.Alert, failure.Message + " (" + hint + ")");
            throw failure;
        }

        private void CheckOpen()
        {
            if (closed) throw new SslException(SslError.Closed, "this SslSocket was closed");
        }

        internal static long Deadline(int timeoutMs)
        {
            return timeoutMs < 0 ? -1 : MonotonicClock.NowMs + timeoutMs;
        }

        internal static int Remaining(long deadline)
        {
            if (deadline < 0) return -1;
            long left = deadline - MonotonicClock.NowMs;
            if (left <= 0) return 0;
            return left > int.MaxValue ? int.MaxValue : (int)left;
        }
    }
}
