using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace OpenMvSsl.Cli
{
    /// <summary>
    /// `openmvssl server PORT --dtls ...`: one DtlsListener serving any number of clients in a
    /// single loop. Prints "listening on udp ADDRESS:PORT", then one handshake line per client,
    /// and every datagram received to stdout; --echo sends each back; --once exits when the first
    /// client closes; --timeout gives up when nothing happens for that long.
    /// </summary>
    internal static class ServerCommand
    {
        private const int PollSliceMs = 200;

        public static int Run(CliOptions o, TextWriter stdout, TextWriter stderr, CancellationToken stop)
        {
            SslContext context = ContextFactory.Create(o, true);
            using DtlsListener listener = DtlsListener.Bind(context, o.Bind, o.Port);
            stderr.WriteLine("listening on udp " + o.Bind + ":" + listener.Port);
            stderr.Flush();

            var peers = new List<SslSocket>();
            long idleLimitMs = o.TimeoutSeconds == null ? -1 : (long)Math.Ceiling(o.TimeoutSeconds.Value * 1000);
            long lastActivity = MonotonicClock.NowMs;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!listener.Poll(PollSliceMs))
                    {
                        if (idleLimitMs > 0 && MonotonicClock.NowMs - lastActivity > idleLimitMs)
                        {
                            stderr.WriteLine("error: TimedOut: nothing from any DTLS client for " + o.TimeoutSeconds + " s");
                            return CliApp.Failure;
                        }
                        continue;
                    }
                    lastActivity = MonotonicClock.NowMs;

                    int? accepted = AcceptAll(listener, peers, o, stderr);
                    if (accepted != null) return accepted.Value;

                    for (int i = peers.Count - 1; i >= 0; i--)
                    {
                        int? finished = Serve(peers[i], o, stdout, stderr, out bool gone);
                        if (gone)
                        {
                            peers[i].Close();
                            peers.RemoveAt(i);
                        }
                        if (finished != null) return finished.Value;
                    }
                }
                return CliApp.Success;
            }
            finally
            {
                foreach (SslSocket peer in peers) peer.Close();
            }
        }

        // Takes every peer whose handshake finished; a failed handshake ends --once with an error.
        private static int? AcceptAll(DtlsListener listener, List<SslSocket> peers, CliOptions o, TextWriter stderr)
        {
            while (true)
            {
                SslSocket peer;
                try
                {
                    peer = listener.AcceptPeer(0);
                }
                catch (SslException e)
                {
                    stderr.WriteLine(CliApp.Describe(e));
                    if (o.Once) return CliApp.Failure;
                    continue;
                }
                if (peer == null) return null;
                peer.SetBlocking(false);
                peers.Add(peer);
                stderr.WriteLine(CliApp.HandshakeLine(peer));
                stderr.Flush();
            }
        }

        // Reads what one peer sent; returns an exit code when --once is done.
        private static int? Serve(SslSocket peer, CliOptions o, TextWriter stdout, TextWriter stderr, out bool gone)
        {
            gone = false;
            while (true)
            {
                byte[] data;
                try
                {
                    data = peer.Recv(65535);
                }
                catch (SslException e)
                {
                    stderr.WriteLine(CliApp.Describe(e));
                    gone = true;
                    return o.Once ? CliApp.Failure : (int?)null;
                }
                if (data == null) return null;
                if (data.Length == 0)
                {
                    gone = true;
                    return o.Once ? CliApp.Success : (int?)null;
                }
                CliApp.WriteData(stdout, data);
                if (o.Echo) peer.Send(data);
            }
        }
    }
}
