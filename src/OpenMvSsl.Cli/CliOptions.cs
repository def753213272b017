using System.Collections.Generic;

namespace OpenMvSsl.Cli
{
    /// <summary>A parsed, checked command line (see <see cref="CliParser"/>).</summary>
    internal sealed class CliOptions
    {
        public CliCommand Command;
        public string Host;
        public int Port;
        public bool Dtls;
        public string PskIdentity;
        public byte[] PskKey;
        public string CertFile;
        public string KeyFile;
        public string CaFile;
        /// <summary>Null: the default (none, or required for a server with --require-client-cert).</summary>
        public VerifyMode? Verify;
        public string ServerName;
        public string Ciphers;
        public int? Mtu;
        public List<string> Sends = new List<string>();
        public bool ExpectEcho;
        /// <summary>Seconds; null: client 10, server no limit.</summary>
        public double? TimeoutSeconds;
        public bool RequireClientCert;
        public bool Echo;
        public bool Once;
        public string Bind = "127.0.0.1";
    }
}
