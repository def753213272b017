using System;
using System.Collections.Generic;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using System.Threading;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Shared start-up for server peers: pick a free port (unless one is given), start the
    /// program, wait for its own "ready" line and for the socket to show up in the kernel's
    /// socket table. When the port was picked here and the server dies before it is ready
    /// (most likely someone took the port in between), it retries with a new port.
    /// </summary>
    internal static class ServerLauncher
    {
        private const int Attempts = 3;

        internal static PeerProcess Start(string program, Func<int, IList<string>> argumentsForPort,
            int requestedPort, bool datagram, Regex readyPattern, Regex failurePattern, TimeSpan readyTimeout,
            TimeSpan lifetime, string workingDirectory)
        {
            // Wait for whichever comes first, so a peer that reports a bind failure but keeps
            // running (gnutls-serv then serves IPv6 only) fails fast instead of timing out.
            Regex readyOrFailure = failurePattern == null ? readyPattern
                : new Regex("(?:" + readyPattern + ")|(?:" + failurePattern + ")", readyPattern.Options);
            string lastFailure = null;
            for (int attempt = 1; attempt <= Attempts; attempt++)
            {
                int port = requestedPort != 0 ? requestedPort : FreePort.For(datagram);
                PeerProcess peer = PeerProcess.Start(program, argumentsForPort(port), lifetime, workingDirectory);
                peer.Port = port;
                bool ready = false;
                bool retryable = false;
                try
                {
                    bool failed = false;
                    if (peer.WaitForOutput(readyOrFailure, readyTimeout))
                    {
                        failed = failurePattern != null && failurePattern.IsMatch(peer.Output);
                        ready = !failed && WaitUntilBound(port, datagram, peer, readyTimeout);
                    }
                    if (ready) return peer;
                    retryable = failed || peer.HasExited;
                    lastFailure = peer.Describe();
                }
                finally
                {
                    if (!ready) peer.Dispose();
                }
                // A server that is still running but silent will not get better with a new port.
                if (requestedPort != 0 || !retryable) break;
            }
            throw new TimeoutException(
                program + " did not become ready (pattern /" + readyPattern + "/, " + readyTimeout.TotalSeconds + " s):\n" + lastFailure);
        }

        /// <summary>
        /// Waits until a socket on the port is bound (UDP) or listening (TCP), read from the
        /// kernel's tables rather than by connecting: a probe connection would count against
        /// s_server's -naccept and show up as a failed handshake in the peer's log.
        /// </summary>
        internal static bool WaitUntilBound(int port, bool datagram, PeerProcess peer, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (IsBound(port, datagram)) return true;
                if (peer.HasExited || DateTime.UtcNow >= deadline) return false;
                Thread.Sleep(10);
            }
        }

        internal static bool IsBound(int port, bool datagram)
        {
            IPGlobalProperties properties = IPGlobalProperties.GetIPGlobalProperties();
            IPEndPoint[] endpoints = datagram ? properties.GetActiveUdpListeners() : properties.GetActiveTcpListeners();
            foreach (IPEndPoint endpoint in endpoints)
            {
                if (endpoint.Port != port) continue;
                if (endpoint.Address.Equals(IPAddress.Loopback) || endpoint.Address.Equals(IPAddress.Any)
                    || endpoint.Address.Equals(IPAddress.IPv6Any)) return true;
            }
            return false;
        }
    }
}
