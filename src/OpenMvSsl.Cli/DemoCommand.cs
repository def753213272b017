using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;

namespace OpenMvSsl.Cli
{
    /// <summary>
    /// `openmvssl demo`: our DTLS server and client in one process on 127.0.0.1 (a random port),
    /// once with a pre-shared key and once with a throwaway ECDSA P-256 certificate made in
    /// memory; then TLS 1.3 and TLS 1.2 over TCP with that certificate (verified); prints
    /// version, cipher suite and the round-trip time of a few pings.
    /// </summary>
    internal static class DemoCommand
    {
        private const int Pings = 5;
        private const int TimeoutMs = 10000;

        public static int Run(TextWriter stdout, TextWriter stderr)
        {
            stdout.WriteLine("OpenMvSsl demo: DTLS 1.2 client and server in this process on 127.0.0.1");

            var pskServer = new SslContext(SslProtocol.DtlsServer);
            var keys = new PskKeyTable();
            keys.Add("demo-device", "00112233445566778899aabbccddeeff");
            pskServer.ServerPskKeys = keys;
            var pskClient = new SslContext(SslProtocol.DtlsClient);
            pskClient.SetPskIdentity("demo-device");
            pskClient.SetPskKey("00112233445566778899aabbccddeeff");
            Round(stdout, "psk", pskServer, pskClient, null);

            (byte[] certPem, byte[] keyPem) = MakeCertificate("localhost");
            var certServer = new SslContext(SslProtocol.DtlsServer);
            certServer.LoadCertChain(certPem, keyPem);
            var certClient = new SslContext(SslProtocol.DtlsClient);
            certClient.VerifyMode = VerifyMode.CertRequired;
            certClient.LoadVerifyLocations(certPem);
            Round(stdout, "ecdsa", certServer, certClient, "localhost");

            stdout.WriteLine("OpenMvSsl demo: TLS client and server in this process on 127.0.0.1 (TCP)");
            var tlsServer = new SslContext(SslProtocol.TlsServer);
            tlsServer.LoadCertChain(certPem, keyPem);
            foreach (bool pin12 in new[] { false, true })
            {
                var tlsClient = new SslContext(SslProtocol.TlsClient);
                tlsClient.VerifyMode = VerifyMode.CertRequired;
                tlsClient.LoadVerifyLocations(certPem);
                if (pin12) tlsClient.MaximumVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
                TlsRound(stdout, pin12 ? "tls12" : "tls13", tlsServer, tlsClient, "localhost");
            }

            stdout.WriteLine("demo ok");
            return CliApp.Success;
        }

        private static void Round(TextWriter stdout, string name, SslContext serverContext, SslContext clientContext, string serverName)
        {
            using DtlsListener listener = DtlsListener.Bind(serverContext, "127.0.0.1", 0);
            Exception serverFailure = null;
            var server = new Thread(() =>
            {
                try
                {
                    Echo(listener);
                }
                catch (Exception e)
                {
                    serverFailure = e;
                }
            }) { IsBackground = true, Name = "demo server" };
            server.Start();

            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Connect(new IPEndPoint(IPAddress.Loopback, listener.Port));
            var clock = Stopwatch.StartNew();
            SslSocket client = clientContext.WrapSocket(udp, serverSide: false, doHandshakeOnConnect: false, serverHostname: serverName);
            client.Timeout = TimeoutMs;
            client.DoHandshake();
            double handshakeMs = clock.Elapsed.TotalMilliseconds;
            string[] cipher = client.Cipher();
            stdout.WriteLine(name + ": handshake version=" + cipher[1] + " cipher=" + cipher[0] + " in " + handshakeMs.ToString("0.0") + " ms");

            for (int i = 1; i <= Pings; i++)
            {
                byte[] ping = Encoding.ASCII.GetBytes("ping " + i);
                clock.Restart();
                client.Send(ping);
                byte[] reply = client.Recv(64);
                double rtt = clock.Elapsed.TotalMilliseconds;
                bool same = reply != null && reply.AsSpan().SequenceEqual(ping);
                stdout.WriteLine(name + ": " + Encoding.ASCII.GetString(ping) + " -> " + (same ? "echoed" : "WRONG REPLY") + " in " + rtt.ToString("0.000") + " ms");
                if (!same) throw new SslException(SslError.InvalidState, "the demo server answered " + (reply == null ? "nothing" : "'" + Encoding.ASCII.GetString(reply) + "'"));
            }
            client.Close();
            if (!server.Join(TimeoutMs)) throw new SslException(SslError.TimedOut, "the demo server did not finish");
            if (serverFailure != null) throw serverFailure;
        }

