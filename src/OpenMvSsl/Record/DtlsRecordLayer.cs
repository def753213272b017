using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Record
{
    /// <summary>
    /// DTLS 1.2 records (RFC 6347 4.1) inside datagrams: epochs, explicit 48-bit sequence
    /// numbers, the anti-replay window, and silent discarding of anything invalid (4.1.2.7).
    /// Sans-I/O: the caller walks a received datagram record by record with
    /// <see cref="ReadRecord"/> and builds outgoing records with <see cref="Seal"/>.
    /// </summary>
    public sealed class DtlsRecordLayer
    {
        private readonly DtlsReplayWindow replayWindow = new DtlsReplayWindow();
        private RecordProtection readProtection;
        private int readEpoch;
        private int readLimit = RecordLimits.MaxPlaintext;
        private int writeLimit = RecordLimits.MaxPlaintext;

        // The current write epoch and the one before it: a flight that spans the epoch change
        // (ChangeCipherSpec in epoch n, Finished in n+1) must be retransmittable as it was.
        private readonly WriteEpochState currentWrite = new WriteEpochState();
        private readonly WriteEpochState previousWrite = new WriteEpochState();

        public DtlsRecordLayer()
        {
            previousWrite.Epoch = -1;
        }

        public int ReadEpoch { get { return readEpoch; } }

        public int WriteEpoch { get { return currentWrite.Epoch; } }

        /// <summary>Records that failed authentication and were dropped (RFC 6347 4.1.2.7 says count them).</summary>
        public long AuthenticationFailures { get; private set; }

        /// <summary>Every record dropped for any reason, authentication failures included.</summary>
        public long DroppedRecords { get; private set; }

        public int ReadPlaintextLimit
        {
            get { return readLimit; }
            set { readLimit = CheckLimit(value); }
        }

        public int WritePlaintextLimit
        {
            get { return writeLimit; }
            set { writeLimit = CheckLimit(value); }
        }

        /// <summary>Moves reading to the next epoch with these keys; the replay window starts afresh.</summary>
        public void SetReadProtection(RecordProtection protection)
        {
            CheckFamily(protection);
            if (readProtection != null) readProtection.Dispose();
            readProtection = protection;
            readEpoch++;
            replayWindow.Reset();
        }

        /// <summary>Moves writing to the next epoch with these keys; the previous epoch stays usable for retransmission.</summary>
        public void SetWriteProtection(RecordProtection protection)
        {
            CheckFamily(protection);
            if (previousWrite.Protection != null) previousWrite.Protection.Dispose();
            previousWrite.CopyFrom(currentWrite);
            currentWrite.Epoch = previousWrite.Epoch + 1;
            currentWrite.Protection = protection;
            currentWrite.Sequence = 0;
        }

        /// <summary>
        /// Moves the next write sequence number of the current epoch: a server that answered
        /// statelessly with HelloVerifyRequest continues from the client's numbering.
        /// </summary>
        internal void SetWriteSequence(ulong sequence)
        {
            currentWrite.Sequence = sequence;
        }

        public ulong NextWriteSequence { get { return currentWrite.Sequence; } }

        /// <summary>Where content goes in a record buffer for <paramref name="epoch"/> before <see cref="Seal"/>.</summary>
        public int PayloadOffset(int epoch)
        {
            RecordProtection p = WriteState(epoch).Protection;
            return RecordLimits.DtlsHeaderLength + (p == null ? 0 : p.ExplicitLength);
        }

        /// <summary>Bytes a record of <paramref name="contentLength"/> content bytes takes in <paramref name="epoch"/>.</summary>
        public int RecordLength(int epoch, int contentLength)
        {
            RecordProtection p = WriteState(epoch).Protection;
            return RecordLimits.DtlsHeaderLength + contentLength + (p == null ? 0 : p.Expansion);
        }

        /// <summary>Copies content to PayloadOffset(epoch) and seals it there. Returns the record length.</summary>
        public int WriteRecord(ContentType type, int epoch, SpanByte content, SpanByte record)
        {
            int needed = RecordLength(epoch, content.Length);
            if (record.Length < needed)
                throw new SslException(SslError.BufferTooSmall, "record buffer holds " + record.Length + " bytes, " + needed + " needed");
            content.CopyTo(record.Slice(PayloadOffset(epoch)));
            return Seal(type, epoch, record, content.Length);
        }

        /// <summary>
        /// Writes the header and protects, in place, the content the caller placed at
        /// record[PayloadOffset(epoch)..]. <paramref name="epoch"/> is the current write epoch or
        /// the one before it. Returns the record length.
        /// </summary>
        public int Seal(ContentType type, int epoch, SpanByte record, int contentLength)
        {
            WriteEpochState state = WriteState(epoch);
            if (contentLength < 0 || contentLength > writeLimit)
                throw new SslException(SslError.InvalidArgument, "record content of " + contentLength + " bytes exceeds the limit of " + writeLimit);
            int total = RecordLength(epoch, contentLength);
            if (record.Length < total)
                throw new SslException(SslError.BufferTooSmall, "record buffer holds " + record.Length + " bytes, " + total + " needed");
            if (state.Sequence > RecordLimits.MaxDtlsSequence)
                throw new SslException(SslError.SequenceExhausted, AlertDescription.InternalError, "the DTLS write sequence number of epoch " + epoch + " is exhausted; the connection must be closed");

            int fragmentLength = total - RecordLimits.DtlsHeaderLength;
            record[0] = (byte)type;
            BigEndian.WriteUInt16(record, 1, ProtocolVersion.Dtls12);
            BigEndian.WriteUInt16(record, 3, epoch);
            BigEndian.WriteUInt48(record, 5, (long)state.Sequence);
            BigEndian.WriteUInt16(record, 11, fragmentLength);
            if (state.Protection != null)
            {
                ulong nonceSequence = ((ulong)epoch << 48) | state.Sequence;
                state.Protection.Seal12(record.Slice(RecordLimits.DtlsHeaderLength, fragmentLength), nonceSequence, type, ProtocolVersion.Dtls12, contentLength);
            }
            state.Sequence++;
            return total;
        }

        /// <summary>
        /// Reads the record at the front of <paramref name="datagram"/> (the unread rest of a
        /// datagram). Complete: the plaintext is at view.PayloadOffset. Dropped: discard
        /// view.RecordLength bytes and go on with the rest. FutureEpoch: the record (RecordLength
        /// bytes) belongs to the next epoch. Invalid input never throws.
        /// </summary>
        public RecordStatus ReadRecord(SpanByte datagram, RecordView view)
        {
            view.Clear();
            if (datagram.Length < RecordLimits.DtlsHeaderLength)
                return DropRest(datagram, view, SslError.DecodeError);

            ContentType type = (ContentType)datagram[0];
            int version = BigEndian.ReadUInt16(datagram, 1);
            int epoch = BigEndian.ReadUInt16(datagram, 3);
            ulong sequence = (ulong)BigEndian.ReadUInt48(datagram, 5);
            int length = BigEndian.ReadUInt16(datagram, 11);

            if (!TlsRecordLayer.IsKnownType(type)) return DropRest(datagram, view, SslError.UnexpectedMessage);
            // DTLS 1.0's version is accepted on unprotected records only: clients commonly send
            // their first ClientHello with it (RFC 6347 4.1).
            if (version != ProtocolVersion.Dtls12 && !(version == ProtocolVersion.Dtls10 && epoch == 0))
                return DropRest(datagram, view, SslError.ProtocolVersion);
            if (RecordLimits.DtlsHeaderLength + length > datagram.Length) return DropRest(datagram, view, SslError.DecodeError);

            view.Type = type;
            view.Version = version;
            view.Epoch = epoch;
            view.SequenceNumber = sequence;
            view.RecordLength = RecordLimits.DtlsHeaderLength + length;
            view.PayloadOffset = RecordLimits.DtlsHeaderLength;
            view.PayloadLength = length;

            if (length > RecordLimits.MaxCiphertext12) return Drop(view, SslError.RecordOverflow);
            if (epoch == readEpoch + 1) return RecordStatus.FutureEpoch;

            bool current = epoch == readEpoch;
            // Epoch 0 stays readable after the switch: a peer that lost our last flight
            // retransmits its own, which starts in epoch 0. The engine decides what it may do.
            bool staleHandshake = epoch == 0 && readEpoch > 0;
            if (!current && !staleHandshake) return Drop(view, SslError.UnknownEpoch);
            if (!current || readProtection == null)
            {
                // RFC 6347 4.1.2.6: only authenticated records may move the replay window. An
                // unprotected record's sequence number is the sender's word (or a spoofer's);
                // duplicates of handshake messages are recognised by message_seq instead.
                if (length > readLimit) return Drop(view, SslError.RecordOverflow);
                if (length == 0 && type != ContentType.ApplicationData) return Drop(view, SslError.UnexpectedMessage);
                return RecordStatus.Complete;
            }
            if (!replayWindow.IsFresh(sequence)) return Drop(view, SslError.ReplayedRecord);

            if (length < readProtection.Expansion) return Drop(view, SslError.DecodeError);
            if (length > readLimit + readProtection.Expansion) return Drop(view, SslError.RecordOverflow);
            ulong nonceSequence = ((ulong)epoch << 48) | sequence;
            SpanByte fragment = datagram.Slice(RecordLimits.DtlsHeaderLength, length);
            int contentLength = readProtection.Open12(fragment, nonceSequence, type, version);
            if (contentLength < 0)
            {
                AuthenticationFailures++;
                return Drop(view, SslError.BadRecordMac);
            }
            if (contentLength == 0 && type != ContentType.ApplicationData) return Drop(view, SslError.UnexpectedMessage);
            replayWindow.Mark(sequence);
            view.PayloadOffset = RecordLimits.DtlsHeaderLength + readProtection.ExplicitLength;
            view.PayloadLength = contentLength;
            view.WasProtected = true;
            return RecordStatus.Complete;
        }

        private RecordStatus Drop(RecordView view, SslError reason)
        {
            DroppedRecords++;
            view.DropReason = reason;
            view.PayloadLength = 0;
            return RecordStatus.Dropped;
        }

        // A header that cannot be trusted says nothing about where the next record starts.
        private RecordStatus DropRest(SpanByte datagram, RecordView view, SslError reason)
        {
            view.RecordLength = datagram.Length;
            return Drop(view, reason);
        }

        private WriteEpochState WriteState(int epoch)
        {
            if (epoch == currentWrite.Epoch) return currentWrite;
            if (epoch == previousWrite.Epoch) return previousWrite;
            throw new SslException(SslError.InvalidState, "cannot write in epoch " + epoch + "; the write epoch is " + currentWrite.Epoch);
        }

        private static void CheckFamily(RecordProtection protection)
        {
            if (protection == null || protection.Family != RecordFamily.Dtls12)
                throw new SslException(SslError.InvalidArgument, "a DTLS epoch needs DTLS 1.2 record protection");
        }

        private static int CheckLimit(int value)
        {
            if (value < RecordLimits.MinPlaintextLimit || value > RecordLimits.MaxPlaintext)
                throw new SslException(SslError.InvalidArgument, "record limit must be between 64 and 16384, got " + value);
            return value;
        }

        private sealed class WriteEpochState
        {
            internal int Epoch;
            internal ulong Sequence;
            internal RecordProtection Protection;

            internal void CopyFrom(WriteEpochState other)
            {
                Epoch = other.Epoch;
                Sequence = other.Sequence;
                Protection = other.Protection;
            }
        }
    }
}
