using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;

namespace OpenMvSsl.Cli
{
    /// <summary>Runs one command; every failure ends as ONE line "error: ..." on stderr.</summary>
    internal static class CliApp
    {
        public const int Success = 0;
        public const int Failure = 1;
        public const int UsageError = 2;

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop)
        {
            CliOptions options;
            try
            {
                options = CliParser.Parse(args);
            }
            catch (CliUsageException e)
            {
                stderr.WriteLine("error: " + OneLine(e.Message) + " (openmvssl --help shows the usage)");
                return UsageError;
            }

            try
            {
                CryptoSetup.UseDesktopProvider();
                switch (options.Command)
                {
                    case CliCommand.Help:
                        stdout.Write(CliParser.Usage);
                        return Success;
                    case CliCommand.Demo:
                        return DemoCommand.Run(stdout, stderr);
                    case CliCommand.Client:
                        return options.Dtls ? ClientCommand.Run(options, stdout, stderr) : TlsClientCommand.Run(options, stdout, stderr);
                    default:
                        return options.Dtls ? ServerCommand.Run(options, stdout, stderr, stop) : TlsServerCommand.Run(options, stdout, stderr, stop);
                }
            }
            catch (Exception e)
            {
                stderr.WriteLine(Describe(e));
                return Failure;
            }
        }

        /// <summary>The one error line for an exception.</summary>
        public static string Describe(Exception e)
        {
            switch (e)
            {
                case SslException ssl:
                    return "error: " + ssl.Error + ": " + OneLine(ssl.Message);
                case CliUsageException usage:
                    return "error: " + OneLine(usage.Message);
                case SocketException socket:
                    return "error: SocketError: " + OneLine(socket.Message);
                case IOException io:
                    return "error: " + OneLine(io.Message);
                case UnauthorizedAccessException access:
                    return "error: " + OneLine(access.Message);
                default:
                    return "error: " + e.GetType().Name + ": " + OneLine(e.Message);
            }
        }

        public static string OneLine(string text)
        {
            return text == null ? "" : text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
        }

        /// <summary>A received datagram as text, one line each (its own newline is not doubled).</summary>
        public static void WriteData(TextWriter stdout, byte[] data)
        {
            string text = System.Text.Encoding.UTF8.GetString(data);
            if (text.EndsWith("\n", StringComparison.Ordinal)) stdout.Write(text);
            else stdout.WriteLine(text);
            stdout.Flush();
        }

        public static string HandshakeLine(SslSocket socket)
        {
            string[] cipher = socket.Cipher();
            string alpn = socket.AlpnProtocol;
            return "handshake version=" + cipher[1] + " cipher=" + cipher[0] + (alpn == null ? "" : " alpn=" + alpn);
        }
    }
}
