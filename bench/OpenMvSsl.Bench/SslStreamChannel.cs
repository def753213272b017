using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Tasks;

namespace OpenMvSsl.Bench
{
    /// <summary>
    /// .NET SslStream (OpenSSL on Linux) over a loopback TCP pair. Transfer writes one record and
    /// reads it back on the same thread (the socket buffer holds it), like the in-memory channels.
    /// </summary>
    internal sealed class SslStreamChannel : IRecordChannel
    {
        private readonly TcpClient clientSocket, serverSocket;
        private readonly SslStream client, server;
        private readonly byte[] received = new byte[70000];

        public SslStreamChannel(Credentials creds, SslProtocols protocol, TlsCipherSuite suite)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                clientSocket = new TcpClient();
                clientSocket.Connect((IPEndPoint)listener.LocalEndpoint);
                serverSocket = listener.AcceptTcpClient();
            }
            finally { listener.Stop(); }
            clientSocket.NoDelay = serverSocket.NoDelay = true;
            client = new SslStream(clientSocket.GetStream(), false);
            server = new SslStream(serverSocket.GetStream(), false);
            var policy = new CipherSuitesPolicy(new[] { suite });
            Task accept = server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = creds.Certificate, EnabledSslProtocols = protocol, CipherSuitesPolicy = policy,
            });
            client.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = "bench.test", EnabledSslProtocols = protocol, CipherSuitesPolicy = policy,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            accept.GetAwaiter().GetResult();
            if (client.NegotiatedCipherSuite != suite) throw new InvalidOperationException("SslStream negotiated " + client.NegotiatedCipherSuite);
        }

        public int MaxRecord => 16384;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.Write(payload, 0, length);
            int got = 0;
            while (got < length)
            {
                int n = server.Read(received, 0, received.Length);
                if (n <= 0) throw new InvalidOperationException("SslStream record not delivered");
                got += n;
            }
        }

        public void Dispose()
        {
            client.Dispose(); server.Dispose(); clientSocket.Dispose(); serverSocket.Dispose();
        }
    }

    /// <summary>The provider's raw AEAD, seal-only or open-only, in place, with a fixed nonce: the ceiling.</summary>
    internal sealed class AeadChannel : IRecordChannel
    {
        private readonly OpenMvSsl.Crypto.IAead aead;
        private readonly bool open;
        private readonly byte[] nonce = new byte[12];
        private readonly byte[] additional = new byte[13];
        private readonly byte[] buffer = new byte[16384 + 16];
        private readonly byte[] sealedCopy = new byte[16384 + 16];
        private int sealedLength = -1;

        public AeadChannel(OpenMvSsl.Crypto.AeadAlgorithm algorithm, bool open)
        {
            aead = Ours.Provider.CreateAead(algorithm, new byte[OpenMvSsl.Crypto.AeadSizes.KeyLength(algorithm)]);
            this.open = open;
        }

        public int MaxRecord => 16384;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            int tag = aead.TagLength;
            if (!open)
            {
                aead.Seal(nonce, additional, payload.AsSpan(0, length), buffer.AsSpan(0, length + tag));
                return;
            }
            if (sealedLength != length)
            {
                aead.Seal(nonce, additional, payload.AsSpan(0, length), sealedCopy.AsSpan(0, length + tag));
                sealedLength = length;
            }
            if (!aead.Open(nonce, additional, sealedCopy.AsSpan(0, length + tag), buffer.AsSpan(0, length)))
                throw new InvalidOperationException("AEAD open failed");
        }

        public void Dispose() => aead.Dispose();
    }
}
