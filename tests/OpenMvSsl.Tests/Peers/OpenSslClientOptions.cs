using System;
using System.Collections.Generic;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>How much `openssl s_client` prints besides the application data.</summary>
    public enum OpenSslClientOutput
    {
        /// <summary>-brief: a short summary on stderr ("CONNECTION ESTABLISHED", protocol, suite); stdout is pure data.</summary>
        Brief,
        /// <summary>-quiet: nothing but the data (no handshake signal at all).</summary>
        Quiet,
        /// <summary>Default s_client output: certificates, session, "New, TLSv1.3, Cipher is ...".</summary>
        Full,
    }

    /// <summary>Options of <see cref="OpenSslClient"/>; null or default means "leave the flag out".</summary>
    public sealed class OpenSslClientOptions
    {
        public PeerProtocol Protocol { get; set; } = PeerProtocol.Tls;

        /// <summary>Server port on 127.0.0.1 (required).</summary>
        public int Port { get; set; }

        /// <summary>-servername: the SNI to send (without it s_client sends none for an IP address).</summary>
        public string ServerName { get; set; }

        /// <summary>-verify_hostname: the name the server certificate must carry.</summary>
        public string VerifyHostname { get; set; }

        /// <summary>-CAfile: trusted roots for the server certificate.</summary>
        public string CaFile { get; set; }

        /// <summary>-verify_return_error: abort the handshake when verification fails (s_client otherwise goes on).</summary>
        public bool VerifyReturnError { get; set; } = true;

        /// <summary>-cert: client certificate (PEM) for mutual TLS.</summary>
        public string CertFile { get; set; }

        /// <summary>-key: client private key (PEM).</summary>
        public string KeyFile { get; set; }

        /// <summary>-psk: the key as hex without 0x.</summary>
        public string PskKeyHex { get; set; }

        /// <summary>-psk_identity.</summary>
        public string PskIdentity { get; set; }

        /// <summary>-cipher: (D)TLS 1.2 suites in OpenSSL names.</summary>
        public string Cipher { get; set; }

        /// <summary>-ciphersuites: TLS 1.3 suites.</summary>
        public string CipherSuites { get; set; }

        /// <summary>-groups.</summary>
        public string Groups { get; set; }

        /// <summary>-alpn: comma-separated protocol names.</summary>
        public string Alpn { get; set; }

        /// <summary>-mtu for DTLS.</summary>
        public int? Mtu { get; set; }

        public OpenSslClientOutput OutputMode { get; set; } = OpenSslClientOutput.Brief;

        /// <summary>
        /// null: s_client's default (-brief and -quiet imply -ign_eof); true: -ign_eof (stay
        /// connected after stdin EOF); false: -no_ign_eof (stdin EOF closes the connection).
        /// </summary>
        public bool? IgnoreEof { get; set; }

        /// <summary>Anything else, appended as is.</summary>
        public List<string> ExtraArguments { get; } = new List<string>();

        public TimeSpan Lifetime { get; set; } = PeerProcess.DefaultLifetime;

        /// <summary>How long <see cref="OpenSslClient.Connect"/> waits for the handshake.</summary>
        public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

        public string WorkingDirectory { get; set; }
    }
}
