using System;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// Bytes waiting to go out on a stream, in one buffer that grows only when a handshake
    /// flight needs it; once the connection is established and the caller drains it, writing
    /// application data allocates nothing.
    /// </summary>
    internal sealed class ByteQueue
    {
        private byte[] buffer;
        private int start;
        private int length;

        internal ByteQueue(int capacity)
        {
            buffer = new byte[capacity];
        }

        internal int Length { get { return length; } }

        /// <summary>Makes room for <paramref name="count"/> more bytes and returns where they go.</summary>
        internal SpanByte Reserve(int count)
        {
            if (start + length + count > buffer.Length)
            {
                if (length + count <= buffer.Length)
                {
                    Array.Copy(buffer, start, buffer, 0, length);
                }
                else
                {
                    int capacity = buffer.Length * 2;
                    while (capacity < length + count) capacity *= 2;
                    var bigger = new byte[capacity];
                    Array.Copy(buffer, start, bigger, 0, length);
                    buffer = bigger;
                }
                start = 0;
            }
            return new SpanByte(buffer, start + length, count);
        }

        /// <summary>Swaps an empty queue's buffer for a smaller one (after the handshake flights).</summary>
        internal void ShrinkTo(int capacity)
        {
            if (length != 0 || capacity >= buffer.Length) return;
            buffer = new byte[capacity];
            start = 0;
        }

        internal int Capacity { get { return buffer.Length; } }

        /// <summary>Keeps <paramref name="count"/> of the bytes just reserved.</summary>
        internal void Commit(int count)
        {
            length += count;
        }

        /// <summary>Copies up to output.Length bytes out; returns how many.</summary>
        internal int Take(SpanByte output)
        {
            int n = length < output.Length ? length : output.Length;
            new SpanByte(buffer, start, n).CopyTo(output);
            start += n;
            length -= n;
            if (length == 0) start = 0;
            return n;
        }
    }
}
