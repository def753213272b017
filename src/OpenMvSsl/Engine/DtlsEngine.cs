using System;
using System.Collections;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Handshake.Tls12;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// DTLS 1.2 (RFC 6347) for one peer, client or server, with no I/O: datagrams and the
    /// current time in, datagrams, application data and the next timer deadline out. The driver
    /// (SslSocket, DtlsListener, a test) owns the socket and the clock.
    ///
    /// Driving it: call Start once (the client queues its ClientHello); then, whenever a
    /// datagram arrives, ProcessDatagram; whenever NextTimerMs has passed, HandleTimer; after
    /// each call, send every datagram TakeOutgoingDatagram gives and read application data while
    /// HasApplicationData. Times are milliseconds on any monotonic clock.
    /// </summary>
    public sealed class DtlsEngine : IHandshakeChannel, IDatagramEngine
    {
        private const int MinimumMtu = 256;
        private const int MinimumReceiveQueueBytes = 4096;

        private readonly EngineSettings settings;
        private readonly DtlsRecordLayer records = new DtlsRecordLayer();
        private readonly RecordView view = new RecordView();
        private readonly Transcript transcript = new Transcript();
        private readonly DtlsReassembler reassembler;
        private readonly DtlsFlight flight = new DtlsFlight();
        private readonly ArrayList outgoing = new ArrayList();
        private readonly Tls12ClientHandshake client;
        private readonly Tls12ServerHandshake server;
        private readonly HandshakeBase handshake;
        private readonly DtlsCookieGate cookieGate;

        private EngineState state = EngineState.Idle;
        private SslException failure;
        private long now;
        private int nextSendSeq;
        private bool flightSent;
        private long timerDeadline = -1;
        private int timeoutMs;
        private int retransmissions; // of the current flight: what MaxRetransmissions limits
        private int totalRetransmissions;
        private bool retransmittedThisDatagram;
        private bool peerClosed;
        private byte[] futureRecord;
        private DatagramQueue received;
        private byte[] appDatagram;
        private int appDatagramLength;
        private long unreadOverflow;
        private long ignoredRecords; // valid records that do not fit the state: dropped like invalid ones
        private int agreedReadLimit = RecordLimits.MaxPlaintext;

        public DtlsEngine(EngineSettings settings)
        {
            if (settings == null) throw new SslException(SslError.InvalidArgument, "engine settings are required");
            settings.Check("DTLS");
            if (settings.Mtu < MinimumMtu)
                throw new SslException(SslError.InvalidArgument, "MTU must be at least " + MinimumMtu + " bytes, got " + settings.Mtu);
            if (settings.RetransmitInitialMs <= 0 || settings.RetransmitMaxMs < settings.RetransmitInitialMs)
                throw new SslException(SslError.InvalidArgument, "retransmission timeouts must be positive, the maximum no smaller than the initial one");
            this.settings = settings;
            reassembler = new DtlsReassembler(settings.MaxHandshakeBufferBytes);
            timeoutMs = settings.RetransmitInitialMs;
            WallClockUtc = settings.WallClockUtc; // an input like every other: the engine reads no clock
            if (settings.IsServer)
            {
                server = new Tls12ServerHandshake(settings, this);
                handshake = server;
                if (settings.RequireCookie) cookieGate = new DtlsCookieGate(settings.Provider, settings.CookieSecret);
            }
            else
            {
                client = new Tls12ClientHandshake(settings, this);
                handshake = client;
            }
        }

        /// <summary>The wall clock (UTC) used to check certificate validity; the driver sets it.</summary>
        public DateTime WallClockUtc { get; set; }

        public EngineState State { get { return state; } }

        public bool IsHandshakeComplete { get { return handshake.IsComplete; } }

        /// <summary>Why the engine failed (State == Failed), else null.</summary>
        public SslException Failure { get { return failure; } }

        /// <summary>Client: queues the first flight. Server: nothing to do (waits for a ClientHello).</summary>
        public void Start(long nowMs)
        {
            if (state != EngineState.Idle) throw new SslException(SslError.InvalidState, "the engine has already started");
            now = nowMs;
            state = EngineState.Handshaking;
            if (client == null) return;
            try
            {
                client.Start();
            }
            catch (SslException e)
            {
                Fail(e);
            }
        }

        /// <summary>
        /// Hands in one received datagram; protected records are decrypted in place in it.
        /// Never throws for bad input: failures move State to Failed and queue an alert.
        /// </summary>
        public void ProcessDatagram(SpanByte datagram, long nowMs)
        {
            now = nowMs;
            if (state == EngineState.Failed || (state == EngineState.Closed && peerClosed)) return;
            if (state == EngineState.Idle) state = EngineState.Handshaking;
            retransmittedThisDatagram = false;
            try
            {
                int offset = 0;
                // Nothing after a fatal alert or close_notify counts, even in the same datagram.
                while (offset < datagram.Length && state != EngineState.Failed && !peerClosed)
                {
                    SpanByte rest = datagram.Slice(offset);
                    RecordStatus status = records.ReadRecord(rest, view);
                    int consumed = view.RecordLength;
                    if (status == RecordStatus.Complete)
                        HandleRecord(rest.Slice(0, consumed));
                    else if (status == RecordStatus.Dropped && view.DropReason == SslError.BadRecordMac && !handshake.IsComplete)
                        throw new SslException(SslError.DecryptError, AlertDescription.DecryptError,
                            "the peer's Finished could not be decrypted: the two sides derived different keys (wrong PSK?)");
                    else if (status == RecordStatus.FutureEpoch && futureRecord == null)
                        futureRecord = rest.Slice(0, consumed).ToArray();
                    offset += consumed;
                    ProcessFutureRecord();
                }
            }
            catch (SslException e)
            {
                Fail(e);
            }
        }

        /// <summary>Runs retransmission when the deadline has passed.</summary>
        public void HandleTimer(long nowMs)
        {
            now = nowMs;
            if (timerDeadline < 0 || nowMs < timerDeadline || state == EngineState.Failed) return;
            if (retransmissions >= settings.MaxRetransmissions)
            {
                string hint = handshake.ExpectsChangeCipherSpec
                    ? "the peer never confirmed our Finished: a wrong PSK or key is the usual cause"
                    : "is the peer running there, and does every firewall on the way pass UDP?";
                Fail(new SslException(SslError.HandshakeTimeout, AlertDescription.HandshakeFailure,
                    "no answer from the DTLS peer after " + retransmissions + " retransmissions; " + hint));
                return;
            }
            retransmissions++;
            totalRetransmissions++;
            timeoutMs = timeoutMs * 2 > settings.RetransmitMaxMs ? settings.RetransmitMaxMs : timeoutMs * 2;
            timerDeadline = nowMs + timeoutMs;
            flight.Serialize(records, settings.Mtu, outgoing);
        }

        /// <summary>When HandleTimer should next be called (ms, same clock as nowMs), or -1 when no timer runs.</summary>
        public long NextTimerMs { get { return timerDeadline; } }

        /// <summary>How many times handshake flights were resent on this connection, timer or peer driven.</summary>
        public int Retransmissions { get { return totalRetransmissions; } }

        public bool HasOutgoingDatagram { get { return outgoing.Count > 0 || appDatagramLength > 0; } }

        /// <summary>Copies the next datagram to send into output and returns its length (0 when none).</summary>
        public int TakeOutgoingDatagram(SpanByte output)
        {
            if (outgoing.Count > 0)
            {
                var datagram = (byte[])outgoing[0];
                if (output.Length < datagram.Length)
                    throw new SslException(SslError.BufferTooSmall, "datagram of " + datagram.Length + " bytes does not fit a buffer of " + output.Length);
                outgoing.RemoveAt(0);
                new SpanByte(datagram).CopyTo(output);
                return datagram.Length;
            }
            if (appDatagramLength > 0)
            {
                if (output.Length < appDatagramLength)
                    throw new SslException(SslError.BufferTooSmall, "datagram of " + appDatagramLength + " bytes does not fit a buffer of " + output.Length);
                new SpanByte(appDatagram, 0, appDatagramLength).CopyTo(output);
                int length = appDatagramLength;
                appDatagramLength = 0;
                return length;
            }
            return 0;
        }

        /// <summary>Largest application payload one record (one datagram) can carry under the MTU.</summary>
        public int MaxApplicationDataLength
        {
            get
            {
                int room = settings.Mtu - records.RecordLength(records.WriteEpoch, 0);
                return room < records.WritePlaintextLimit ? room : records.WritePlaintextLimit;
            }
        }

        /// <summary>
        /// Seals data as one record in its own datagram, to be taken with TakeOutgoingDatagram
        /// before the next call. Throws InvalidState before the handshake or while a datagram is
        /// still waiting, InvalidArgument when data is longer than MaxApplicationDataLength.
        /// </summary>
        public void SendApplicationData(SpanByte data)
        {
            if (state != EngineState.Established)
                throw new SslException(SslError.InvalidState, state == EngineState.Failed ? "the connection has failed: " + failure.Message : "the DTLS handshake is not complete (state " + StateName + ")");
            if (data.Length > MaxApplicationDataLength)
                throw new SslException(SslError.InvalidArgument, "datagram of " + data.Length + " bytes exceeds the " + MaxApplicationDataLength + " bytes one DTLS record can carry under the MTU");
            if (appDatagramLength > 0)
                throw new SslException(SslError.InvalidState, "the previous datagram has not been taken yet (TakeOutgoingDatagram)");
            appDatagramLength = records.WriteRecord(ContentType.ApplicationData, records.WriteEpoch, data, appDatagram);
        }

        public bool HasApplicationData { get { return received != null && !received.IsEmpty; } }

        /// <summary>
        /// Copies the next received record's data into output and returns its length; like UDP,
        /// bytes that do not fit are discarded. Returns -1 when nothing is waiting.
        /// </summary>
        public int ReadApplicationData(SpanByte output)
        {
            return received == null ? -1 : received.Dequeue(output);
        }

        /// <summary>Queues close_notify (when the handshake is done) and moves to Closed.</summary>
        public void Close()
        {
            if (state == EngineState.Established) QueueAlert(1, AlertDescription.CloseNotify);
            if (state != EngineState.Failed) state = EngineState.Closed;
            timerDeadline = -1;
        }

        /// <summary>True once the peer's close_notify arrived.</summary>
        public bool PeerClosed { get { return peerClosed; } }

        /// <summary>"DTLSv1.2" once negotiated, else null.</summary>
        public string VersionName { get { return handshake.Suite == null ? null : "DTLSv1.2"; } }

        /// <summary>IANA name of the negotiated suite, e.g. TLS_PSK_WITH_AES_128_CCM_8, else null.</summary>
        public string CipherSuiteName { get { return handshake.Suite == null ? null : handshake.Suite.IanaName; } }

        /// <summary>The peer's certificate chain (DER, leaf first), or null when it sent none.</summary>
        public byte[][] PeerCertificates { get { return handshake.PeerCertificates; } }

        /// <summary>Server: the PSK identity the client used, or null.</summary>
        public byte[] PeerPskIdentity { get { return handshake.PeerPskIdentity; } }

        /// <summary>Server: the host name the client asked for with SNI, or null.</summary>
        public string RequestedServerName { get { return handshake.RequestedServerName; } }

        /// <summary>
        /// Records dropped silently (invalid, per RFC 6347 4.1.2.7; not fitting the handshake state,
        /// such as a stray ChangeCipherSpec, a malformed alert or an empty or unprotected application
        /// record; or arriving while the unread queue is full), and those that failed authentication.
        /// </summary>
        public long DroppedRecords { get { return records.DroppedRecords + unreadOverflow + ignoredRecords; } }

        public long AuthenticationFailures { get { return records.AuthenticationFailures; } }

        private string StateName
        {
            get
            {
                switch (state)
                {
                    case EngineState.Idle: return "Idle";
                    case EngineState.Handshaking: return "Handshaking";
                    case EngineState.Established: return "Established";
                    case EngineState.Closed: return "Closed";
                    default: return "Failed";
                }
            }
        }

        // ---- incoming records ----

        private void HandleRecord(SpanByte record)
        {
            SpanByte payload = record.Slice(view.PayloadOffset, view.PayloadLength);
            bool staleEpoch = view.Epoch != records.ReadEpoch;
            if (AwaitingCookie && view.Type != ContentType.Handshake)
            {
                ignoredRecords++; // no association exists before the cookie: nothing may change state
                return;
            }
            switch (view.Type)
            {
                case ContentType.Handshake:
                    HandleHandshakeRecord(payload, staleEpoch);
                    break;
                case ContentType.ChangeCipherSpec:
                    if (!staleEpoch && payload.Length == 1 && payload[0] == 1 && handshake.ExpectsChangeCipherSpec)
                        handshake.OnChangeCipherSpec();
                    else
                        ignoredRecords++; // early, late or duplicated: datagrams do that
                    break;
                case ContentType.Alert:
                    if (!staleEpoch) HandleAlert(payload);
                    else ignoredRecords++;
                    break;
                case ContentType.ApplicationData:
                    // An empty record carries nothing and a flood of them would only fill the
                    // unread queue: drop and count them (the AEAD check has already run).
                    if (!staleEpoch && view.WasProtected && state == EngineState.Established && payload.Length > 0)
                    {
                        if (server != null && !flight.IsEmpty) flight.Clear(); // the client has our last flight
                        if (!received.TryEnqueue(payload)) unreadOverflow++; // like a full UDP receive buffer
                    }
                    else
                    {
                        ignoredRecords++;
                    }
                    break;
            }
        }

        /// <summary>A server that requires a cookie and has not yet seen a ClientHello carrying a valid one.</summary>
        private bool AwaitingCookie { get { return cookieGate != null && server.AwaitingClientHello; } }

        private void HandleHandshakeRecord(SpanByte payload, bool staleEpoch)
        {
            byte[] bytes = payload.ToArray();
            var reader = new ByteReader(bytes);
            bool counted = false; // one record counts once, however many of its fragments are dropped
            while (!reader.IsAtEnd)
            {
                HandshakeHeader header;
                int fragmentStart;
                try
                {
                    header = HandshakeHeader.ParseDtls(reader);
                    fragmentStart = reader.AbsolutePosition;
                    reader.Skip(header.FragmentLength, "handshake fragment");
                }
                catch (SslException)
                {
                    if (!counted) ignoredRecords++;
                    return; // a malformed record is dropped like any invalid datagram content
                }

                FragmentResult result;
                if (AwaitingCookie && header.Type != HandshakeType.ClientHello)
                {
                    result = FragmentResult.Dropped; // stateless until the cookie: only ClientHellos count
                }
                else if (AwaitingCookie && !staleEpoch)
                {
                    if (!CheckCookie(header, bytes, fragmentStart)) continue;
                    result = reassembler.Add(header, bytes, fragmentStart);
                }
                else if (staleEpoch)
                {
                    // An older epoch is unauthenticated next to the current one: it may only tell
                    // that the peer resends an old flight, never fill a message of this one.
                    result = header.MessageSeq < reassembler.NextSequence ? FragmentResult.Old : FragmentResult.Dropped;
                }
                else
                {
                    result = reassembler.Add(header, bytes, fragmentStart);
                }

                if (result == FragmentResult.Old)
                {
                    RetransmitForPeer();
                    continue;
                }
                if (result == FragmentResult.Dropped)
                {
                    if (!counted) ignoredRecords++;
                    counted = true;
                    continue;
                }
                DeliverCompleteMessages();
            }
        }

        /// <summary>
        /// MicroPython-style server (one engine per connected socket): a ClientHello without a
        /// valid cookie gets a HelloVerifyRequest and leaves no trace (RFC 6347 4.2.1).
        /// </summary>
        private bool CheckCookie(HandshakeHeader header, byte[] bytes, int fragmentStart)
        {
            if (header.IsFragment) return false;
            ClientHello hello;
            try
            {
                hello = ClientHello.Parse(new ByteReader(bytes, fragmentStart, header.FragmentLength), true);
            }
            catch (SslException)
            {
                return false;
            }
            if (cookieGate.IsValid(hello, settings.PeerAddress))
            {
                // The server's messages continue the numbering the client started (RFC 6347 4.2.2).
                reassembler.ExpectSequence(header.MessageSeq);
                nextSendSeq = header.MessageSeq;
                // Our records continue after the HelloVerifyRequest, which reused the first
                // ClientHello's record number: take the second one's (RFC 6347 4.2.1).
                records.SetWriteSequence(view.SequenceNumber);
                return true;
            }
            var response = new byte[settings.Mtu];
            int length = cookieGate.WriteHelloVerifyRequest(hello, settings.PeerAddress, (long)view.SequenceNumber, response);
            if (length > 0)
            {
                var datagram = new byte[length];
                Array.Copy(response, datagram, length);
                outgoing.Add(datagram);
            }
            return false;
        }

        private void DeliverCompleteMessages()
        {
            HandshakeType type;
            byte[] body;
            while (state != EngineState.Failed && reassembler.TryTakeNext(out type, out body))
            {
                if (handshake.IsComplete)
                {
                    // A new handshake on an established connection: renegotiation is refused.
                    // Any other message has no place after the handshake (as in TLS 1.2).
                    if (type != HandshakeType.HelloRequest && type != HandshakeType.ClientHello)
                        throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage,
                            "unexpected handshake message " + (int)type + " after the handshake");
                    QueueAlert(1, AlertDescription.NoRenegotiation);
                    continue;
                }
                // The peer's next flight has begun: our flight got through, stop retransmitting.
                timerDeadline = -1;
                timeoutMs = settings.RetransmitInitialMs;
                retransmissions = 0;

                if (type == HandshakeType.HelloVerifyRequest && client != null)
                {
                    client.OnHelloVerifyRequest(body);
                    continue;
                }
                byte[] framed = Frame(type, body, reassembler.NextSequence - 1);
                handshake.OnMessage(type, body, framed);
            }
        }

        private void HandleAlert(SpanByte payload)
        {
            if (payload.Length != 2 || (payload[0] != 1 && payload[0] != 2))
            {
                ignoredRecords++; // not an alert this side can read: dropped like any invalid record
                return;
            }
            int level = payload[0];
            var description = (AlertDescription)payload[1];
            if (description == AlertDescription.CloseNotify)
            {
                peerClosed = true;
                if (state == EngineState.Established) QueueAlert(1, AlertDescription.CloseNotify);
                state = EngineState.Closed;
                timerDeadline = -1;
                return;
            }
            if (level == 2)
            {
                failure = new SslException(SslError.PeerAlert, description,
                    "the peer ended the connection with alert " + AlertNames.Name(description) + " (" + (int)description + ")");
                state = EngineState.Failed;
                timerDeadline = -1;
            }
        }

        private void ProcessFutureRecord()
        {
            if (futureRecord == null) return;
            byte[] pending = futureRecord;
            var span = new SpanByte(pending);
            RecordStatus status = records.ReadRecord(span, view);
            if (status == RecordStatus.FutureEpoch) return; // keys still missing: keep it
            futureRecord = null;
            if (status == RecordStatus.Complete) HandleRecord(span.Slice(0, view.RecordLength));
        }

        private void RetransmitForPeer()
        {
            // The peer repeats its last flight: ours was lost. Answer once per datagram.
            if (retransmittedThisDatagram || !flightSent || flight.IsEmpty) return;
            retransmittedThisDatagram = true;
            totalRetransmissions++;
            flight.Serialize(records, settings.Mtu, outgoing);
        }

        private static byte[] Frame(HandshakeType type, byte[] body, int messageSeq)
        {
            var framed = new byte[HandshakeHeader.DtlsSize + body.Length];
            framed[0] = (byte)type;
            BigEndian.WriteUInt24(framed, 1, body.Length);
            BigEndian.WriteUInt16(framed, 4, messageSeq);
            BigEndian.WriteUInt24(framed, 6, 0);
            BigEndian.WriteUInt24(framed, 9, body.Length);
            Array.Copy(body, 0, framed, HandshakeHeader.DtlsSize, body.Length);
            return framed;
        }

        // ---- failures and alerts ----

        private void Fail(SslException e)
        {
            if (state == EngineState.Failed) return;
            failure = e;
            QueueAlert(2, e.Alert);
            state = EngineState.Failed;
            timerDeadline = -1;
        }

        private void QueueAlert(int level, AlertDescription description)
        {
            try
            {
                var alert = new byte[] { (byte)level, (byte)description };
                var datagram = new byte[records.RecordLength(records.WriteEpoch, 2)];
                records.WriteRecord(ContentType.Alert, records.WriteEpoch, alert, datagram);
                outgoing.Add(datagram);
            }
            catch (SslException)
            {
                // Sequence numbers exhausted: the alert cannot be sent; the failure stands.
            }
        }

        // ---- IHandshakeChannel ----

        bool IHandshakeChannel.IsDatagram { get { return true; } }

        RecordFamily IHandshakeChannel.Family { get { return RecordFamily.Dtls12; } }

        Transcript IHandshakeChannel.Transcript { get { return transcript; } }

        void IHandshakeChannel.Send(HandshakeMessage message)
        {
            StartFlightIfNeeded();
            byte[] framed = message.EncodeDtls(nextSendSeq++);
            transcript.Append(framed);
            flight.AddHandshake(records.WriteEpoch, framed);
        }

        void IHandshakeChannel.SendChangeCipherSpec()
        {
            StartFlightIfNeeded();
            flight.AddChangeCipherSpec(records.WriteEpoch);
        }

        void IHandshakeChannel.ActivateWriteProtection(RecordProtection protection)
        {
            records.SetWriteProtection(protection);
        }

        void IHandshakeChannel.ActivateReadProtection(RecordProtection protection)
        {
            records.SetReadProtection(protection);
        }

        void IHandshakeChannel.FlightReady(bool expectsReply)
        {
            flight.Serialize(records, settings.Mtu, outgoing);
            flightSent = true;
            timerDeadline = expectsReply ? now + timeoutMs : -1;
        }

        void IHandshakeChannel.LimitRecords(int readLimit, int writeLimit)
        {
            records.WritePlaintextLimit = writeLimit;
            agreedReadLimit = readLimit;
        }

        /// <summary>Largest record content we send (what the peer allowed).</summary>
        public int WritePlaintextLimit { get { return records.WritePlaintextLimit; } }

        /// <summary>Largest record content we accept (what we asked for, once the handshake is complete).</summary>
        public int ReadPlaintextLimit { get { return records.ReadPlaintextLimit; } }

        /// <summary>Bytes of the queue holding received, unread application data (0 before the handshake).</summary>
        public int ReceiveQueueBytes { get { return received == null ? 0 : received.Capacity; } }

        void IHandshakeChannel.HandshakeComplete()
        {
            state = EngineState.Established;
            timerDeadline = -1;
            retransmissions = 0;
            transcript.Release();
            if (client != null) flight.Clear(); // the server keeps its last flight until the client is heard from
            records.ReadPlaintextLimit = agreedReadLimit;
            int queueBytes;
            if (agreedReadLimit < RecordLimits.MaxPlaintext)
            {
                // Agreed smaller records (RFC 8449, RFC 6066): room for two of the largest the peer may send.
                queueBytes = 2 * (agreedReadLimit + 2);
            }
            else
            {
                // Room for the largest record the peer may send (its MTU may exceed ours) and for two of ours.
                queueBytes = agreedReadLimit + 2;
                if (queueBytes < 2 * (settings.Mtu + 2)) queueBytes = 2 * (settings.Mtu + 2);
                if (queueBytes < MinimumReceiveQueueBytes) queueBytes = MinimumReceiveQueueBytes;
            }
            received = new DatagramQueue(queueBytes);
            appDatagram = new byte[records.RecordLength(records.WriteEpoch, MaxApplicationDataLength)];
        }

        private void StartFlightIfNeeded()
        {
            if (!flightSent) return;
            flight.Clear();
            flightSent = false;
        }
    }
}
