// C# twin of the seed chapter's asyncio DTLS sample (12.17.4): handshake while blocking,
// then switch to non-blocking and poll.
//
//   s = ctx.wrap_socket(sock)
//   s.setblocking(False)
//   while True:
//       try:
//           s.send(b"ping")
//       except OSError:
//           pass
//       await asyncio.sleep_ms(period_ms)
//
// nanoFramework has no asyncio; the loop below is what a device main loop looks like. In
// non-blocking mode nothing throws for "would block": Send returns -1 and Recv returns null
// (MicroPython's None). Real failures are SslException; like the seed's `except OSError:
// pass`, the loop reports them and keeps going.
//
// usage: DtlsPollingPing HOST PORT [PSK_IDENTITY PSK_KEY_HEX] [--count N] [--period MS]
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using OpenMvSsl;

namespace Samples.DtlsPollingPing
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            int count = 5;
            int periodMs = 200;
            string[] positional = new string[4];
            int found = 0;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--count" && i + 1 < args.Length) count = int.Parse(args[++i]);
                else if (args[i] == "--period" && i + 1 < args.Length) periodMs = int.Parse(args[++i]);
                else if (found < positional.Length) positional[found++] = args[i];
                else found = 99;
            }
            if (found != 2 && found != 4)
            {
                Console.Error.WriteLine("usage: DtlsPollingPing HOST PORT [PSK_IDENTITY PSK_KEY_HEX] [--count N] [--period MS]");
                return 2;
            }

            SslSocket s;
            try
            {
                Socket sock = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                sock.Connect(new IPEndPoint(IPAddress.Parse(positional[0]), int.Parse(positional[1])));
                sock.ReceiveTimeout = 10000;

                // Handshake while still blocking, then switch to polling.
                SslContext ctx = new SslContext(SslProtocol.DtlsClient);
                if (found == 4)
                {
                    ctx.SetPskIdentity(positional[2]);
                    ctx.SetPskKey(positional[3]);
                }
                s = ctx.WrapSocket(sock);
                s.SetBlocking(false);
            }
            catch (SslException e)
            {
                Console.Error.WriteLine("error: " + e.Error + ": " + e.Message);
                return 1;
            }

            byte[] ping = Encoding.UTF8.GetBytes("ping");
            int replies = 0;
            for (int sent = 0; sent < count; sent++)
            {
                try
                {
                    if (s.Send(ping) < 0) Console.WriteLine("send would block; trying again next period");
                    byte[] reply;
                    while ((reply = s.Recv(64)) != null)
                    {
                        if (reply.Length == 0)
                        {
                            Console.WriteLine("the server closed the connection");
                            s.Close();
                            return replies > 0 ? 0 : 1;
                        }
                        replies++;
                        Console.WriteLine("reply: " + Encoding.UTF8.GetString(reply));
                    }
                }
                catch (SslException e)
                {
                    Console.WriteLine("error (ignored, as in the seed): " + e.Error + ": " + e.Message);
                }
                Thread.Sleep(periodMs); // asyncio.sleep_ms(period_ms): the rest of the program runs here
            }

            // Give the last replies one more period to arrive.
            Thread.Sleep(periodMs);
            byte[] late;
            while ((late = s.Recv(64)) != null && late.Length > 0)
            {
                replies++;
                Console.WriteLine("reply: " + Encoding.UTF8.GetString(late));
            }
            s.Close();
            Console.WriteLine(count + " pings sent, " + replies + " replies");
            return replies > 0 ? 0 : 1;
        }
    }
}
