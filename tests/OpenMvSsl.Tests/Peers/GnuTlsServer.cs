using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Starts `gnutls-serv` and returns once it is listening. gnutls-serv 3.7 has no option to
    /// choose the bind address: it binds 0.0.0.0 and :: on the port. Tests still only send to
    /// 127.0.0.1. Readiness: its "... Server listening on IPv4 0.0.0.0 port N...done" line.
    /// </summary>
    public static class GnuTlsServer
    {
        /// <summary>
        /// "Echo Server listening on IPv4 0.0.0.0 port 4433...done" (TCP) or
        /// "UDP Echo Server listening on ..." (DTLS); "HTTP" instead of "Echo" in HTTP mode.
        /// </summary>
        public static readonly Regex ReadyPattern = new Regex(
            @"^(UDP )?(Echo|HTTP) Server listening on IPv4 \S+ port \d+\.\.\.done", RegexOptions.Multiline);

        /// <summary>gnutls-serv reports a failed IPv4 bind and keeps running on IPv6 alone.</summary>
        public static readonly Regex BindFailedPattern = new Regex(@"bind\(\) failed", RegexOptions.Multiline);

        /// <summary>
        /// TCP only: printed per connection once a handshake completed ("- Description: (TLS1.2-X.509)-...").
        /// In --udp echo mode gnutls-serv prints nothing at that point.
        /// </summary>
        public static readonly Regex HandshakeCompletedPattern = new Regex(@"^- Description: \(", RegexOptions.Multiline);

        /// <summary>
        /// UDP: printed once a ClientHello came back with a valid cookie and the handshake
        /// proper starts ("Accepted connection from IPv4 127.0.0.1 port N").
        /// </summary>
        public static readonly Regex ConnectionAcceptedPattern = new Regex(@"Accepted connection from ", RegexOptions.Multiline);

        /// <summary>A failed handshake: "Error in handshake(): ..." with GnuTLS's reason.</summary>
        public static readonly Regex HandshakeFailedPattern = new Regex(@"Error in handshake\(\): .*", RegexOptions.Multiline);

        public static PeerProcess Start(GnuTlsServerOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            PeerPrograms.Require("gnutls-serv");
            // gnutls-serv block-buffers stdout into a pipe: its per-connection lines ("Accepted
            // connection", errors, received data) would only show up at exit. stdbuf (coreutils)
            // makes them line-buffered; it execs gnutls-serv in place, so the pid stays the same.
            bool lineBuffered = PeerPrograms.Find("stdbuf") != null;
            string program = lineBuffered ? "stdbuf" : "gnutls-serv";
            return ServerLauncher.Start(program, port =>
                {
                    var args = new List<string>();
                    if (lineBuffered) args.AddRange(new[] { "-oL", "-eL", "gnutls-serv" });
                    args.AddRange(BuildArguments(options, port));
                    return args;
                }, options.Port,
                options.Udp, ReadyPattern, BindFailedPattern, options.ReadyTimeout, options.Lifetime,
                options.WorkingDirectory);
        }

        public static IList<string> BuildArguments(GnuTlsServerOptions options, int port)
        {
            var args = new List<string> { "-p", port.ToString() };
            if (options.Udp) args.Add("--udp");
            args.Add(options.Mode == GnuTlsServerMode.Echo ? "--echo" : "--http");
            if (options.Priority != null) args.Add("--priority=" + options.Priority);
            if (options.CertFile != null) args.Add("--x509certfile=" + options.CertFile);
            if (options.KeyFile != null) args.Add("--x509keyfile=" + options.KeyFile);
            if (options.CaFile != null) args.Add("--x509cafile=" + options.CaFile);
            if (options.RequireClientCert) args.Add("--require-client-cert");
            if (options.VerifyClientCert) args.Add("--verify-client-cert");
            if (options.DisableClientCert) args.Add("--disable-client-cert");
            if (options.PskPasswordFile != null) args.Add("--pskpasswd=" + options.PskPasswordFile);
            if (options.PskHint != null) args.Add("--pskhint=" + options.PskHint);
            if (options.Mtu.HasValue) args.Add("--mtu=" + options.Mtu.Value);
            if (options.NoCookie) args.Add("--nocookie");
            foreach (string protocol in options.Alpn) args.Add("--alpn=" + protocol);
            args.AddRange(options.ExtraArguments);
            return args;
        }
    }
}
