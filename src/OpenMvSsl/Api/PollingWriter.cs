using System;
using System.Collections;

namespace OpenMvSsl
{
    /// <summary>
    /// The device-side half of MicroPython's asyncio StreamWriter over a non-blocking
    /// <see cref="SslSocket"/>: <see cref="Write(byte[])"/> only queues (like writer.write), and
    /// <see cref="Poll"/>, called from the main loop, pushes the queue out and returns true once
    /// it is empty (what <c>await writer.drain()</c> waits for). Nothing here waits for the peer:
    /// while the handshake is unfinished Poll just moves it on and returns false. (Handing a
    /// record to the TCP socket can still take as long as the socket's own send buffer needs
    /// to accept it; with small writes on a healthy link that is immediate.)
    /// </summary>
    public sealed class PollingWriter
    {
        private readonly SslSocket socket;
        private readonly ArrayList queue = new ArrayList();
        private int queuedBytes;
        private bool closeRequested;

        /// <summary>Switches <paramref name="socket"/> to non-blocking (SetBlocking(false)).</summary>
        public PollingWriter(SslSocket socket)
        {
            if (socket == null) throw new SslException(SslError.InvalidArgument, "socket is null");
            this.socket = socket;
            socket.SetBlocking(false);
        }

        public SslSocket Socket { get { return socket; } }

        /// <summary>Bytes queued and not yet handed to the connection.</summary>
        public int QueuedBytes { get { return queuedBytes; } }

        /// <summary>True when the queue is empty.</summary>
        public bool IsDrained { get { return queuedBytes == 0; } }

        /// <summary>True once <see cref="Close"/> ran to its end (queue sent, close_notify sent).</summary>
        public bool IsClosed { get { return socket.IsClosed; } }

        /// <summary>asyncio's writer.write: queues a copy of <paramref name="data"/>; never sends.</summary>
        public void Write(byte[] data)
        {
            if (data == null) throw new SslException(SslError.InvalidArgument, "data is null");
            Write(data, 0, data.Length);
        }

        public void Write(byte[] data, int offset, int count)
        {
            if (data == null) throw new SslException(SslError.InvalidArgument, "data is null");
            if (offset < 0 || count < 0 || offset > data.Length || count > data.Length - offset)
                throw new SslException(SslError.InvalidArgument, "offset " + offset + " and count " + count + " do not fit a buffer of " + data.Length + " bytes");
            if (closeRequested) throw new SslException(SslError.Closed, "Write after Close");
            if (count == 0) return;
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            queue.Add(copy);
            queuedBytes += count;
        }

        /// <summary>
        /// Pushes queued bytes out; true when the queue is empty (drained), false when the
        /// handshake is not finished yet. After <see cref="Close"/>, the last Poll that drains
        /// also sends close_notify and closes the socket.
        /// </summary>
        public bool Poll()
        {
            if (socket.IsClosed) return queuedBytes == 0;
            while (queue.Count > 0)
            {
                byte[] next = (byte[])queue[0];
                int sent = socket.Send(next);
                if (sent < 0) return false;
                queue.RemoveAt(0);
                queuedBytes -= next.Length;
            }
            if (closeRequested) socket.Close();
            return true;
        }

        /// <summary>
        /// asyncio's writer.close: no more writes; the socket closes (close_notify) once the
        /// queue is out. Call <see cref="Poll"/> until it returns true (wait_closed).
        /// </summary>
        public void Close()
        {
            closeRequested = true;
            Poll();
        }
    }
}
