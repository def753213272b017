using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenMvSsl.Cli
{
    /// <summary>
    /// `openmvssl client HOST PORT --dtls ...`: handshake, then each --send as one datagram,
    /// printing every reply; --expect-echo requires each reply to equal what was sent.
    /// </summary>
    internal static class ClientCommand
    {
        private const double DefaultTimeoutSeconds = 10;
        // Without --expect-echo a reply is optional: wait this long for one after each send.
        private const int OptionalReplyWaitMs = 1000;

        public static int Run(CliOptions o, TextWriter stdout, TextWriter stderr)
        {
            int timeoutMs = (int)Math.Ceiling((o.TimeoutSeconds ?? DefaultTimeoutSeconds) * 1000);
            SslContext context = ContextFactory.Create(o, false);
            IPAddress address = Resolve(o.Host);
            using var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Connect(new IPEndPoint(address, o.Port));

            SslSocket ssl = context.WrapSocket(udp, serverSide: false, doHandshakeOnConnect: false, serverHostname: ServerName(o));
            try
            {
                ssl.Timeout = timeoutMs;
                ssl.DoHandshake();
                stderr.WriteLine(CliApp.HandshakeLine(ssl));

                for (int i = 0; i < o.Sends.Count; i++)
                {
                    byte[] sent = Encoding.UTF8.GetBytes(o.Sends[i]);
                    ssl.Timeout = timeoutMs;
                    ssl.Send(sent);
                    byte[] reply = ReceiveReply(ssl, o.ExpectEcho ? timeoutMs : Math.Min(timeoutMs, OptionalReplyWaitMs), o.ExpectEcho, i + 1);
                    if (reply == null) continue;
                    if (reply.Length == 0)
                    {
                        if (!o.ExpectEcho) break;
                        stderr.WriteLine("error: Closed: the server closed the connection before echoing datagram " + (i + 1));
                        return CliApp.Failure;
                    }
                    CliApp.WriteData(stdout, reply);
                    if (o.ExpectEcho && !reply.SequenceEqual(sent))
                    {
                        stderr.WriteLine("error: echo mismatch for datagram " + (i + 1) + ": sent " + Quote(sent) + ", received " + Quote(reply));
                        return CliApp.Failure;
                    }
                }
            }
            finally
            {
                ssl.Close();
            }
            return CliApp.Success;
        }

        // A reply, null when an optional one did not come, or empty when the server closed.
        private static byte[] ReceiveReply(SslSocket ssl, int waitMs, bool required, int number)
        {
            ssl.Timeout = waitMs;
            try
            {
                return ssl.Recv(65535);
            }
            catch (SslException e) when (e.Error == SslError.TimedOut)
            {
                if (!required) return null;
                throw new SslException(SslError.TimedOut, "no echo of datagram " + number + " within " + waitMs + " ms");
            }
        }

        // The name sent as SNI and checked against the certificate: --servername, else HOST
        // unless it is an IP literal (SNI never carries addresses) and nothing is checked.
        internal static string ServerName(CliOptions o)
        {
            if (o.ServerName != null) return o.ServerName;
            bool isAddress = IPAddress.TryParse(o.Host, out _);
            if (!isAddress) return o.Host;
            return o.Verify == VerifyMode.CertRequired ? o.Host : null;
        }

        internal static IPAddress Resolve(string host)
        {
            if (IPAddress.TryParse(host, out IPAddress literal)) return literal;
            IPAddress[] found;
            try
            {
                found = Dns.GetHostAddresses(host);
            }
            catch (SocketException e)
            {
                throw new SslException(SslError.SocketError, "cannot resolve " + host + ": " + e.Message);
            }
            IPAddress v4 = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            if (v4 != null) return v4;
            if (found.Length > 0) return found[0];
            throw new SslException(SslError.SocketError, "cannot resolve " + host + ": no addresses");
        }

        internal static string Quote(byte[] data)
        {
            string text = Encoding.UTF8.GetString(data);
            return "\"" + (text.Length > 60 ? text.Substring(0, 60) + "..." : text) + "\"";
        }
    }
}
