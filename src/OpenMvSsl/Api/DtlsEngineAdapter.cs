using System;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    /// <summary>The real DtlsEngine behind <see cref="IDatagramEngine"/>.</summary>
    internal sealed class DtlsEngineAdapter : IDatagramEngine
    {
        private readonly DtlsEngine engine;

        public DtlsEngineAdapter(DtlsEngine engine)
        {
            this.engine = engine;
        }

        public DateTime WallClockUtc { get { return engine.WallClockUtc; } set { engine.WallClockUtc = value; } }
        public EngineState State { get { return engine.State; } }
        public bool IsHandshakeComplete { get { return engine.IsHandshakeComplete; } }
        public SslException Failure { get { return engine.Failure; } }
        public void Start(long nowMs) { engine.Start(nowMs); }
        public void ProcessDatagram(SpanByte datagram, long nowMs) { engine.ProcessDatagram(datagram, nowMs); }
        public void HandleTimer(long nowMs) { engine.HandleTimer(nowMs); }
        public long NextTimerMs { get { return engine.NextTimerMs; } }
        public int Retransmissions { get { return engine.Retransmissions; } }
        public bool HasOutgoingDatagram { get { return engine.HasOutgoingDatagram; } }
        public int TakeOutgoingDatagram(SpanByte output) { return engine.TakeOutgoingDatagram(output); }
        public int MaxApplicationDataLength { get { return engine.MaxApplicationDataLength; } }
        public void SendApplicationData(SpanByte data) { engine.SendApplicationData(data); }
        public bool HasApplicationData { get { return engine.HasApplicationData; } }
        public int ReadApplicationData(SpanByte output) { return engine.ReadApplicationData(output); }
        public void Close() { engine.Close(); }
        public bool PeerClosed { get { return engine.PeerClosed; } }
        public string VersionName { get { return engine.VersionName; } }
        public string CipherSuiteName { get { return engine.CipherSuiteName; } }
        public byte[][] PeerCertificates { get { return engine.PeerCertificates; } }
        public byte[] PeerPskIdentity { get { return engine.PeerPskIdentity; } }
        public long DroppedRecords { get { return engine.DroppedRecords; } }
        public long AuthenticationFailures { get { return engine.AuthenticationFailures; } }
    }
}
