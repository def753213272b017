using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenMvSsl.Cli
{
    /// <summary>
    /// `openmvssl server PORT [--tls12|--tls13] ...`: TLS over TCP. Prints "listening on tcp
    /// ADDRESS:PORT", then one handshake line per connection. Each connection is served on its
    /// own task: --www answers one HTTP request like `openssl s_server -www` (one record, then
    /// close_notify); --echo sends every byte back; otherwise what arrives goes to stdout.
    /// --once exits after the first connection; --timeout gives up when no client connects for that long.
    /// </summary>
    internal static class TlsServerCommand
    {
        private const int PollSliceMs = 200;
        private const int HandshakeLimitMs = 10000;
        private const int RequestLimitBytes = 8192;

        public static int Run(CliOptions o, TextWriter stdout, TextWriter stderr, CancellationToken stop)
        {
            stdout = TextWriter.Synchronized(stdout);
            stderr = TextWriter.Synchronized(stderr);
            SslContext context = ContextFactory.Create(o, true);
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            IPAddress bind = IPAddress.Parse(o.Bind);
            if (bind.AddressFamily != AddressFamily.InterNetwork)
                throw new CliUsageException("--bind needs an IPv4 address for TLS, got '" + o.Bind + "'");
            try
            {
                listener.Bind(new IPEndPoint(bind, o.Port));
                listener.Listen(16);
            }
            catch (SocketException e)
            {
                throw new SslException(SslError.SocketError, "cannot listen on tcp " + o.Bind + ":" + o.Port + ": " + e.Message);
            }
            stderr.WriteLine("listening on tcp " + o.Bind + ":" + ((IPEndPoint)listener.LocalEndPoint).Port);
            stderr.Flush();

            long idleLimitMs = o.TimeoutSeconds == null ? -1 : (long)Math.Ceiling(o.TimeoutSeconds.Value * 1000);
            long lastConnection = MonotonicClock.NowMs;
            var running = new List<Task>();
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!listener.Poll(PollSliceMs * 1000, SelectMode.SelectRead))
                    {
                        if (idleLimitMs > 0 && MonotonicClock.NowMs - lastConnection > idleLimitMs)
                        {
                            stderr.WriteLine("error: TimedOut: no TLS client connected for " + o.TimeoutSeconds + " s");
                            return CliApp.Failure;
                        }
                        continue;
                    }
                    Socket tcp = listener.Accept();
                    lastConnection = MonotonicClock.NowMs;
                    if (o.Once) return Serve(context, tcp, o, stdout, stderr, stop);
                    running.RemoveAll(t => t.IsCompleted);
                    running.Add(Task.Run(() => Serve(context, tcp, o, stdout, stderr, stop)));
                }
                return CliApp.Success;
            }
            finally
            {
                Task.WaitAll(running.ToArray(), HandshakeLimitMs);
            }
        }

        // One connection, start to end; the exit code --once returns.
        private static int Serve(SslContext context, Socket tcp, CliOptions o, TextWriter stdout, TextWriter stderr, CancellationToken stop)
        {
            SslSocket ssl = null;
            try
            {
                ssl = context.WrapSocket(tcp, serverSide: true, doHandshakeOnConnect: false);
                ssl.Timeout = HandshakeLimitMs;
                ssl.DoHandshake();
                stderr.WriteLine(CliApp.HandshakeLine(ssl));
                stderr.Flush();
                if (o.Www) AnswerLikeWww(ssl);
                else CopyOrEcho(ssl, o.Echo, stdout, stop);
                return CliApp.Success;
            }
            catch (Exception e) when (e is SslException || e is SocketException || e is IOException)
            {
                stderr.WriteLine(CliApp.Describe(e));
                return CliApp.Failure;
            }
            finally
            {
                if (ssl != null) ssl.Close();
                else tcp.Close();
            }
        }

        // `openssl s_server -www`: read the request to its blank line, answer with ONE record, close.
        private static void AnswerLikeWww(SslSocket ssl)
        {
            int requestBytes = 0;
            string firstLine = null;
            while (true)
            {
                byte[] line = ssl.ReadLine(RequestLimitBytes);
                if (line.Length == 0) break;
                requestBytes += line.Length;
                string text = Encoding.ASCII.GetString(line).TrimEnd('\r', '\n');
                if (firstLine == null) firstLine = text;
                if (text.Length == 0) break;
                if (requestBytes > RequestLimitBytes) throw new SslException(SslError.InvalidArgument, "the HTTP request is longer than " + RequestLimitBytes + " bytes");
            }
            string[] cipher = ssl.Cipher();
            string body = "<html><body><pre>\n"
                + "OpenMvSsl TLS server\n"
                + "Protocol  : " + cipher[1] + "\n"
                + "Cipher    : " + cipher[0] + "\n"
                + (ssl.AlpnProtocol == null ? "" : "ALPN      : " + ssl.AlpnProtocol + "\n")
                + "Request   : " + Escape(firstLine ?? "") + "\n"
                + "</pre></body></html>\n";
            string response = "HTTP/1.0 200 ok\r\nContent-Type: text/html\r\nContent-Length: " + Encoding.ASCII.GetByteCount(body) + "\r\n\r\n" + body;
            ssl.Write(Encoding.ASCII.GetBytes(response));
        }

        private static void CopyOrEcho(SslSocket ssl, bool echo, TextWriter stdout, CancellationToken stop)
        {
            ssl.Timeout = PollSliceMs;
            while (!stop.IsCancellationRequested)
            {
                byte[] data;
                try
                {
                    data = ssl.Recv(16384);
                }
                catch (SslException e) when (e.Error == SslError.TimedOut)
                {
                    continue;
                }
                if (data.Length == 0) return;
                if (echo)
                {
                    ssl.Write(data);
                }
                else
                {
                    stdout.Write(Encoding.UTF8.GetString(data));
                    stdout.Flush();
                }
            }
        }

        private static string Escape(string text)
        {
            return text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        }
    }
}
