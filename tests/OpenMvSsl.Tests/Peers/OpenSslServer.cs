using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Starts `openssl s_server` on 127.0.0.1 and returns once it is listening. s_server prints
    /// "ACCEPT" on stdout right after its socket is bound (TLS and DTLS alike); the launcher also
    /// checks the kernel's socket table. Stdin is kept open: s_server stops at stdin EOF.
    /// </summary>
    public static class OpenSslServer
    {
        /// <summary>The line s_server prints once its socket is bound and listening.</summary>
        public static readonly Regex ReadyPattern = new Regex(@"^ACCEPT\r?$", RegexOptions.Multiline);

        /// <summary>Printed per connection after a completed handshake, e.g. "CIPHER is PSK-AES128-CCM8".</summary>
        public static readonly Regex HandshakeCompletedPattern = new Regex(@"^CIPHER is \S+", RegexOptions.Multiline);

        public static PeerProcess Start(OpenSslServerOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            PeerPrograms.Require("openssl");
            return ServerLauncher.Start("openssl", port => BuildArguments(options, port), options.Port,
                options.Protocol.IsDatagram(), ReadyPattern, null, options.ReadyTimeout, options.Lifetime,
                options.WorkingDirectory);
        }

        /// <summary>The s_server argument list for a given port (exposed for docs and debugging).</summary>
        public static IList<string> BuildArguments(OpenSslServerOptions options, int port)
        {
            if (options.Protocol.IsDatagram() && options.Mode != OpenSslServerMode.Interactive)
                throw new ArgumentException("s_server supports -rev and -www over TLS only; DTLS needs Interactive mode", nameof(options));
            var args = new List<string> { "s_server", "-accept", "127.0.0.1:" + port };
            switch (options.Protocol)
            {
                case PeerProtocol.Tls12: args.Add("-tls1_2"); break;
                case PeerProtocol.Tls13: args.Add("-tls1_3"); break;
                case PeerProtocol.Dtls12:
                    args.Add("-dtls1_2");
                    if (options.DtlsListen) args.Add("-listen");
                    break;
            }
            if (options.CertFile != null)
            {
                args.Add("-cert"); args.Add(options.CertFile);
                if (options.KeyFile != null) { args.Add("-key"); args.Add(options.KeyFile); }
            }
            else
            {
                args.Add("-nocert");
            }
            if (options.CaFile != null) { args.Add("-CAfile"); args.Add(options.CaFile); }
            if (options.ClientCertificate != ClientCertificateMode.None)
            {
                args.Add(options.ClientCertificate == ClientCertificateMode.Require ? "-Verify" : "-verify");
                args.Add("4");
                if (options.VerifyReturnError) args.Add("-verify_return_error");
            }
            if (options.PskKeyHex != null) { args.Add("-psk"); args.Add(options.PskKeyHex); }
            if (options.PskIdentity != null) { args.Add("-psk_identity"); args.Add(options.PskIdentity); }
            if (options.PskHint != null) { args.Add("-psk_hint"); args.Add(options.PskHint); }
            if (options.Cipher != null) { args.Add("-cipher"); args.Add(options.Cipher); }
            if (options.CipherSuites != null) { args.Add("-ciphersuites"); args.Add(options.CipherSuites); }
            if (options.Groups != null) { args.Add("-groups"); args.Add(options.Groups); }
            if (options.Alpn != null) { args.Add("-alpn"); args.Add(options.Alpn); }
            if (options.Mode == OpenSslServerMode.Reverse) args.Add("-rev");
            if (options.Mode == OpenSslServerMode.Www) args.Add("-www");
            if (options.NAccept.HasValue) { args.Add("-naccept"); args.Add(options.NAccept.Value.ToString()); }
            if (options.Mtu.HasValue) { args.Add("-mtu"); args.Add(options.Mtu.Value.ToString()); }
            args.AddRange(options.ExtraArguments);
            return args;
        }
    }
}
