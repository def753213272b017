using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// .NET SslStream as the peer of one connection on 127.0.0.1, in either role, for the TLS 1.2
    /// and TLS 1.3 interop classes. Each call reports the protocol SslStream negotiated, so a test
    /// can check the version as well as the data.
    /// </summary>
    internal static class SslStreamPeer
    {
        /// <summary>A certificate with its private key attached, as SslStream's server side needs.</summary>
        public static X509Certificate2 LoadWithKey(PkiCredential credential)
        {
            using var pem = X509Certificate2.CreateFromPemFile(credential.CertificatePemPath, credential.PrivateKeyPemPath);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        /// <summary>
        /// Accepts one connection, handshakes as the server, reads once (at most <paramref name="maxBytes"/>)
        /// and writes back what it read. Returns "protocol cipher-suite", e.g. "Tls13 TLS_AES_256_GCM_SHA384".
        /// </summary>
        public static Task<string> EchoOnceAsServer(Socket listener, X509Certificate2 certificate, SslProtocols protocol, int maxBytes) =>
            Task.Run(async () =>
            {
                using Socket accepted = await listener.AcceptAsync();
                using var stream = new SslStream(new NetworkStream(accepted, ownsSocket: false));
                await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate, EnabledSslProtocols = protocol,
                });
                var buffer = new byte[maxBytes];
                int n = await stream.ReadAsync(buffer);
                await stream.WriteAsync(buffer.AsMemory(0, n));
                await stream.FlushAsync();
                return stream.SslProtocol + " " + stream.NegotiatedCipherSuite;
            });

        /// <summary>
        /// Connects to <paramref name="port"/>, handshakes as the client for <see cref="TestPki.ServerDnsName"/>,
        /// sends <paramref name="message"/> and reads one reply. Returns "protocol reply", e.g. "Tls12 pong".
        /// </summary>
        public static Task<string> SendOnceAsClient(int port, SslProtocols protocol, string message) =>
            Task.Run(async () =>
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                using var stream = new SslStream(tcp.GetStream(), false, (sender, cert, chain, errors) =>
                    cert != null && errors == SslPolicyErrors.RemoteCertificateChainErrors); // our test CA is not in the OS store
                await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = TestPki.ServerDnsName, EnabledSslProtocols = protocol,
                });
                await stream.WriteAsync(Encoding.ASCII.GetBytes(message));
                var buffer = new byte[256];
                int n = await stream.ReadAsync(buffer);
                return stream.SslProtocol + " " + Encoding.ASCII.GetString(buffer, 0, n);
            });
    }
}
