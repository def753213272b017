// The chapter's server side (12.17.2, last paragraph): "the same wrap works for incoming TCP
// traffic, by selecting the server protocol and passing server_side=True" - with a certificate
// of its own, as the chapter says a useful TLS server needs. In MicroPython:
//
//   s = ssl.wrap_socket(client_sock, server_side=True, key=key, cert=cert)
//   s.write(s.readline())
//   s.close()
//
// usage: TlsServer PORT [CERT_PEM KEY_PEM] [--once]
// Without CERT/KEY it makes a throwaway self-signed ECDSA certificate. Each client: one line
// read, the same line sent back, close.
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenMvSsl;

namespace Samples.TlsServer
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            bool once = false;
            string[] positional = new string[args.Length];
            int count = 0;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--once") once = true;
                else positional[count++] = args[i];
            }
            if (count != 1 && count != 3)
            {
                Console.Error.WriteLine("usage: TlsServer PORT [CERT_PEM KEY_PEM] [--once]");
                return 2;
            }
            try
            {
                byte[] cert, key;
                if (count == 3)
                {
                    cert = File.ReadAllBytes(positional[1]);
                    key = File.ReadAllBytes(positional[2]);
                }
                else
                {
                    ThrowawayCertificate(out cert, out key);
                }

                Socket listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, int.Parse(positional[0])));
                listener.Listen(4);
                Console.WriteLine("listening on 127.0.0.1:" + ((IPEndPoint)listener.LocalEndPoint).Port);
                while (true)
                {
                    Socket client = listener.Accept();
                    client.ReceiveTimeout = 10000;
                    SslSocket s = null;
                    try
                    {
                        s = Ssl.WrapSocket(client, serverSide: true, key: key, cert: cert);
                        string[] cipher = s.Cipher();
                        Console.WriteLine("handshake " + cipher[1] + " " + cipher[0]);
                        byte[] line = s.ReadLine();
                        Console.Write("echo: " + Encoding.UTF8.GetString(line));
                        s.Write(line);
                    }
                    catch (SslException e)
                    {
                        Console.Error.WriteLine("error: " + e.Error + ": " + e.Message);
                        if (once) return 1;
                    }
                    finally
                    {
                        if (s != null) s.Close();
                        else client.Close();
                    }
                    if (once) return 0;
                }
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

        // Desktop only (a device loads its certificate from flash): a self-signed P-256 pair as PEM.
        private static void ThrowawayCertificate(out byte[] cert, out byte[] key)
        {
            using (ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                CertificateRequest request = new CertificateRequest("CN=localhost", ec, HashAlgorithmName.SHA256);
                using (X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30)))
                {
                    cert = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());
                    key = Encoding.ASCII.GetBytes(ec.ExportPkcs8PrivateKeyPem());
                }
            }
        }
    }
}
