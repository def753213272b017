using System;

namespace OpenMvSsl
{
    /// <summary>
    /// The device-side half of MicroPython's asyncio StreamReader: reads from a non-blocking
    /// <see cref="SslSocket"/> without ever waiting, for a main loop that does other work
    /// between calls (nanoFramework has no async/await). Every Try method returns null when
    /// nothing (or no whole line) is there yet; call it again on a later pass of the loop.
    /// End of stream (the peer's close_notify) is an empty array and <see cref="AtEnd"/>.
    /// </summary>
    public sealed class PollingReader
    {
        private const int ChunkSize = 512;

        private readonly SslSocket socket;
        // Bytes received but not handed out yet (a line that is not complete).
        private byte[] held = new byte[ChunkSize];
        private int heldCount;
        private bool atEnd;

        /// <summary>Switches <paramref name="socket"/> to non-blocking (SetBlocking(false)).</summary>
        public PollingReader(SslSocket socket)
        {
            if (socket == null) throw new SslException(SslError.InvalidArgument, "socket is null");
            this.socket = socket;
            socket.SetBlocking(false);
        }

        public SslSocket Socket { get { return socket; } }

        /// <summary>True once the peer closed and everything it sent was handed out.</summary>
        public bool AtEnd { get { return atEnd && heldCount == 0; } }

        /// <summary>
        /// asyncio's <c>await reader.read(n)</c> without the await: up to
        /// <paramref name="maxBytes"/> bytes that are there now, null when none are, empty at end.
        /// Also moves an unfinished handshake on.
        /// </summary>
        public byte[] TryRead(int maxBytes)
        {
            if (maxBytes <= 0) throw new SslException(SslError.InvalidArgument, "TryRead needs a positive size, got " + maxBytes);
            if (heldCount > 0) return TakeHeld(heldCount < maxBytes ? heldCount : maxBytes);
            if (atEnd) return new byte[0];
            byte[] data = socket.Recv(maxBytes);
            if (data != null && data.Length == 0) atEnd = true;
            return data;
        }

        /// <summary>
        /// asyncio's <c>await reader.readline()</c> without the await: a whole line including
        /// its '\n', null while the line is incomplete, the rest without '\n' when the peer
        /// closed after it, and empty at end. A line longer than <paramref name="limit"/> bytes
        /// comes out in pieces of that size.
        /// </summary>
        public byte[] TryReadLine(int limit)
        {
            if (limit <= 0) throw new SslException(SslError.InvalidArgument, "TryReadLine needs a positive limit, got " + limit);
            while (true)
            {
                int end = LineEnd(limit);
                if (end > 0) return TakeHeld(end);
                if (atEnd) return heldCount > 0 ? TakeHeld(heldCount) : new byte[0];
                byte[] data = socket.Recv(ChunkSize);
                if (data == null) return null;
                if (data.Length == 0)
                {
                    atEnd = true;
                    continue;
                }
                Hold(data);
            }
        }

        public byte[] TryReadLine()
        {
            return TryReadLine(4096);
        }

        // Length of the first line in held (through '\n'), the limit when that many bytes have
        // no newline, or 0 when the line is not complete yet.
        private int LineEnd(int limit)
        {
            int scan = heldCount < limit ? heldCount : limit;
            for (int i = 0; i < scan; i++)
                if (held[i] == (byte)'\n') return i + 1;
            return heldCount >= limit ? limit : 0;
        }

        private void Hold(byte[] data)
        {
            if (heldCount + data.Length > held.Length)
            {
                int size = held.Length * 2;
                if (size < heldCount + data.Length) size = heldCount + data.Length;
                byte[] bigger = new byte[size];
                Array.Copy(held, bigger, heldCount);
                held = bigger;
            }
            Array.Copy(data, 0, held, heldCount, data.Length);
            heldCount += data.Length;
        }

        private byte[] TakeHeld(int count)
        {
            byte[] result = new byte[count];
            Array.Copy(held, result, count);
            Array.Copy(held, count, held, 0, heldCount - count);
            heldCount -= count;
            return result;
        }
    }
}
