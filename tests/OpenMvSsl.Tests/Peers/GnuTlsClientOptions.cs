using System;
using System.Collections.Generic;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>Options of <see cref="GnuTlsClient"/>; null or default means "leave the flag out".</summary>
    public sealed class GnuTlsClientOptions
    {
        /// <summary>--udp: DTLS instead of TLS.</summary>
        public bool Udp { get; set; }

        /// <summary>Server port on 127.0.0.1 (required).</summary>
        public int Port { get; set; }

        /// <summary>--priority.</summary>
        public string Priority { get; set; }

        /// <summary>--x509cafile: trusted roots (without it gnutls-cli uses the system store).</summary>
        public string CaFile { get; set; }

        /// <summary>--verify-hostname (default: the connect address 127.0.0.1, matched against IP SANs).</summary>
        public string VerifyHostname { get; set; }

        /// <summary>--sni-hostname: the SNI to send.</summary>
        public string SniHostname { get; set; }

        /// <summary>--insecure: go on when the server certificate does not verify.</summary>
        public bool Insecure { get; set; }

        /// <summary>--no-ca-verification: skip certificate verification entirely.</summary>
        public bool NoCaVerification { get; set; }

        /// <summary>--x509certfile: client certificate (PEM).</summary>
        public string CertFile { get; set; }

        /// <summary>--x509keyfile: client key (PEM).</summary>
        public string KeyFile { get; set; }

        /// <summary>--pskusername.</summary>
        public string PskUsername { get; set; }

        /// <summary>--pskkey: hex.</summary>
        public string PskKeyHex { get; set; }

        /// <summary>--alpn (one protocol per entry).</summary>
        public List<string> Alpn { get; } = new List<string>();

        /// <summary>--mtu for DTLS.</summary>
        public int? Mtu { get; set; }

        /// <summary>Anything else, appended as is.</summary>
        public List<string> ExtraArguments { get; } = new List<string>();

        public TimeSpan Lifetime { get; set; } = PeerProcess.DefaultLifetime;

        /// <summary>How long <see cref="GnuTlsClient.Connect"/> waits for the handshake.</summary>
        public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

        public string WorkingDirectory { get; set; }
    }
}
