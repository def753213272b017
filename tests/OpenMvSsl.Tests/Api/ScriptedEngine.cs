using System;
using System.Collections.Generic;
using System.Text;
using OpenMvSsl.Engine;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// A stand-in for DtlsEngine with a readable text protocol, so that the socket drivers'
    /// loops (waiting, timers, would-block, closing, failures) can be tested on their own.
    /// Client: Start sends HELLO, WELCOME completes the handshake. Server: HELLO... completes
    /// it and answers WELCOME. Then DATA:x carries x, CLOSE is close_notify, FAIL (or a
    /// handshake datagram ending +FAIL) fails the engine (an ALERT is queued), BLANK is an empty record.
    /// </summary>
    internal sealed class ScriptedEngine : IDatagramEngine
    {
        public const int RetransmitMs = 100;
        private readonly bool isServer;
        private readonly Queue<byte[]> outgoing = new Queue<byte[]>();
        private readonly Queue<byte[]> received = new Queue<byte[]>();
        private EngineState state = EngineState.Idle;
        private bool complete;
        private long timer = -1;

        public ScriptedEngine(bool isServer, int maxRetransmissions = 3)
        {
            this.isServer = isServer;
            MaxRetransmissions = maxRetransmissions;
        }

        public int MaxRetransmissions;
        public int MaxApplicationDataLength { get; set; } = 1000;
        public List<string> Processed { get; } = new List<string>();
        public string FailMessage = "scripted failure";

        public DateTime WallClockUtc { get; set; }
        public EngineState State => state;
        public bool IsHandshakeComplete => complete;
        public SslException Failure { get; private set; }
        public long NextTimerMs => timer;
        public int Retransmissions { get; private set; }
        public bool HasOutgoingDatagram => outgoing.Count > 0;
        public bool HasApplicationData => received.Count > 0;
        public bool PeerClosed { get; private set; }
        public string VersionName => complete ? "DTLSv1.2" : null;
        public string CipherSuiteName => complete ? "TLS_PSK_WITH_AES_128_CCM_8" : null;
        public byte[][] PeerCertificates { get; set; }
        public byte[] PeerPskIdentity => null;
        public long DroppedRecords { get; private set; }
        public long AuthenticationFailures => 0;

        public void Start(long nowMs)
        {
            if (state != EngineState.Idle) throw new SslException(SslError.InvalidState, "started twice");
            state = EngineState.Handshaking;
            if (isServer) return;
            Queue("HELLO");
            timer = nowMs + RetransmitMs;
        }

        public void ProcessDatagram(SpanByte datagram, long nowMs)
        {
            string text = Encoding.ASCII.GetString(datagram);
            Processed.Add(text);
            if (state == EngineState.Failed) return;
            if (text.StartsWith("FAIL", StringComparison.Ordinal) || (!complete && text.EndsWith("+FAIL", StringComparison.Ordinal)))
            {
                Fail(new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure, FailMessage));
                return;
            }
            if (!complete)
            {
                if (isServer && text.StartsWith("HELLO", StringComparison.Ordinal))
                {
                    complete = true;
                    state = EngineState.Established;
                    Queue("WELCOME");
                }
                else if (!isServer && text == "WELCOME")
                {
                    complete = true;
                    state = EngineState.Established;
                    timer = -1;
                }
                else
                {
                    DroppedRecords++;
                }
                return;
            }
            if (text == "CLOSE")
            {
                PeerClosed = true;
                state = EngineState.Closed;
            }
            else if (text == "BLANK") received.Enqueue(new byte[0]);
            else if (text.StartsWith("DATA:", StringComparison.Ordinal)) received.Enqueue(datagram.Slice(5).ToArray());
            else DroppedRecords++;
        }

        public void HandleTimer(long nowMs)
        {
            if (timer < 0 || nowMs < timer) return;
            if (Retransmissions >= MaxRetransmissions)
            {
                Fail(new SslException(SslError.HandshakeTimeout, AlertDescription.HandshakeFailure, "no answer after " + Retransmissions + " retransmissions"));
                return;
            }
            Retransmissions++;
            Queue("HELLO");
            timer = nowMs + RetransmitMs;
        }

        public int TakeOutgoingDatagram(SpanByte output)
        {
            if (outgoing.Count == 0) return 0;
            byte[] next = outgoing.Dequeue();
            next.CopyTo(output);
            return next.Length;
        }

        public void SendApplicationData(SpanByte data)
        {
            if (state != EngineState.Established) throw new SslException(SslError.InvalidState, "not established");
            if (data.Length > MaxApplicationDataLength) throw new SslException(SslError.InvalidArgument, "too long");
            byte[] framed = new byte[5 + data.Length];
            Encoding.ASCII.GetBytes("DATA:").CopyTo(framed, 0);
            data.CopyTo(framed.AsSpan(5));
            outgoing.Enqueue(framed);
        }

        public int ReadApplicationData(SpanByte output)
        {
            if (received.Count == 0) return -1;
            byte[] next = received.Dequeue();
            int length = Math.Min(next.Length, output.Length);
            next.AsSpan(0, length).CopyTo(output);
            return length;
        }

        public void Close()
        {
            if (state == EngineState.Established) Queue("CLOSE");
            if (state != EngineState.Failed) state = EngineState.Closed;
            timer = -1;
        }

        private void Fail(SslException failure)
        {
            Failure = failure;
            state = EngineState.Failed;
            timer = -1;
            Queue("ALERT");
        }

        private void Queue(string text)
        {
            outgoing.Enqueue(Encoding.ASCII.GetBytes(text));
        }
    }
}
