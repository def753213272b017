using System;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>
    /// The pair of traffic secrets one TLS 1.3 key-schedule step yields (RFC 8446 7.1), and after
    /// the master secret also the exporter master secret (null for the handshake step).
    /// </summary>
    public sealed class Tls13TrafficSecrets
    {
        public byte[] Client;
        public byte[] Server;
        public byte[] ExporterMasterSecret;
    }
}
