using System;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// Received application records waiting to be read, kept in one ring buffer allocated with
    /// the connection so that receiving allocates nothing. Each entry is a two-byte length and
    /// the data; an entry may wrap around the end.
    /// </summary>
    internal sealed class DatagramQueue
    {
        private readonly byte[] ring;
        private int head; // next byte to read
        private int used;

        internal DatagramQueue(int capacity)
        {
            ring = new byte[capacity];
        }

        internal int Capacity { get { return ring.Length; } }

        internal bool IsEmpty { get { return used == 0; } }

        /// <summary>Queues one record's data; false (nothing stored) when it does not fit.</summary>
        internal bool TryEnqueue(SpanByte data)
        {
            if (data.Length > 0xFFFF || used + 2 + data.Length > ring.Length) return false;
            int tail = (head + used) % ring.Length;
            tail = Put((byte)(data.Length >> 8), tail);
            tail = Put((byte)data.Length, tail);
            // At most two pieces: up to the end of the ring, then from its start.
            int first = ring.Length - tail < data.Length ? ring.Length - tail : data.Length;
            data.Slice(0, first).CopyTo(new SpanByte(ring, tail, first));
            data.Slice(first).CopyTo(new SpanByte(ring, 0, data.Length - first));
            used += 2 + data.Length;
            return true;
        }

        /// <summary>Copies the oldest entry into output (what does not fit is discarded); -1 when empty.</summary>
        internal int Dequeue(SpanByte output)
        {
            if (used == 0) return -1;
            int length = (ring[head] << 8) | ring[(head + 1) % ring.Length];
            int at = (head + 2) % ring.Length;
            int copied = length < output.Length ? length : output.Length;
            int first = ring.Length - at < copied ? ring.Length - at : copied;
            new SpanByte(ring, at, first).CopyTo(output);
            new SpanByte(ring, 0, copied - first).CopyTo(output.Slice(first));
            head = (at + length) % ring.Length;
            used -= 2 + length;
            return copied;
        }

        private int Put(byte value, int at)
        {
            ring[at] = value;
            return at + 1 == ring.Length ? 0 : at + 1;
        }
    }
}
