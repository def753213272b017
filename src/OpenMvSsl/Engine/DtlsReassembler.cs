using System;
using OpenMvSsl.Handshake.Messages;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// Puts DTLS handshake fragments back together (RFC 6347 4.2.3) and hands out whole
    /// messages strictly in message_seq order. Messages ahead of the next expected one are kept,
    /// up to a few messages and a byte budget; older ones are reported so that the engine can
    /// tell that the peer is retransmitting.
    /// </summary>
    internal sealed class DtlsReassembler
    {
        private const int Window = 6;

        private readonly PendingMessage[] slots = new PendingMessage[Window];
        private readonly int maxBytes;
        private int nextSeq;
        private int bufferedBytes;

        internal DtlsReassembler(int maxBytes)
        {
            this.maxBytes = maxBytes;
        }

        internal int NextSequence { get { return nextSeq; } }

        /// <summary>Starts expecting <paramref name="sequence"/> next (e.g. after a HelloVerifyRequest).</summary>
        internal void ExpectSequence(int sequence)
        {
            Clear();
            nextSeq = sequence;
        }

        /// <summary>
        /// Adds one fragment whose bytes are buffer[offset .. offset + header.FragmentLength).
        /// Returns Old for a message already handed out, Dropped for one too far ahead or
        /// inconsistent with earlier fragments, Accepted otherwise.
        /// </summary>
        internal FragmentResult Add(HandshakeHeader header, byte[] buffer, int offset)
        {
            if (header.MessageSeq < nextSeq) return FragmentResult.Old;
            if (header.MessageSeq >= nextSeq + Window) return FragmentResult.Dropped;
            if (header.Length > maxBytes)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "peer's handshake message of " + header.Length + " bytes exceeds the limit of " + maxBytes + " (EngineSettings.MaxHandshakeBufferBytes)");

            PendingMessage message = Find(header.MessageSeq);
            if (message != null && (message.Type != header.Type || message.Body.Length != header.Length
                || message.Disagrees(buffer, offset, header.FragmentOffset, header.FragmentLength)))
            {
                // Fragments that disagree (type, length, or the bytes where they overlap): before
                // the handshake is protected either may be forged, so start over with the newest
                // and let retransmission settle it, rather than pinning the first one forever.
                Remove(message);
                bufferedBytes -= message.Body.Length;
                message = null;
            }
            if (message == null)
            {
                // Messages nearer the one needed next win: evict those furthest ahead to make room.
                while (bufferedBytes + header.Length > maxBytes)
                {
                    PendingMessage furthest = FurthestAheadOf(header.MessageSeq);
                    if (furthest == null) return FragmentResult.Dropped;
                    Remove(furthest);
                    bufferedBytes -= furthest.Body.Length;
                }
                message = new PendingMessage(header.MessageSeq, header.Type, header.Length);
                bufferedBytes += header.Length;
                Store(message);
            }
            message.Fill(buffer, offset, header.FragmentOffset, header.FragmentLength);
            return FragmentResult.Accepted;
        }

        /// <summary>Takes the next message if it is complete.</summary>
        internal bool TryTakeNext(out HandshakeType type, out byte[] body)
        {
            PendingMessage message = Find(nextSeq);
            if (message == null || !message.IsComplete)
            {
                type = 0;
                body = null;
                return false;
            }
            Remove(message);
            bufferedBytes -= message.Body.Length;
            nextSeq++;
            type = message.Type;
            body = message.Body;
            return true;
        }

        internal void Clear()
        {
            for (int i = 0; i < slots.Length; i++) slots[i] = null;
            bufferedBytes = 0;
        }

        private PendingMessage Find(int sequence)
        {
            for (int i = 0; i < slots.Length; i++)
                if (slots[i] != null && slots[i].Sequence == sequence) return slots[i];
            return null;
        }

        private PendingMessage FurthestAheadOf(int sequence)
        {
            PendingMessage furthest = null;
            for (int i = 0; i < slots.Length; i++)
                if (slots[i] != null && slots[i].Sequence > sequence && (furthest == null || slots[i].Sequence > furthest.Sequence))
                    furthest = slots[i];
            return furthest;
        }

        private void Store(PendingMessage message)
        {
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i] == null)
                {
                    slots[i] = message;
                    return;
                }
            }
        }

        private void Remove(PendingMessage message)
        {
            for (int i = 0; i < slots.Length; i++)
                if (slots[i] == message) slots[i] = null;
        }

        private sealed class PendingMessage
        {
            internal readonly int Sequence;
            internal readonly HandshakeType Type;
            internal readonly byte[] Body;
            private readonly byte[] have; // one bit per body byte
            private int missing;

            internal PendingMessage(int sequence, HandshakeType type, int length)
            {
                Sequence = sequence;
                Type = type;
                Body = new byte[length];
                have = new byte[(length + 7) / 8];
                missing = length;
            }

            internal bool IsComplete { get { return missing == 0; } }

            /// <summary>True when a byte of this fragment differs from one already received at the same place.</summary>
            internal bool Disagrees(byte[] buffer, int offset, int fragmentOffset, int fragmentLength)
            {
                for (int i = 0; i < fragmentLength; i++)
                {
                    int at = fragmentOffset + i;
                    if ((have[at >> 3] & (1 << (at & 7))) != 0 && Body[at] != buffer[offset + i]) return true;
                }
                return false;
            }

            internal void Fill(byte[] buffer, int offset, int fragmentOffset, int fragmentLength)
            {
                for (int i = 0; i < fragmentLength; i++)
                {
                    int at = fragmentOffset + i;
                    int bit = 1 << (at & 7);
                    if ((have[at >> 3] & bit) != 0) continue;
                    have[at >> 3] = (byte)(have[at >> 3] | bit);
                    Body[at] = buffer[offset + i];
                    missing--;
                }
            }
        }
    }

    internal enum FragmentResult
    {
        Accepted = 0,
        Old = 1,
        Dropped = 2,
    }
}
