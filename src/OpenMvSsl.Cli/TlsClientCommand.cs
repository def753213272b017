using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenMvSsl.Cli
{
    /// <summary>
    /// `openmvssl client HOST PORT [--tls12|--tls13] ...`: TLS over TCP. Handshake (one line on
    /// stderr), then either --get PATH (an HTTP/1.0 request; the response is printed until the
    /// server closes) or each --send written as it is; --expect-echo reads the same bytes back,
    /// otherwise whatever the server answers is printed until it closes or goes quiet.
    /// </summary>
    internal static class TlsClientCommand
    {
        private const double DefaultTimeoutSeconds = 10;
        // Without --expect-echo an answer is optional: stop reading after this long without one.
        private const int QuietMs = 1000;

        public static int Run(CliOptions o, TextWriter stdout, TextWriter stderr)
        {
            int timeoutMs = (int)Math.Ceiling((o.TimeoutSeconds ?? DefaultTimeoutSeconds) * 1000);
            SslContext context = ContextFactory.Create(o, false);
            IPAddress address = ClientCommand.Resolve(o.Host);
            using var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Connect(new IPEndPoint(address, o.Port));
            }
            catch (SocketException e)
            {
                throw new SslException(SslError.SocketError, "cannot connect to " + o.Host + ":" + o.Port + " over TCP: " + e.Message);
            }

            SslSocket ssl = context.WrapSocket(tcp, serverSide: false, doHandshakeOnConnect: false, serverHostname: ClientCommand.ServerName(o));
            try
            {
                ssl.Timeout = timeoutMs;
                ssl.DoHandshake();
                stderr.WriteLine(CliApp.HandshakeLine(ssl));
                stderr.Flush();

                if (o.GetPath != null)
                {
                    string host = o.ServerName ?? o.Host;
                    ssl.Write(Encoding.ASCII.GetBytes("GET " + o.GetPath + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n"));
                    CopyUntilClosed(ssl, stdout, timeoutMs, true);
                    return CliApp.Success;
                }

                for (int i = 0; i < o.Sends.Count; i++)
                {
                    byte[] sent = Encoding.UTF8.GetBytes(o.Sends[i]);
                    ssl.Timeout = timeoutMs;
                    ssl.Write(sent);
                    if (!o.ExpectEcho || sent.Length == 0) continue;
                    byte[] echo = new byte[sent.Length];
                    int got;
                    try
                    {
                        got = ssl.ReadInto(echo);
                    }
                    catch (SslException e) when (e.Error == SslError.TimedOut)
                    {
                        throw new SslException(SslError.TimedOut, "no echo of --send " + (i + 1) + " within " + timeoutMs + " ms");
                    }
                    if (got < sent.Length)
                    {
                        stderr.WriteLine("error: Closed: the server closed the connection before echoing --send " + (i + 1));
                        return CliApp.Failure;
                    }
                    CliApp.WriteData(stdout, echo);
                    if (!echo.SequenceEqual(sent))
                    {
                        stderr.WriteLine("error: echo mismatch for --send " + (i + 1) + ": sent " + ClientCommand.Quote(sent) + ", received " + ClientCommand.Quote(echo));
                        return CliApp.Failure;
                    }
                }
                if (!o.ExpectEcho && o.Sends.Count > 0) CopyUntilClosed(ssl, stdout, Math.Min(timeoutMs, QuietMs), false);
            }
            finally
            {
                ssl.Close();
            }
            return CliApp.Success;
        }

        // Prints what arrives until close_notify; a quiet spell of waitMs ends it (an error only when required).
        private static void CopyUntilClosed(SslSocket ssl, TextWriter stdout, int waitMs, bool closeRequired)
        {
            ssl.Timeout = waitMs;
            while (true)
            {
                byte[] data;
                try
                {
                    data = ssl.Recv(16384);
                }
                catch (SslException e) when (e.Error == SslError.TimedOut && !closeRequired)
                {
                    return;
                }
                if (data.Length == 0) return;
                stdout.Write(Encoding.UTF8.GetString(data));
                stdout.Flush();
            }
        }
    }
}
