using System;

namespace OpenMvSsl
{
    /// <summary>
    /// One connected datagram path (a UDP socket with a fixed peer). Net/UdpSocketTransport is
    /// the socket one; tests use an in-memory one.
    /// </summary>
    internal interface IDatagramTransport
    {
        /// <summary>Sends one datagram. Failures: SslException(SocketError).</summary>
        void Send(byte[] buffer, int offset, int count);

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> (0: do not wait, -1: forever) for a datagram
        /// and copies it to <paramref name="buffer"/>. Returns its length, or -1 when none came.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>
        /// The last transient error that was swallowed (a UDP "connection refused" from ICMP),
        /// or null; used to explain a handshake timeout.
        /// </summary>
        string LastTransientError { get; }

        /// <summary>How many transient errors were swallowed so far.</summary>
        int TransientErrorCount { get; }

        /// <summary>A printable peer address ("192.168.1.2:4433"), or null.</summary>
        string PeerName { get; }

        void Close();
    }
}
