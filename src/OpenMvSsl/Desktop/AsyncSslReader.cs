using System;
using System.Threading;
using System.Threading.Tasks;

namespace OpenMvSsl
{
    /// <summary>MicroPython's asyncio StreamReader over TLS (see <see cref="AsyncSsl"/>).</summary>
    public sealed class AsyncSslReader
    {
        private readonly AsyncSslConnection connection;
        private int reading;

        internal AsyncSslReader(AsyncSslConnection connection)
        {
            this.connection = connection;
        }

        /// <summary>True once the peer closed (close_notify) and everything was read.</summary>
        public bool AtEof { get { lock (connection.Gate) return connection.PollingReader.AtEnd; } }

        /// <summary>
        /// <c>await reader.read(n)</c>: up to <paramref name="n"/> bytes as soon as some are there
        /// (at least one); an empty array at end of stream. <paramref name="n"/> = -1 reads until
        /// the peer closes.
        /// </summary>
        public async Task<byte[]> ReadAsync(int n, CancellationToken ct = default)
        {
            if (n == 0 || n < -1) throw new SslException(SslError.InvalidArgument, "ReadAsync needs a positive size or -1, got " + n);
            if (n > 0) return await Next(() => connection.PollingReader.TryRead(n), ct).ConfigureAwait(false);
            var all = new System.IO.MemoryStream();
            while (true)
            {
                byte[] piece = await Next(() => connection.PollingReader.TryRead(16384), ct).ConfigureAwait(false);
                if (piece.Length == 0) return all.ToArray();
                all.Write(piece, 0, piece.Length);
            }
        }

        /// <summary>
        /// <c>await reader.readline()</c>: one line including its '\n'; at end of stream the rest
        /// without '\n', then an empty array.
        /// </summary>
        public Task<byte[]> ReadLineAsync(CancellationToken ct = default)
        {
            return Next(() => connection.PollingReader.TryReadLine(65536), ct);
        }

        // Tries without blocking; when nothing is there, awaits readable bytes and tries again.
        private async Task<byte[]> Next(Func<byte[]> attempt, CancellationToken ct)
        {
            if (Interlocked.Exchange(ref reading, 1) != 0)
                throw new SslException(SslError.InvalidState, "another read is still running on this reader");
            try
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    byte[] data;
                    lock (connection.Gate) data = attempt();
                    if (data != null) return data;
                    await connection.WaitReadableAsync(ct).ConfigureAwait(false);
                }
            }
            finally
            {
                Volatile.Write(ref reading, 0);
            }
        }
    }
}
