// C# twin of the seed chapter's "Encrypting an outbound connection" sample (12.17.2):
//
//   addr = socket.getaddrinfo("example.com", 443)[0][-1]
//   sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
//   sock.connect(addr)
//   s = ssl.wrap_socket(sock)
//   s.send(b"GET / HTTP/1.0\r\nHost: example.com\r\n\r\n")
//   print(s.recv(4096))
//   s.close()
//
// usage: HttpsGet [HOST [PORT]]   (default example.com 443, as in the chapter)
// Encryption only (CERT_NONE): whoever answers is not checked; see MutualTls for verification.
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenMvSsl;

namespace Samples.HttpsGet
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            string host = args.Length > 0 ? args[0] : "example.com";
            int port = args.Length > 1 ? int.Parse(args[1]) : 443;
            try
            {
                IPEndPoint addr = new IPEndPoint(Resolve(host), port);
                Socket sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(addr);
                sock.ReceiveTimeout = 10000; // the SslSocket starts with the socket's timeout

                SslSocket s = Ssl.WrapSocket(sock);

                s.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n"));
                Console.WriteLine(Encoding.UTF8.GetString(s.Recv(4096)));
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
