namespace OpenMvSsl.Engine
{
    public enum EngineState
    {
        /// <summary>Created; a client has not sent its ClientHello yet.</summary>
        Idle = 0,
        Handshaking = 1,
        /// <summary>Handshake done: application data flows both ways.</summary>
        Established = 2,
        /// <summary>close_notify sent or received; nothing more is delivered.</summary>
        Closed = 3,
        /// <summary>A fatal error; see DtlsEngine.Failure. An alert has been queued for the peer when one applies.</summary>
        Failed = 4,
    }
}
