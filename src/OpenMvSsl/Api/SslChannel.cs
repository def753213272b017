using System;

namespace OpenMvSsl
{
    /// <summary>
    /// The protocol-specific half of an <see cref="SslSocket"/>: DTLS over a connected UDP socket,
    /// DTLS through a <c>DtlsListener</c>, and (later) TLS over TCP. SslSocket adds the
    /// MicroPython call shapes, blocking modes and buffering on top.
    /// All timeouts: -1 waits forever, 0 does not wait, a positive value waits that many ms.
    /// </summary>
    internal abstract class SslChannel
    {
        public abstract bool IsServer { get; }

        public abstract bool IsHandshakeComplete { get; }

        /// <summary>Drives the handshake; true once it is complete, false when the time ran out.</summary>
        public abstract bool Handshake(int timeoutMs);

        /// <summary>
        /// Copies the next piece of application data (DTLS: one record) to the buffer. Returns its
        /// length, 0 when the peer closed cleanly, -1 when nothing came in time. Drives the
        /// handshake first when needed.
        /// </summary>
        public abstract int Receive(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>
        /// Sends (DTLS: as one record in one datagram). Returns how many bytes were taken, or -1
        /// when the handshake did not finish in time.
        /// </summary>
        public abstract int Send(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>A buffer this large never cuts a received piece short.</summary>
        public abstract int ReceiveChunkSize { get; }

        /// <summary>Largest count one Send takes (DTLS: what one record carries under the MTU).</summary>
        public abstract int MaxSendLength { get; }

        /// <summary>Sends close_notify (best effort) and releases the transport. Idempotent.</summary>
        public abstract void Close();

        public abstract bool IsClosed { get; }

        /// <summary>Something worth adding to a timeout message (a swallowed socket error), or null.</summary>
        public virtual string TimeoutHint { get { return null; } }

        public abstract string VersionName { get; }
        public abstract string CipherSuiteName { get; }
        public abstract byte[][] PeerCertificates { get; }
        public abstract byte[] PeerPskIdentity { get; }
        public abstract string PeerName { get; }
        public abstract long NextTimerMs { get; }
        public abstract long DroppedRecords { get; }
        public abstract int Retransmissions { get; }
        public abstract long AuthenticationFailures { get; }
        public abstract long DatagramsSent { get; }
        public abstract long DatagramsReceived { get; }

        /// <summary>The ALPN protocol agreed on, or null (none, or not TLS).</summary>
        public virtual string AlpnProtocol { get { return null; } }

        /// <summary>TLS 1.3 KeyUpdate (RFC 8446 4.6.3); other channels refuse it.</summary>
        public virtual void UpdateKeys(bool requestPeerUpdate)
        {
            throw new SslException(SslError.InvalidState, "KeyUpdate exists only on TLS 1.3 connections");
        }
    }
}
