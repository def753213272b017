namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>The marker a TLS 1.3 server puts at the end of ServerHello.random when it negotiates less (RFC 8446 4.1.3).</summary>
    public enum DowngradeSentinel
    {
        None = 0,
        /// <summary>"DOWNGRD" 01: the server negotiated TLS 1.2.</summary>
        Tls12 = 1,
        /// <summary>"DOWNGRD" 00: the server negotiated TLS 1.1 or below.</summary>
        Tls11OrBelow = 2,
    }
}
