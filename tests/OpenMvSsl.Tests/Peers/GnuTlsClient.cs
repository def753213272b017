using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Starts `gnutls-cli` against 127.0.0.1. It forwards stdin to the connection line by line
    /// and prints what it receives on stdout; stdin EOF closes the connection.
    /// </summary>
    public static class GnuTlsClient
    {
        /// <summary>Printed once the handshake completed.</summary>
        public static readonly Regex HandshakeCompletedPattern = new Regex(@"^- Handshake was completed", RegexOptions.Multiline);

        /// <summary>Printed when the handshake failed ("*** Handshake has failed", "*** Fatal error ...").</summary>
        public static readonly Regex HandshakeFailedPattern = new Regex(@"^\*\*\* (Handshake has failed|Fatal error)", RegexOptions.Multiline);

        public static PeerProcess Start(GnuTlsClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            PeerPrograms.Require("gnutls-cli");
            if (options.Port <= 0) throw new ArgumentException("Port is required", nameof(options));
            return PeerProcess.Start("gnutls-cli", BuildArguments(options), options.Lifetime, options.WorkingDirectory);
        }

        /// <summary>Starts the client and waits for "- Handshake was completed"; throws with the output otherwise.</summary>
        public static PeerProcess Connect(GnuTlsClientOptions options)
        {
            PeerProcess client = Start(options);
            if (!client.WaitForOutput(HandshakeCompletedPattern, options.HandshakeTimeout))
            {
                string details = client.Describe();
                client.Dispose();
                throw new TimeoutException("gnutls-cli did not complete a handshake:\n" + details);
            }
            return client;
        }

        public static IList<string> BuildArguments(GnuTlsClientOptions options)
        {
            var args = new List<string> { "-p", options.Port.ToString() };
            if (options.Udp) args.Add("--udp");
            if (options.Priority != null) args.Add("--priority=" + options.Priority);
            if (options.CaFile != null) args.Add("--x509cafile=" + options.CaFile);
            if (options.VerifyHostname != null) args.Add("--verify-hostname=" + options.VerifyHostname);
            if (options.SniHostname != null) args.Add("--sni-hostname=" + options.SniHostname);
            if (options.Insecure) args.Add("--insecure");
            if (options.NoCaVerification) args.Add("--no-ca-verification");
            if (options.CertFile != null) args.Add("--x509certfile=" + options.CertFile);
            if (options.KeyFile != null) args.Add("--x509keyfile=" + options.KeyFile);
            if (options.PskUsername != null) args.Add("--pskusername=" + options.PskUsername);
            if (options.PskKeyHex != null) args.Add("--pskkey=" + options.PskKeyHex);
            foreach (string protocol in options.Alpn) args.Add("--alpn=" + protocol);
            if (options.Mtu.HasValue) args.Add("--mtu=" + options.Mtu.Value);
            args.AddRange(options.ExtraArguments);
            args.Add("127.0.0.1");
            return args;
        }
    }
}
