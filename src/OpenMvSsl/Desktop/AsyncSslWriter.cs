using System;
using System.Threading;
using System.Threading.Tasks;

namespace OpenMvSsl
{
    /// <summary>MicroPython's asyncio StreamWriter over TLS (see <see cref="AsyncSsl"/>).</summary>
    public sealed class AsyncSslWriter
    {
        private readonly AsyncSslConnection connection;
        private Task closing;

        internal AsyncSslWriter(AsyncSslConnection connection)
        {
            this.connection = connection;
        }

        /// <summary><c>writer.write(data)</c>: queues a copy; <see cref="DrainAsync"/> sends it.</summary>
        public void Write(byte[] data)
        {
            lock (connection.Gate) connection.PollingWriter.Write(data);
        }

        /// <summary>Bytes written and not yet sent.</summary>
        public int QueuedBytes { get { lock (connection.Gate) return connection.PollingWriter.QueuedBytes; } }

        /// <summary><c>await writer.drain()</c>: completes when every queued byte went to the socket.</summary>
        public Task DrainAsync(CancellationToken ct = default)
        {
            return Task.Run(() =>
            {
                lock (connection.Gate) connection.PollingWriter.Poll();
            }, ct);
        }

        /// <summary>
        /// <c>writer.close()</c>: sends what is queued, then close_notify, and closes the socket,
        /// in the background; <see cref="WaitClosedAsync"/> waits for it. Calling it again does nothing.
        /// </summary>
        public void Close()
        {
            lock (connection.Gate)
            {
                if (closing != null) return;
                closing = Task.Run(() =>
                {
                    lock (connection.Gate)
                    {
                        try
                        {
                            connection.PollingWriter.Close();
                        }
                        finally
                        {
                            connection.Socket.Close();
                        }
                    }
                });
            }
        }

        /// <summary><c>await writer.wait_closed()</c>: the close started by <see cref="Close"/> is done.</summary>
        public Task WaitClosedAsync()
        {
            lock (connection.Gate)
            {
                if (closing == null) throw new SslException(SslError.InvalidState, "WaitClosedAsync before Close");
                return closing;
            }
        }
    }
}
