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
        /// <summary>The first --cert / --key (null when none).</summary>
        public string CertFile => CertFiles.Count > 0 ? CertFiles[0] : null;
        public string KeyFile => KeyFiles.Count > 0 ? KeyFiles[0] : null;
        /// <summary>Every --cert and --key, in order; pairs go together (a server may hold an ECDSA and an RSA one).</summary>
        public List<string> CertFiles = new List<string>();
        public List<string> KeyFiles = new List<string>();
        /// <summary>TLS: pin TLS 1.2 or TLS 1.3 (neither: 1.3 preferred, 1.2 allowed).</summary>
        public bool Tls12;
        public bool Tls13;
        /// <summary>TLS: ALPN protocol names, most preferred first.</summary>
        public string[] Alpn;
        /// <summary>TLS server: answer each connection like `openssl s_server -www`.</summary>
        public bool Www;
        /// <summary>TLS client: send an HTTP/1.0 GET for this path and print the response.</summary>
        public string GetPath;
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
