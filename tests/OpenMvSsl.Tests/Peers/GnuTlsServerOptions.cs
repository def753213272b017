using System;
using System.Collections.Generic;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>What `gnutls-serv` does with the application data.</summary>
    public enum GnuTlsServerMode
    {
        /// <summary>--echo: sends every received record back.</summary>
        Echo,
        /// <summary>--http (gnutls-serv's default): answers an HTTP GET with a status page.</summary>
        Http,
    }

    /// <summary>Options of <see cref="GnuTlsServer"/>; null or default means "leave the flag out".</summary>
    public sealed class GnuTlsServerOptions
    {
        /// <summary>--udp: DTLS instead of TLS.</summary>
        public bool Udp { get; set; }

        /// <summary>Port; 0 picks a free one. gnutls-serv binds all interfaces (see docs/testing.md).</summary>
        public int Port { get; set; }

        /// <summary>--priority, e.g. <see cref="GnuTlsPriorities.DtlsPskAes128Ccm8"/>.</summary>
        public string Priority { get; set; }

        /// <summary>--x509certfile (PEM).</summary>
        public string CertFile { get; set; }

        /// <summary>--x509keyfile (PEM).</summary>
        public string KeyFile { get; set; }

        /// <summary>--x509cafile: trusted roots for client certificates.</summary>
        public string CaFile { get; set; }

        /// <summary>
        /// --require-client-cert: fail without a client certificate. On its own gnutls-serv does
        /// NOT verify the certificate ("Peer's certificate was NOT verified"): add VerifyClientCert.
        /// </summary>
        public bool RequireClientCert { get; set; }

        /// <summary>--verify-client-cert: verify a client certificate against CaFile and fail the handshake when it does not verify.</summary>
        public bool VerifyClientCert { get; set; }

        /// <summary>--disable-client-cert: do not ask for one (gnutls-serv asks by default).</summary>
        public bool DisableClientCert { get; set; }

        /// <summary>--pskpasswd: a file of "identity:hexkey" lines (see <see cref="PskPasswordFile"/>).</summary>
        public string PskPasswordFile { get; set; }

        /// <summary>--pskhint.</summary>
        public string PskHint { get; set; }

        public GnuTlsServerMode Mode { get; set; } = GnuTlsServerMode.Echo;

        /// <summary>--mtu for DTLS.</summary>
        public int? Mtu { get; set; }

        /// <summary>--nocookie: skip the DTLS HelloVerifyRequest exchange.</summary>
        public bool NoCookie { get; set; }

        /// <summary>--alpn (one protocol per entry).</summary>
        public List<string> Alpn { get; } = new List<string>();

        /// <summary>Anything else, appended as is.</summary>
        public List<string> ExtraArguments { get; } = new List<string>();

        public TimeSpan Lifetime { get; set; } = PeerProcess.DefaultLifetime;

        public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(10);

        public string WorkingDirectory { get; set; }
    }
}
