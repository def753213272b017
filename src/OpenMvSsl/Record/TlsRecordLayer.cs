using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Record
{
    /// <summary>
    /// TLS 1.2 and TLS 1.3 records over a byte stream (RFC 5246 6.2, RFC 8446 5). Sans-I/O: the
    /// caller hands in the bytes it has and gets back where a record's plaintext lies; writes go
    /// into the caller's buffer. Protection changes are made by the handshake through
    /// SetReadProtection / SetWriteProtection. Fatal problems throw <see cref="SslException"/>
    /// carrying the alert to send.
    /// </summary>
    public sealed class TlsRecordLayer
    {
        private RecordProtection readProtection;
        private RecordProtection writeProtection;
        private ulong readSequence;
        private ulong writeSequence;
        private int readLimit = RecordLimits.MaxPlaintext;
        private int writeLimit = RecordLimits.MaxPlaintext;

        public TlsRecordLayer()
        {
            WriteVersion = ProtocolVersion.Tls12;
        }

        /// <summary>legacy_record_version written in headers (0x0301 is customary for a first ClientHello).</summary>
        public int WriteVersion { get; set; }

        /// <summary>Largest content accepted in one record (2^14 unless record_size_limit or max_fragment_length lowered it).</summary>
        public int ReadPlaintextLimit
        {
            get { return readLimit; }
            set { readLimit = CheckLimit(value); }
        }

        /// <summary>Largest content written in one record (what the peer allows).</summary>
        public int WritePlaintextLimit
        {
            get { return writeLimit; }
            set { writeLimit = CheckLimit(value); }
        }

        public ulong ReadSequence { get { return readSequence; } }

        public ulong WriteSequence { get { return writeSequence; } }

        public bool IsReadProtected { get { return readProtection != null; } }

        public bool IsWriteProtected { get { return writeProtection != null; } }

        /// <summary>Where content must be placed in a record buffer before <see cref="Seal"/>.</summary>
        public int PayloadOffset
        {
            get { return RecordLimits.TlsHeaderLength + (writeProtection == null ? 0 : writeProtection.ExplicitLength); }
        }

        /// <summary>Bytes a record with <paramref name="contentLength"/> bytes of content takes on the wire.</summary>
        public int RecordLength(int contentLength)
        {
            return RecordLimits.TlsHeaderLength + contentLength + (writeProtection == null ? 0 : writeProtection.Expansion);
        }

        /// <summary>Starts protecting received records with new keys; the sequence number restarts at 0.</summary>
        public void SetReadProtection(RecordProtection protection)
        {
            CheckFamily(protection);
            if (readProtection != null) readProtection.Dispose();
            readProtection = protection;
            readSequence = 0;
        }

        public void SetWriteProtection(RecordProtection protection)
        {
            CheckFamily(protection);
            if (writeProtection != null) writeProtection.Dispose();
            writeProtection = protection;
            writeSequence = 0;
        }

        /// <summary>Test hook: moves the sequence numbers, e.g. to the edge of exhaustion.</summary>
        internal void SetSequenceNumbers(ulong read, ulong write)
        {
            readSequence = read;
            writeSequence = write;
        }

        /// <summary>
        /// Copies <paramref name="content"/> into <paramref name="record"/> at PayloadOffset and
        /// protects it. The two must not overlap. Returns the record length.
        /// </summary>
        public int WriteRecord(ContentType type, SpanByte content, SpanByte record)
        {
            if (record.Length < RecordLength(content.Length))
                throw new SslException(SslError.BufferTooSmall, "record buffer holds " + record.Length + " bytes, " + RecordLength(content.Length) + " needed");
            content.CopyTo(record.Slice(PayloadOffset));
            return Seal(type, record, content.Length);
        }

        /// <summary>
        /// Writes the header and protects in place the <paramref name="contentLength"/> bytes the
        /// caller placed at record[PayloadOffset..]. Returns the record length.
        /// </summary>
        public int Seal(ContentType type, SpanByte record, int contentLength)
        {
            if (contentLength < 0 || contentLength > writeLimit)
                throw new SslException(SslError.InvalidArgument, "record content of " + contentLength + " bytes exceeds the limit of " + writeLimit);
            int total = RecordLength(contentLength);
            if (record.Length < total)
                throw new SslException(SslError.BufferTooSmall, "record buffer holds " + record.Length + " bytes, " + total + " needed");

            int fragmentLength = total - RecordLimits.TlsHeaderLength;
            if (writeProtection == null)
            {
                WriteHeader(record, type, WriteVersion, fragmentLength);
                return total;
            }

            if (writeSequence == ulong.MaxValue)
                throw new SslException(SslError.SequenceExhausted, AlertDescription.InternalError, "the write sequence number is exhausted; the connection must be closed");

            if (writeProtection.Family == RecordFamily.Tls13)
            {
                // RFC 8446 5.2: opaque type application_data, legacy version 1.2, inner content type last.
                WriteHeader(record, ContentType.ApplicationData, ProtocolVersion.Tls12, fragmentLength);
                record[RecordLimits.TlsHeaderLength + contentLength] = (byte)type;
                writeProtection.Seal13(record.Slice(0, total), writeSequence, contentLength + 1);
            }
            else
            {
                WriteHeader(record, type, WriteVersion, fragmentLength);
                writeProtection.Seal12(record.Slice(RecordLimits.TlsHeaderLength, fragmentLength), writeSequence, type, WriteVersion, contentLength);
            }
            writeSequence++;
            return total;
        }

        /// <summary>
        /// Reads one record from the front of <paramref name="input"/>. On Complete the plaintext
        /// is at view.PayloadOffset (decrypted in place) and view.RecordLength bytes were used;
        /// on Incomplete nothing was changed.
        /// </summary>
        public RecordStatus ReadRecord(SpanByte input, RecordView view)
        {
            view.Clear();
            if (input.Length < RecordLimits.TlsHeaderLength) return RecordStatus.Incomplete;

            ContentType type = (ContentType)input[0];
            int version = BigEndian.ReadUInt16(input, 1);
            int length = BigEndian.ReadUInt16(input, 3);

            if (!IsKnownType(type))
                throw Fatal(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "record of unknown content type " + (int)type);
            if ((version >> 8) != 3)
                throw Fatal(SslError.ProtocolVersion, AlertDescription.ProtocolVersion, "record version " + ProtocolVersion.Name(version) + " is not TLS");
            CheckLengthBeforeDecryption(type, length);
            if (input.Length < RecordLimits.TlsHeaderLength + length) return RecordStatus.Incomplete;

            view.Version = version;
            view.RecordLength = RecordLimits.TlsHeaderLength + length;
            view.PayloadOffset = RecordLimits.TlsHeaderLength;
            SpanByte record = input.Slice(0, view.RecordLength);

            // TLS 1.3 middlebox compatibility (RFC 8446 D.4): ChangeCipherSpec stays unprotected.
            if (readProtection == null || (readProtection.Family == RecordFamily.Tls13 && type == ContentType.ChangeCipherSpec))
            {
                view.Type = type;
                view.PayloadLength = length;
                view.SequenceNumber = readSequence;
                CheckContentLength(type, length);
                if (readProtection == null) readSequence++;
                return RecordStatus.Complete;
            }

            if (readSequence == ulong.MaxValue)
                throw Fatal(SslError.SequenceExhausted, AlertDescription.InternalError, "the read sequence number is exhausted; the connection must be closed");
            view.SequenceNumber = readSequence;
            view.WasProtected = true;
            if (readProtection.Family == RecordFamily.Tls13)
                OpenTls13(record, type, view);
            else
                OpenTls12(record, type, version, view);
            readSequence++;
            return RecordStatus.Complete;
        }

        private void OpenTls12(SpanByte record, ContentType type, int version, RecordView view)
        {
            if (version != ProtocolVersion.Tls12)
                throw Fatal(SslError.ProtocolVersion, AlertDescription.ProtocolVersion, "protected record carries version " + ProtocolVersion.Name(version) + ", expected TLSv1.2");
            SpanByte fragment = record.Slice(RecordLimits.TlsHeaderLength);
            int contentLength = readProtection.Open12(fragment, readSequence, type, version);
            if (contentLength < 0)
                throw Fatal(SslError.BadRecordMac, AlertDescription.BadRecordMac, "record failed authentication (bad_record_mac)");
            CheckContentLength(type, contentLength);
            view.Type = type;
            view.PayloadOffset = RecordLimits.TlsHeaderLength + readProtection.ExplicitLength;
            view.PayloadLength = contentLength;
        }

        private void OpenTls13(SpanByte record, ContentType outerType, RecordView view)
        {
            if (outerType != ContentType.ApplicationData)
                throw Fatal(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "protected TLS 1.3 record has outer type " + (int)outerType);
            if (!readProtection.Open13(record, readSequence))
                throw Fatal(SslError.BadRecordMac, AlertDescription.BadRecordMac, "record failed authentication (bad_record_mac)");

            // RFC 8446 5.4: the content type is the last non-zero byte; zeros after it are padding.
            int end = record.Length - readProtection.TagLength;
            int i = end - 1;
            while (i >= RecordLimits.TlsHeaderLength && record[i] == 0) i--;
            if (i < RecordLimits.TlsHeaderLength)
                throw Fatal(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "protected record holds only padding, no content type");
            ContentType inner = (ContentType)record[i];
            if (inner != ContentType.Handshake && inner != ContentType.Alert && inner != ContentType.ApplicationData)
                throw Fatal(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "protected record has inner content type " + (int)inner);
            int contentLength = i - RecordLimits.TlsHeaderLength;
            // RFC 8449 4: in TLS 1.3 the limit covers content type and padding too.
            if (end - RecordLimits.TlsHeaderLength > readLimit + 1)
                throw Fatal(SslError.RecordOverflow, AlertDescription.RecordOverflow, "record plaintext of " + contentLength + " bytes exceeds the limit of " + readLimit);
            CheckContentLength(inner, contentLength);
            view.Type = inner;
            view.PayloadLength = contentLength;
        }

        private void CheckLengthBeforeDecryption(ContentType type, int length)
        {
            if (readProtection == null || (readProtection.Family == RecordFamily.Tls13 && type == ContentType.ChangeCipherSpec))
            {
                if (length > readLimit)
                    throw Fatal(SslError.RecordOverflow, AlertDescription.RecordOverflow, "plaintext record of " + length + " bytes exceeds the limit of " + readLimit);
                return;
            }
            bool tls13 = readProtection.Family == RecordFamily.Tls13;
            int absolute = tls13 ? RecordLimits.MaxCiphertext13 : RecordLimits.MaxCiphertext12;
            // RFC 8446 5.4: TLSInnerPlaintext (content, type, padding) never exceeds the limit + 1.
            int negotiated = readLimit + readProtection.Expansion;
            if (length > absolute || length > negotiated)
                throw Fatal(SslError.RecordOverflow, AlertDescription.RecordOverflow, "protected record of " + length + " bytes exceeds the limit");
            if (length < readProtection.Expansion)
                throw Fatal(SslError.DecodeError, AlertDescription.DecodeError, "protected record of " + length + " bytes is shorter than its nonce and tag");
        }

        private void CheckContentLength(ContentType type, int length)
        {
            if (length > readLimit)
                throw Fatal(SslError.RecordOverflow, AlertDescription.RecordOverflow, "record content of " + length + " bytes exceeds the limit of " + readLimit);
            // RFC 8446 5.1 / RFC 5246 6.2.1: only application data may be empty.
            if (length == 0 && type != ContentType.ApplicationData)
                throw Fatal(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage, "empty record of content type " + (int)type);
        }

        private void CheckFamily(RecordProtection protection)
        {
            if (protection != null && protection.Family == RecordFamily.Dtls12)
                throw new SslException(SslError.InvalidArgument, "DTLS record protection used on a TLS record layer");
        }

        internal static bool IsKnownType(ContentType type)
        {
            return type == ContentType.ChangeCipherSpec || type == ContentType.Alert
                || type == ContentType.Handshake || type == ContentType.ApplicationData;
        }

        private static int CheckLimit(int value)
        {
            // 63: a TLS 1.3 record_size_limit of 64 leaves 63 content bytes (RFC 8449 4).
            if (value < RecordLimits.MinPlaintextLimit - 1 || value > RecordLimits.MaxPlaintext)
                throw new SslException(SslError.InvalidArgument, "record limit must be between 63 and 16384, got " + value);
            return value;
        }

        private static void WriteHeader(SpanByte record, ContentType type, int version, int length)
        {
            record[0] = (byte)type;
            BigEndian.WriteUInt16(record, 1, version);
            BigEndian.WriteUInt16(record, 3, length);
        }

        private static SslException Fatal(SslError error, AlertDescription alert, string message)
        {
            return new SslException(error, alert, message);
        }
    }
}
