// A DTLS echo server for the ping samples: one DtlsListener serves every client on one UDP
// socket (the cookie exchange keeps spoofed senders from costing any memory).
//
// usage: DtlsEchoServer PORT [PSK_IDENTITY PSK_KEY_HEX] [--once]
// Without a PSK it makes a throwaway self-signed certificate, which is what the encryption-only
// (CERT_NONE) ping needs. --once exits after the first client closes. It prints
// "listening on 127.0.0.1:PORT" once ready.
using System;
using System.Collections;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenMvSsl;

namespace Samples.DtlsEchoServer
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            bool once = false;
            string[] positional = new string[3];
            int found = 0;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--once") once = true;
                else if (found < positional.Length) positional[found++] = args[i];
                else found = 99;
            }
            if (found != 1 && found != 3)
            {
                Console.Error.WriteLine("usage: DtlsEchoServer PORT [PSK_IDENTITY PSK_KEY_HEX] [--once]");
                return 2;
            }

            SslContext ctx = new SslContext(SslProtocol.DtlsServer);
            if (found == 3)
            {
                PskKeyTable keys = new PskKeyTable();
                keys.Add(positional[1], positional[2]);
                ctx.ServerPskKeys = keys;
            }
            else
            {
                byte[][] credentials = ThrowawayCertificate();
                ctx.LoadCertChain(credentials[0], credentials[1]);
            }

            DtlsListener listener = DtlsListener.Bind(ctx, "127.0.0.1", int.Parse(positional[0]));
            Console.WriteLine("listening on 127.0.0.1:" + listener.Port);

            ArrayList clients = new ArrayList();
            while (true)
            {
                listener.Poll(1000);
                SslSocket client;
                try
                {
                    while ((client = listener.AcceptPeer(0)) != null)
                    {
                        client.SetBlocking(false);
                        clients.Add(client);
                        string[] cipher = client.Cipher();
                        Console.WriteLine(client.PeerName + ": handshake " + cipher[1] + " " + cipher[0]);
                    }
                }
                catch (SslException e)
                {
                    Console.WriteLine("handshake failed: " + e.Error + ": " + e.Message);
                }

                for (int i = clients.Count - 1; i >= 0; i--)
                {
                    client = (SslSocket)clients[i];
                    try
                    {
                        byte[] data;
                        while ((data = client.Recv(2048)) != null)
                        {
                            if (data.Length == 0)
                            {
                                Console.WriteLine(client.PeerName + ": closed");
                                client.Close();
                                clients.RemoveAt(i);
                                if (once)
                                {
                                    listener.Close();
                                    return 0;
                                }
                                break;
                            }
                            Console.WriteLine(client.PeerName + ": " + Encoding.UTF8.GetString(data));
                            client.Send(data);
                        }
                    }
                    catch (SslException e)
                    {
                        Console.WriteLine(client.PeerName + ": " + e.Error + ": " + e.Message);
                        client.Close();
                        clients.RemoveAt(i);
                    }
                }
            }
        }

        // Desktop only: a P-256 self-signed certificate and its key, as PEM.
        private static byte[][] ThrowawayCertificate()
        {
            using (ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                CertificateRequest request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
                using (X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30)))
                {
                    return new byte[][]
                    {
                        Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()),
                        Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()),
                    };
                }
            }
        }
    }
}
