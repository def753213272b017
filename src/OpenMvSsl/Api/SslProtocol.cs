namespace OpenMvSsl
{
    /// <summary>MicroPython's PROTOCOL_TLS_CLIENT .. PROTOCOL_DTLS_SERVER, with the same values.</summary>
    public enum SslProtocol
    {
        TlsClient = 0,
        TlsServer = 1,
        DtlsClient = 2,
        DtlsServer = 3,
    }
}
