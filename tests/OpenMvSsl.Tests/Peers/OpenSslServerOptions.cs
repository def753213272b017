using System;
using System.Collections.Generic;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>What `openssl s_server` does with the application data of a connection.</summary>
    public enum OpenSslServerMode
    {
        /// <summary>Prints what it receives on stdout and sends what the test writes to stdin.</summary>
        Interactive,
        /// <summary>-rev: sends every received line back reversed (the closest s_server has to echo; TLS only).</summary>
        Reverse,
        /// <summary>-www: answers "GET /" with an HTML status page (TLS only).</summary>
        Www,
    }

    /// <summary>Whether s_server asks the client for a certificate.</summary>
    public enum ClientCertificateMode
    {
        None,
        /// <summary>-verify: asks, continues without one.</summary>
        Request,
        /// <summary>-Verify: asks and fails the handshake without one.</summary>
        Require,
    }

    /// <summary>Options of <see cref="OpenSslServer"/>; null or default means "leave the flag out".</summary>
    public sealed class OpenSslServerOptions
    {
        public PeerProtocol Protocol { get; set; } = PeerProtocol.Tls;

        /// <summary>Port on 127.0.0.1; 0 picks a free one (see PeerProcess.Port).</summary>
        public int Port { get; set; }

        /// <summary>-cert (PEM). Without it the server runs with -nocert (PSK or anonymous only).</summary>
        public string CertFile { get; set; }

        /// <summary>-key (PEM, PKCS#8 or traditional).</summary>
        public string KeyFile { get; set; }

        /// <summary>-CAfile: trusted roots for client certificates (and the chain it sends).</summary>
        public string CaFile { get; set; }

        public ClientCertificateMode ClientCertificate { get; set; } = ClientCertificateMode.None;

        /// <summary>-verify_return_error when a client certificate is requested or required.</summary>
        public bool VerifyReturnError { get; set; } = true;

        /// <summary>-psk: the key as hex without 0x.</summary>
        public string PskKeyHex { get; set; }

        /// <summary>-psk_identity: the identity the server expects from the client.</summary>
        public string PskIdentity { get; set; }

        /// <summary>-psk_hint: the identity hint the server sends.</summary>
        public string PskHint { get; set; }

        /// <summary>-cipher: (D)TLS 1.2 suites in OpenSSL names, e.g. "PSK-AES128-CCM8".</summary>
        public string Cipher { get; set; }

        /// <summary>-ciphersuites: TLS 1.3 suites, e.g. "TLS_AES_128_CCM_8_SHA256".</summary>
        public string CipherSuites { get; set; }

        /// <summary>-groups, e.g. "P-256" or "X25519:P-256".</summary>
        public string Groups { get; set; }

        /// <summary>-alpn: comma-separated protocol names.</summary>
        public string Alpn { get; set; }

        public OpenSslServerMode Mode { get; set; } = OpenSslServerMode.Interactive;

        /// <summary>-naccept: exit after this many connections.</summary>
        public int? NAccept { get; set; }

        /// <summary>-mtu for DTLS (link MTU; OpenSSL subtracts the IP/UDP overhead).</summary>
        public int? Mtu { get; set; }

        /// <summary>-listen for DTLS: answer the first ClientHello with a HelloVerifyRequest cookie.</summary>
        public bool DtlsListen { get; set; } = true;

        /// <summary>Anything else, appended as is (one element per argument).</summary>
        public List<string> ExtraArguments { get; } = new List<string>();

        /// <summary>Hard lifetime of the process.</summary>
        public TimeSpan Lifetime { get; set; } = PeerProcess.DefaultLifetime;

        /// <summary>How long to wait for "ACCEPT".</summary>
        public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Working directory (null: the test's).</summary>
        public string WorkingDirectory { get; set; }
    }
}
