using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;

namespace OpenMvSsl.Handshake
{
    /// <summary>
    /// What a TLS 1.2 handshake state machine needs from the engine that carries it: TLS over
    /// a stream and DTLS over datagrams frame, buffer and retransmit differently, the handshake
    /// logic is the same.
    /// </summary>
    internal interface IHandshakeChannel
    {
        bool IsDatagram { get; }

        /// <summary>Record family of the protection to build (Tls12 or Dtls12).</summary>
        RecordFamily Family { get; }

        Transcript Transcript { get; }

        /// <summary>Wall clock (UTC) for certificate validity, supplied by the driver.</summary>
        DateTime WallClockUtc { get; }

        /// <summary>Frames the message, adds it to the transcript and to the flight being built.</summary>
        void Send(HandshakeMessage message);

        void SendChangeCipherSpec();

        void ActivateWriteProtection(RecordProtection protection);

        void ActivateReadProtection(RecordProtection protection);

        /// <summary>The flight is complete: send it. A flight that expects no reply is the handshake's last.</summary>
        void FlightReady(bool expectsReply);

        /// <summary>
        /// record_size_limit / max_fragment_length were agreed: write at most
        /// <paramref name="writeLimit"/> content bytes per record from now on, and expect at most
        /// <paramref name="readLimit"/> once the handshake is complete.
        /// </summary>
        void LimitRecords(int readLimit, int writeLimit);

        /// <summary>Both Finished messages are through: application data may flow.</summary>
        void HandshakeComplete();
    }
}
