// Mutual TLS from the device side (seed 12.17.5, "mutual TLS between the cam and a back-end"):
// the client verifies the server against a CA it was given and proves who it is with its own
// certificate. In MicroPython:
//
//   ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
//   ctx.verify_mode = ssl.CERT_REQUIRED
//   ctx.load_verify_locations(cadata=ca)
//   ctx.load_cert_chain(cert, key)
//   s = ctx.wrap_socket(sock, server_hostname="localhost")
//   s.write(b"GET / HTTP/1.0\r\n\r\n")
//   print(s.readline())
//
// usage: MutualTls HOST PORT CLIENT_CERT CLIENT_KEY CA [SERVER_NAME]   (SERVER_NAME default: HOST)
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenMvSsl;

namespace Samples.MutualTls
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 5 && args.Length != 6)
            {
                Console.Error.WriteLine("usage: MutualTls HOST PORT CLIENT_CERT CLIENT_KEY CA [SERVER_NAME]");
                return 2;
            }
            try
            {
                SslContext ctx = new SslContext(SslProtocol.TlsClient);
                ctx.VerifyMode = VerifyMode.CertRequired;
                ctx.LoadVerifyLocations(File.ReadAllBytes(args[4]));
                ctx.LoadCertChain(File.ReadAllBytes(args[2]), File.ReadAllBytes(args[3]));

                Socket sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(new IPEndPoint(Resolve(args[0]), int.Parse(args[1])));
                sock.ReceiveTimeout = 10000;
                SslSocket s = ctx.WrapSocket(sock, serverHostname: args.Length == 6 ? args[5] : args[0]);
                string[] cipher = s.Cipher();
                Console.WriteLine("verified server, " + cipher[1] + " " + cipher[0]);

                s.Write(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n"));
                Console.Write(Encoding.UTF8.GetString(s.ReadLine()));
                s.Close();
                return 0;
            }
            catch (SslException e)
            {
                Console.Error.WriteLine("error: " + e.Error + ": " + e.Message);
                return 1;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        }

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
