using System;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    /// <summary>
    /// What the socket drivers use of a DTLS engine (the public surface of DtlsEngine), so that
    /// the driver loops can be tested with a scripted engine.
    /// </summary>
    internal interface IDatagramEngine
    {
        DateTime WallClockUtc { get; set; }
        EngineState State { get; }
        bool IsHandshakeComplete { get; }
        SslException Failure { get; }
        void Start(long nowMs);
        void ProcessDatagram(SpanByte datagram, long nowMs);
        void HandleTimer(long nowMs);
        long NextTimerMs { get; }
        int Retransmissions { get; }
        bool HasOutgoingDatagram { get; }
        int TakeOutgoingDatagram(SpanByte output);
        int MaxApplicationDataLength { get; }
        void SendApplicationData(SpanByte data);
        bool HasApplicationData { get; }
        int ReadApplicationData(SpanByte output);
        void Close();
        bool PeerClosed { get; }
        string VersionName { get; }
        string CipherSuiteName { get; }
        byte[][] PeerCertificates { get; }
        byte[] PeerPskIdentity { get; }
        long DroppedRecords { get; }
        long AuthenticationFailures { get; }
    }
}
