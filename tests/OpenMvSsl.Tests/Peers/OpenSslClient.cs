using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>Starts `openssl s_client` against 127.0.0.1.</summary>
    public static class OpenSslClient
    {
        /// <summary>
        /// A completed handshake: "CONNECTION ESTABLISHED" (-brief, stderr) or
        /// "New, TLSv1.3, Cipher is ..." (full output; a failed one says "New, (NONE)").
        /// </summary>
        public static readonly Regex HandshakeCompletedPattern = new Regex(
            @"^(CONNECTION ESTABLISHED|New, (?!\(NONE\))\S+, Cipher is \S+)", RegexOptions.Multiline);

        /// <summary>Starts the client and returns at once.</summary>
        public static PeerProcess Start(OpenSslClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            PeerPrograms.Require("openssl");
            if (options.Port <= 0) throw new ArgumentException("Port is required", nameof(options));
            return PeerProcess.Start("openssl", BuildArguments(options), options.Lifetime, options.WorkingDirectory);
        }

        /// <summary>
        /// Starts the client and waits for a completed handshake (needs Brief or Full output);
        /// throws with the collected output when it does not come.
        /// </summary>
        public static PeerProcess Connect(OpenSslClientOptions options)
        {
            if (options.OutputMode == OpenSslClientOutput.Quiet)
                throw new ArgumentException("-quiet prints no handshake signal; use Start", nameof(options));
            PeerProcess client = Start(options);
            if (!client.WaitForOutput(HandshakeCompletedPattern, options.HandshakeTimeout))
            {
                string details = client.Describe();
                client.Dispose();
                throw new TimeoutException("openssl s_client did not complete a handshake:\n" + details);
            }
            return client;
        }

        public static IList<string> BuildArguments(OpenSslClientOptions options)
        {
            var args = new List<string> { "s_client", "-connect", "127.0.0.1:" + options.Port };
            switch (options.Protocol)
            {
                case PeerProtocol.Tls12: args.Add("-tls1_2"); break;
                case PeerProtocol.Tls13: args.Add("-tls1_3"); break;
                case PeerProtocol.Dtls12: args.Add("-dtls1_2"); break;
            }
            if (options.ServerName != null) { args.Add("-servername"); args.Add(options.ServerName); }
            if (options.VerifyHostname != null) { args.Add("-verify_hostname"); args.Add(options.VerifyHostname); }
            if (options.CaFile != null)
            {
                args.Add("-CAfile"); args.Add(options.CaFile);
                if (options.VerifyReturnError) args.Add("-verify_return_error");
            }
            if (options.CertFile != null) { args.Add("-cert"); args.Add(options.CertFile); }
            if (options.KeyFile != null) { args.Add("-key"); args.Add(options.KeyFile); }
            if (options.PskKeyHex != null) { args.Add("-psk"); args.Add(options.PskKeyHex); }
            if (options.PskIdentity != null) { args.Add("-psk_identity"); args.Add(options.PskIdentity); }
            if (options.Cipher != null) { args.Add("-cipher"); args.Add(options.Cipher); }
            if (options.CipherSuites != null) { args.Add("-ciphersuites"); args.Add(options.CipherSuites); }
            if (options.Groups != null) { args.Add("-groups"); args.Add(options.Groups); }
            if (options.Alpn != null) { args.Add("-alpn"); args.Add(options.Alpn); }
            if (options.Mtu.HasValue) { args.Add("-mtu"); args.Add(options.Mtu.Value.ToString()); }
            if (options.OutputMode == OpenSslClientOutput.Brief) args.Add("-brief");
            if (options.OutputMode == OpenSslClientOutput.Quiet) args.Add("-quiet");
            if (options.IgnoreEof == true) args.Add("-ign_eof");
            if (options.IgnoreEof == false) args.Add("-no_ign_eof");
            args.AddRange(options.ExtraArguments);
            return args;
        }
    }
}
