// C# twin of the seed chapter's "DTLS - TLS over UDP" sample (12.17.4):
//
//   sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
//   sock.connect(socket.getaddrinfo("example.com", 4433)[0][-1])
//   ctx = ssl.SSLContext(ssl.PROTOCOL_DTLS_CLIENT)
//   s = ctx.wrap_socket(sock)
//   s.send(b"ping")
//   print(s.recv(64))
//   s.close()
//
// usage: DtlsPing HOST PORT [PSK_IDENTITY PSK_KEY_HEX]
// Without a PSK this is the chapter's encryption-only mode (CERT_NONE): it talks to whatever
// server answers, which proves nothing about who that server is.
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenMvSsl;

namespace Samples.DtlsPing
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 2 && args.Length != 4)
            {
                Console.Error.WriteLine("usage: DtlsPing HOST PORT [PSK_IDENTITY PSK_KEY_HEX]");
                return 2;
            }
            try
            {
                Socket sock = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                sock.Connect(new IPEndPoint(Resolve(args[0]), int.Parse(args[1])));
                sock.ReceiveTimeout = 10000; // the SslSocket starts with the socket's timeout

                SslContext ctx = new SslContext(SslProtocol.DtlsClient);
                if (args.Length == 4)
                {
                    ctx.SetPskIdentity(args[2]);
                    ctx.SetPskKey(args[3]);
                }
                SslSocket s = ctx.WrapSocket(sock);

                s.Send(Encoding.UTF8.GetBytes("ping"));
                Console.WriteLine(Encoding.UTF8.GetString(s.Recv(64)));
                s.Close();
                return 0;
            }
            catch (SslException e)
            {
                Console.Error.WriteLine("error: " + e.Error + ": " + e.Message);
                return 1;
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        }

        // socket.getaddrinfo(host, port)[0][-1], IPv4 first.
        private static IPAddress Resolve(string host)
        {
            IPAddress address;
            if (IPAddress.TryParse(host, out address)) return address;
            IPAddress[] all = Dns.GetHostEntry(host).AddressList;
            for (int i = 0; i < all.Length; i++)
                if (all[i].AddressFamily == AddressFamily.InterNetwork) return all[i];
            return all[0];
        }
    }
}
