using System;

namespace OpenMvSsl.Bench
{
    /// <summary>
    /// An established client-server pair of one stack. Transfer moves one application record from
    /// client to server: sealed by the client, carried in memory, opened and read by the server.
    /// </summary>
    internal interface IRecordChannel : IDisposable
    {
        /// <summary>Largest payload one record can carry on this channel.</summary>
        int MaxRecord { get; }

        /// <summary>True when the transfer uses threads (allocation is then counted process-wide).</summary>
        bool UsesThreads { get; }

        /// <summary>Sends the first <paramref name="length"/> bytes of payload as one record and receives them.</summary>
        void Transfer(byte[] payload, int length);
    }
}
