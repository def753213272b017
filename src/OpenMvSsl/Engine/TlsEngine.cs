using System;
using OpenMvSsl.Handshake;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Handshake.Tls13;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// TLS over a byte stream, client or server, with no I/O (BearSSL-style): the driver feeds
    /// received bytes with Feed, sends what TakeOutgoing gives, writes application data with
    /// Write and reads it with Read, and reports the end of the stream with TransportClosed.
    /// Records are decrypted in place in the engine's input buffer, so reading and writing
    /// application data allocate nothing once the handshake is over.
    /// </summary>
    public sealed class TlsEngine : IHandshakeChannel
    {
        private const int InputCapacity = RecordLimits.TlsHeaderLength + RecordLimits.MaxCiphertext12;
        private const int HeaderLength = 4;
        private const int MaxEmptyRecordsInARow = 32;
        // Bytes a protected record adds to its content: at most 8 (explicit nonce) + 16 (tag) in
        // TLS 1.2, 1 (content type) + 16 (tag) in TLS 1.3 for the AEAD suites spoken here.
        private const int RecordExpansionAllowance = 32;

        private readonly EngineSettings settings;
        private readonly TlsRecordLayer records = new TlsRecordLayer();
        private readonly RecordView view = new RecordView();
        private readonly Transcript transcript = new Transcript();
        private readonly ByteQueue output = new ByteQueue(4096);
        private byte[] input = new byte[InputCapacity];
        private readonly HandshakeBase handshake;
        private readonly Tls13ClientHandshake client;
        private readonly Tls13ServerHandshake server;

        private EngineState state = EngineState.Idle;
        private SslException failure;
        private int inputLength;
        private int appOffset;
        private int appLength;
        private int recordInProgress; // bytes of the record whose data is being read
        private byte[] handshakeBuffer = new byte[0];
        private int handshakeLength;
        private bool peerClosed;
        private int emptyRecordsInARow;
        private int agreedReadLimit = RecordLimits.MaxPlaintext;
        private bool shrinkInputPending;
        private bool shrinkOutputPending;

        public TlsEngine(EngineSettings settings)
        {
            if (settings == null) throw new SslException(SslError.InvalidArgument, "engine settings are required");
            settings.Check("TLS");
            this.settings = settings;
            WallClockUtc = settings.WallClockUtc; // an input like every other: the engine reads no clock
            if (settings.IsServer)
            {
                server = new Tls13ServerHandshake(settings, this);
                handshake = server;
            }
            else
            {
                client = new Tls13ClientHandshake(settings, this);
                handshake = client;
            }
        }

        /// <summary>The wall clock (UTC) used to check certificate validity; the driver sets it.</summary>
        public DateTime WallClockUtc { get; set; }

        public EngineState State { get { return state; } }

        public bool IsHandshakeComplete { get { return handshake.IsComplete; } }

        public SslException Failure { get { return failure; } }

        public bool PeerClosed { get { return peerClosed; } }

        /// <summary>"TLSv1.3" or "TLSv1.2" once negotiated, else null.</summary>
        public string VersionName { get { return handshake.Suite == null ? null : ProtocolVersion.Name(handshake.Version); } }

        /// <summary>The ALPN protocol agreed on, or null.</summary>
        public string AlpnProtocol { get { return handshake.AlpnProtocol; } }

        public string CipherSuiteName { get { return handshake.Suite == null ? null : handshake.Suite.IanaName; } }

        public byte[][] PeerCertificates { get { return handshake.PeerCertificates; } }

        public byte[] PeerPskIdentity { get { return handshake.PeerPskIdentity; } }

        public string RequestedServerName { get { return handshake.RequestedServerName; } }

        /// <summary>Client: writes the ClientHello. Server: waits for one.</summary>
        public void Start()
        {
            if (state != EngineState.Idle) throw new SslException(SslError.InvalidState, "the engine has already started");
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

        /// <summary>How many more received bytes Feed can take now (0 while unread application data fills the buffer).</summary>
        public int InputSpace { get { return input.Length - inputLength; } }

        /// <summary>
        /// Takes received bytes (as many as fit; returns how many) and processes every complete
        /// record. Never throws for bad input: failures move State to Failed and queue an alert.
        /// </summary>
        public int Feed(SpanByte data)
        {
            if (state == EngineState.Failed) return data.Length; // nothing more matters
            int n = data.Length < InputSpace ? data.Length : InputSpace;
            data.Slice(0, n).CopyTo(new SpanByte(input, inputLength, n));
            inputLength += n;
            ProcessInput();
            return n;
        }

        /// <summary>The stream ended. Without the peer's close_notify that is a truncation (an attacker may have cut it).</summary>
        public void TransportClosed()
        {
            if (peerClosed || state == EngineState.Failed) return;
            if (state == EngineState.Established || state == EngineState.Closed)
                Fail(new SslException(SslError.Truncated, AlertDescription.CloseNotify,
                    "the peer closed the connection without close_notify: the data may have been truncated"));
            else
                Fail(new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "the peer closed the connection during the handshake"));
        }

        public bool HasOutgoing { get { return output.Length > 0; } }

        /// <summary>Copies bytes to send into buffer; returns how many (0 when there are none).</summary>
        public int TakeOutgoing(SpanByte buffer)
        {
            int n = output.Take(buffer);
            if (shrinkOutputPending && output.Length == 0)
            {
                // Once, after the handshake flight has gone: room for two of our largest records.
                shrinkOutputPending = false;
                output.ShrinkTo(2 * records.RecordLength(records.WritePlaintextLimit));
            }
            return n;
        }

        /// <summary>Largest record content we send (what the peer allowed with record_size_limit or max_fragment_length).</summary>
        public int WritePlaintextLimit { get { return records.WritePlaintextLimit; } }

        /// <summary>Largest record content we accept (what we asked for, once the handshake is complete).</summary>
        public int ReadPlaintextLimit { get { return records.ReadPlaintextLimit; } }

        /// <summary>Bytes of the receive buffer (one largest record the peer may send).</summary>
        public int InputCapacityBytes { get { return input.Length; } }

        /// <summary>Encrypts application data into records; returns how many bytes were taken (all of them).</summary>
        public int Write(SpanByte data)
        {
            if (state != EngineState.Established)
                throw new SslException(state == EngineState.Failed ? failure.Error : SslError.InvalidState,
                    state == EngineState.Failed ? "the connection has failed: " + failure.Message : "the TLS handshake is not complete");
            int done = 0;
            while (done < data.Length)
            {
                int chunk = data.Length - done < records.WritePlaintextLimit ? data.Length - done : records.WritePlaintextLimit;
                WriteRecord(ContentType.ApplicationData, data.Slice(done, chunk));
                done += chunk;
            }
            return done;
        }

        public bool HasApplicationData { get { return appLength > 0; } }

        /// <summary>
        /// Copies received application data into buffer; returns how many bytes, 0 after the
        /// peer's close_notify, -1 when nothing is waiting yet.
        /// </summary>
        public int Read(SpanByte buffer)
        {
            if (appLength == 0) return peerClosed ? 0 : -1;
            int n = appLength < buffer.Length ? appLength : buffer.Length;
            new SpanByte(input, appOffset, n).CopyTo(buffer);
            appOffset += n;
            appLength -= n;
            if (appLength == 0)
            {
                Consume(recordInProgress);
                recordInProgress = 0;
                ProcessInput();
            }
            return n;
        }

        /// <summary>Sends close_notify; Read then drains what had arrived and returns 0 once the peer's arrives.</summary>
        public void Close()
        {
            if (state == EngineState.Established || state == EngineState.Handshaking)
                QueueAlert(1, AlertDescription.CloseNotify);
            if (state != EngineState.Failed) state = EngineState.Closed;
        }

        /// <summary>
        /// TLS 1.3: moves our sending to new keys and, when <paramref name="requestPeerUpdate"/>,
        /// asks the peer to do the same (RFC 8446 4.6.3).
        /// </summary>
        public void UpdateKeys(bool requestPeerUpdate)
        {
            if (state != EngineState.Established || handshake.Version != ProtocolVersion.Tls13)
                throw new SslException(SslError.InvalidState, "KeyUpdate needs an established TLS 1.3 connection");
            if (client != null) client.UpdateWriteKeys(requestPeerUpdate);
            else server.UpdateWriteKeys(requestPeerUpdate);
        }

        // ---- input ----

        private void ProcessInput()
        {
            try
            {
                while (appLength == 0 && state != EngineState.Failed && !peerClosed)
                {
                    if (shrinkInputPending) ShrinkInput();
                    RecordStatus status = records.ReadRecord(new SpanByte(input, 0, inputLength), view);
                    if (status == RecordStatus.Incomplete)
                    {
                        if (shrinkInputPending) ShrinkInput();
                        return;
                    }
                    HandleRecord();
                    if (appLength > 0) return; // the record stays until its data is read
                    Consume(view.RecordLength);
                }
            }
            catch (SslException e)
            {
                Fail(e);
            }
        }

        /// <summary>
        /// After the handshake, replaces the input buffer by one that holds the largest record the
        /// peer may now send, once the bytes waiting in it fit.
        /// </summary>
        private void ShrinkInput()
        {
            int capacity = RecordLimits.TlsHeaderLength + agreedReadLimit + RecordExpansionAllowance;
            if (inputLength > capacity) return;
            shrinkInputPending = false;
            if (capacity >= input.Length) return;
            var smaller = new byte[capacity];
            Array.Copy(input, smaller, inputLength);
            input = smaller;
        }

        private void Consume(int count)
        {
            Array.Copy(input, count, input, 0, inputLength - count);
            inputLength -= count;
        }

        private void HandleRecord()
        {
            var payload = new SpanByte(input, view.PayloadOffset, view.PayloadLength);
            if (view.Type != ContentType.Handshake && handshakeLength > 0)
                throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage,
                    "a handshake message was interrupted by a record of another type");
            switch (view.Type)
            {
                case ContentType.Handshake:
                    AppendHandshake(payload);
                    DeliverHandshakeMessages();
                    break;
                case ContentType.ChangeCipherSpec:
                    if (payload.Length != 1 || payload[0] != 1)
                    {
                        // RFC 8446 5: in TLS 1.3 any other value is unexpected_message; TLS 1.2 calls it a decode error.
                        if (handshake.Version == ProtocolVersion.Tls13)
                            throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "ChangeCipherSpec must hold the single byte 1");
                        throw new SslException(SslError.DecodeError, AlertDescription.DecodeError, "ChangeCipherSpec must hold the single byte 1");
                    }
                    if (!handshake.OnChangeCipherSpec())
                        throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "ChangeCipherSpec arrived when none was expected");
                    break;
                case ContentType.Alert:
                    HandleAlert(payload);
                    break;
                case ContentType.ApplicationData:
                    if (state != EngineState.Established && state != EngineState.Closed)
                        throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "application data arrived before the handshake finished");
                    if (view.PayloadLength > 0)
                    {
                        emptyRecordsInARow = 0;
                        appOffset = view.PayloadOffset;
                        appLength = view.PayloadLength;
                        recordInProgress = view.RecordLength;
                    }
                    else if (++emptyRecordsInARow > MaxEmptyRecordsInARow)
                    {
                        // Empty records are legal but carry nothing: an endless stream of them would
                        // keep us decrypting forever without ever returning data.
                        throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage,
                            "the peer sent more than " + MaxEmptyRecordsInARow + " empty records in a row");
                    }
                    break;
            }
        }

        private void AppendHandshake(SpanByte payload)
        {
            if (handshakeLength + payload.Length > settings.MaxHandshakeBufferBytes * 2)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "the peer's handshake messages exceed " + (settings.MaxHandshakeBufferBytes * 2) + " bytes");
            if (handshakeLength + payload.Length > handshakeBuffer.Length)
            {
                var bigger = new byte[handshakeLength + payload.Length + 1024];
                Array.Copy(handshakeBuffer, bigger, handshakeLength);
                handshakeBuffer = bigger;
            }
            payload.CopyTo(new SpanByte(handshakeBuffer, handshakeLength, payload.Length));
            handshakeLength += payload.Length;
        }

        private void DeliverHandshakeMessages()
        {
            while (handshakeLength >= HeaderLength && state != EngineState.Failed)
            {
                int bodyLength = BigEndian.ReadUInt24(handshakeBuffer, 1);
                if (bodyLength > settings.MaxHandshakeBufferBytes * 2)
                    throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                        "the peer's handshake message of " + bodyLength + " bytes is too large");
                int total = HeaderLength + bodyLength;
                if (handshakeLength < total) return;
                var type = (HandshakeType)handshakeBuffer[0];
                var body = new byte[bodyLength];
                Array.Copy(handshakeBuffer, HeaderLength, body, 0, bodyLength);
                byte[] framed = new SpanByte(handshakeBuffer, 0, total).ToArray();
                Array.Copy(handshakeBuffer, total, handshakeBuffer, 0, handshakeLength - total);
                handshakeLength -= total;

                if (handshake.IsComplete && handshake.Version == ProtocolVersion.Tls13)
                {
                    handshake.OnPostHandshakeMessage(type, body);
                    continue;
                }
                if (handshake.IsComplete)
                {
                    // Renegotiation is refused (RFC 5746 makes it safe; we simply do not do it).
                    if (type == HandshakeType.HelloRequest || type == HandshakeType.ClientHello)
                    {
                        QueueAlert(1, AlertDescription.NoRenegotiation);
                        continue;
                    }
                    throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage,
                        "unexpected handshake message " + (int)type + " after the handshake");
                }
                handshake.OnMessage(type, body, framed);
            }
        }

        private void HandleAlert(SpanByte payload)
        {
            if (payload.Length != 2)
                throw new SslException(SslError.DecodeError, AlertDescription.DecodeError, "alert record of " + payload.Length + " bytes");
            var description = (AlertDescription)payload[1];
            if (description == AlertDescription.CloseNotify)
            {
                peerClosed = true;
                if (state == EngineState.Established) QueueAlert(1, AlertDescription.CloseNotify);
                if (state != EngineState.Failed) state = EngineState.Closed;
                return;
            }
            // TLS 1.3 treats every alert but close_notify and user_canceled as fatal (RFC 8446 6).
            bool fatal = payload[0] == 2 || !handshake.IsComplete
                || (handshake.Version == ProtocolVersion.Tls13 && description != AlertDescription.UserCanceled);
            if (fatal)
            {
                failure = new SslException(SslError.PeerAlert, description,
                    "the peer ended the connection with alert " + AlertNames.Name(description) + " (" + (int)description + ")");
                state = EngineState.Failed;
            }
        }

        // ---- output ----

        private void WriteRecord(ContentType type, SpanByte content)
        {
            SpanByte room = output.Reserve(records.RecordLength(content.Length));
            output.Commit(records.WriteRecord(type, content, room));
        }

        private void Fail(SslException e)
        {
            if (state == EngineState.Failed) return;
            failure = e;
            if (e.Error != SslError.Truncated) QueueAlert(2, e.Alert);
            state = EngineState.Failed;
        }

        private void QueueAlert(int level, AlertDescription description)
        {
            try
            {
                WriteRecord(ContentType.Alert, new byte[] { (byte)level, (byte)description });
            }
            catch (SslException)
            {
                // Sequence numbers exhausted: the alert cannot be sent; the failure stands.
            }
        }

        // ---- IHandshakeChannel ----

        bool IHandshakeChannel.IsDatagram { get { return false; } }

        RecordFamily IHandshakeChannel.Family { get { return RecordFamily.Tls12; } } // the TLS 1.2 key block's family; 1.3 builds its own

        Transcript IHandshakeChannel.Transcript { get { return transcript; } }

        void IHandshakeChannel.Send(HandshakeMessage message)
        {
            byte[] framed = message.EncodeTls();
            if (!handshake.IsComplete) transcript.Append(framed); // post-handshake messages (KeyUpdate) are not part of it
            int done = 0;
            do
            {
                int chunk = framed.Length - done < records.WritePlaintextLimit ? framed.Length - done : records.WritePlaintextLimit;
                WriteRecord(ContentType.Handshake, new SpanByte(framed, done, chunk));
                done += chunk;
            }
            while (done < framed.Length);
        }

        void IHandshakeChannel.SendChangeCipherSpec()
        {
            WriteRecord(ContentType.ChangeCipherSpec, new byte[] { 1 });
        }

        void IHandshakeChannel.ActivateWriteProtection(RecordProtection protection)
        {
            records.SetWriteProtection(protection);
        }

        void IHandshakeChannel.ActivateReadProtection(RecordProtection protection)
        {
            if (handshakeLength > 0)
                throw new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "keys changed in the middle of a handshake message");
            records.SetReadProtection(protection);
        }

        void IHandshakeChannel.FlightReady(bool expectsReply)
        {
        }

        void IHandshakeChannel.LimitRecords(int readLimit, int writeLimit)
        {
            records.WritePlaintextLimit = writeLimit;
            agreedReadLimit = readLimit;
        }

        void IHandshakeChannel.HandshakeComplete()
        {
            state = EngineState.Established;
            transcript.Release();
            handshakeBuffer = new byte[0];
            // The peer fragments to our limit from here on; the buffers follow it (RFC 8449, RFC 6066).
            records.ReadPlaintextLimit = agreedReadLimit;
            shrinkInputPending = agreedReadLimit < RecordLimits.MaxPlaintext;
            shrinkOutputPending = records.WritePlaintextLimit < RecordLimits.MaxPlaintext;
        }
    }
}