        // One TCP connection: handshake, a few echoed lines, close_notify both ways.
        private static void TlsRound(TextWriter stdout, string name, SslContext serverContext, SslContext clientContext, string serverName)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            Exception serverFailure = null;
            var server = new Thread(() =>
            {
                try
                {
                    if (!listener.Poll(TimeoutMs * 1000, SelectMode.SelectRead)) throw new SslException(SslError.TimedOut, "no client reached the demo server");
                    Socket accepted = listener.Accept();
                    accepted.ReceiveTimeout = TimeoutMs;
                    SslSocket peer = serverContext.WrapSocket(accepted, serverSide: true);
                    while (true)
                    {
                        byte[] line = peer.ReadLine();
                        if (line.Length == 0) break;
                        peer.Write(line);
                    }
                    peer.Close();
                }
                catch (Exception e)
                {
                    serverFailure = e;
                }
            }) { IsBackground = true, Name = "demo tls server" };
            server.Start();

            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Connect(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndPoint).Port));
            var clock = Stopwatch.StartNew();
            SslSocket client = clientContext.WrapSocket(tcp, serverSide: false, doHandshakeOnConnect: false, serverHostname: serverName);
            client.Timeout = TimeoutMs;
            client.DoHandshake();
            double handshakeMs = clock.Elapsed.TotalMilliseconds;
            string[] cipher = client.Cipher();
            stdout.WriteLine(name + ": handshake version=" + cipher[1] + " cipher=" + cipher[0] + " in " + handshakeMs.ToString("0.0") + " ms");
            for (int i = 1; i <= Pings; i++)
            {
                byte[] ping = Encoding.ASCII.GetBytes("ping " + i + "\n");
                clock.Restart();
                client.Write(ping);
                byte[] reply = client.ReadLine();
                double rtt = clock.Elapsed.TotalMilliseconds;
                bool same = reply != null && reply.AsSpan().SequenceEqual(ping);
                stdout.WriteLine(name + ": ping " + i + " -> " + (same ? "echoed" : "WRONG REPLY") + " in " + rtt.ToString("0.000") + " ms");
                if (!same) throw new SslException(SslError.InvalidState, "the demo TLS server answered " + (reply == null ? "nothing" : "'" + Encoding.ASCII.GetString(reply) + "'"));
            }
            client.Close();
            if (!server.Join(TimeoutMs)) throw new SslException(SslError.TimedOut, "the demo TLS server did not finish");
            if (serverFailure != null) throw serverFailure;
        }

        private static void Echo(DtlsListener listener)
        {
            SslSocket peer = listener.AcceptPeer(TimeoutMs);
            if (peer == null) throw new SslException(SslError.TimedOut, "no client reached the demo server");
            peer.Timeout = TimeoutMs;
            while (true)
            {
                byte[] data = peer.Recv(2048);
                if (data.Length == 0) break;
                peer.Send(data);
            }
            peer.Close();
        }

        // A throwaway self-signed P-256 certificate for `name`, as PEM (certificate, PKCS#8 key).
        private static (byte[], byte[]) MakeCertificate(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(name);
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            return (Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()), Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        }
    }
}
