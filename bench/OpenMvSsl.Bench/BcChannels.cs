using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Bench
{
    /// <summary>BouncyCastle 2.7 peers configured like ours: the same suite, P-256, no certificate checks.</summary>
    internal static class Bc
    {
        public static BcTlsCrypto NewCrypto() => new BcTlsCrypto(new SecureRandom());

        private sealed class PskKeys : TlsPskIdentityManager
        {
            public byte[] GetHint() => null;
            public byte[] GetPsk(byte[] identity) => identity.AsSpan().SequenceEqual(Credentials.PskIdentity) ? Credentials.PskKey : null;
        }

        internal sealed class PskClient : PskTlsClient
        {
            private readonly int suite; private readonly ProtocolVersion[] versions;
            public PskClient(TlsCrypto crypto, int suite, ProtocolVersion[] versions)
                : base(crypto, new BasicTlsPskIdentity(Credentials.PskIdentity, Credentials.PskKey)) { this.suite = suite; this.versions = versions; }
            protected override int[] GetSupportedCipherSuites() => new[] { suite };
            protected override ProtocolVersion[] GetSupportedVersions() => versions;
        }

        internal sealed class PskServer : PskTlsServer
        {
            private readonly int suite; private readonly ProtocolVersion[] versions;
            public PskServer(TlsCrypto crypto, int suite, ProtocolVersion[] versions) : base(crypto, new PskKeys()) { this.suite = suite; this.versions = versions; }
            protected override int[] GetSupportedCipherSuites() => new[] { suite };
            protected override ProtocolVersion[] GetSupportedVersions() => versions;
        }

        private sealed class AcceptAnything : ServerOnlyTlsAuthentication
        {
            public override void NotifyServerCertificate(TlsServerCertificate serverCertificate) { }
        }

        internal sealed class CertClient : DefaultTlsClient
        {
            private readonly int suite; private readonly ProtocolVersion[] versions;
            public CertClient(TlsCrypto crypto, int suite, ProtocolVersion[] versions) : base(crypto) { this.suite = suite; this.versions = versions; }
            protected override int[] GetSupportedCipherSuites() => new[] { suite };
            protected override ProtocolVersion[] GetSupportedVersions() => versions;
            // The same group as ours (secp256r1), so that both sides do the same key agreement.
            protected override IList<int> GetSupportedGroups(IList<int> namedGroupRoles) => new List<int> { NamedGroup.secp256r1 };
            public override TlsAuthentication GetAuthentication() => new AcceptAnything();
        }

        internal sealed class CertServer : DefaultTlsServer
        {
            private readonly int suite; private readonly ProtocolVersion[] versions; private readonly Credentials creds; private readonly AsymmetricKeyParameter key;
            public CertServer(TlsCrypto crypto, int suite, ProtocolVersion[] versions, Credentials creds, AsymmetricKeyParameter key) : base(crypto)
            { this.suite = suite; this.versions = versions; this.creds = creds; this.key = key; }
            protected override int[] GetSupportedCipherSuites() => new[] { suite };
            protected override ProtocolVersion[] GetSupportedVersions() => versions;
            public override TlsCredentials GetCredentials()
            {
                var crypto = (BcTlsCrypto)m_context.Crypto;
                TlsCertificate certificate = crypto.CreateCertificate(creds.CertificateDer);
                Certificate chain = TlsUtilities.IsTlsV13(m_context)
                    ? new Certificate(TlsUtilities.EmptyBytes, new[] { new CertificateEntry(certificate, null) })
                    : new Certificate(new[] { certificate });
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), crypto, key, chain,
                    new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        }

        public static AsymmetricKeyParameter Key(Credentials creds) => PrivateKeyFactory.CreateKey(creds.PrivateKeyPkcs8);

        /// <summary>A client and server peer for one suite (PSK when psk).</summary>
        public static (TlsClient, TlsServer) Peers(bool psk, int suite, ProtocolVersion[] versions, Credentials creds, AsymmetricKeyParameter key)
        {
            if (psk) return (new PskClient(NewCrypto(), suite, versions), new PskServer(NewCrypto(), suite, versions));
            return (new CertClient(NewCrypto(), suite, versions), new CertServer(NewCrypto(), suite, versions, creds, key));
        }

        /// <summary>DTLS handshake: the blocking server runs on a pool thread, the client here.</summary>
        public static (DtlsTransport client, DtlsTransport server) ConnectDtls(TlsClient client, TlsServer server, int mtu)
        {
            var (a, b) = MemoryDatagramTransport.Pair(mtu);
            var accept = Task.Run(() => new DtlsServerProtocol().Accept(server, b));
            DtlsTransport c = new DtlsClientProtocol().Connect(client, a);
            DtlsTransport s = accept.GetAwaiter().GetResult();
            return (c, s);
        }

        /// <summary>TLS handshake with both protocols in non-blocking mode, on this thread.</summary>
        public static (TlsClientProtocol client, TlsServerProtocol server) ConnectTls(TlsClient client, TlsServer server, byte[] scratch)
        {
            var c = new TlsClientProtocol();
            var s = new TlsServerProtocol();
            c.Connect(client);
            s.Accept(server);
            for (int i = 0; i < 1000 && (c.IsHandshaking || s.IsHandshaking || c.GetAvailableOutputBytes() > 0 || s.GetAvailableOutputBytes() > 0); i++)
            {
                Move(c, s, scratch);
                Move(s, c, scratch);
            }
            if (c.IsHandshaking || s.IsHandshaking) throw new InvalidOperationException("BouncyCastle TLS handshake stalled");
            return (c, s);
        }

        public static void Move(TlsProtocol from, TlsProtocol to, byte[] scratch)
        {
            int n;
            while ((n = from.GetAvailableOutputBytes()) > 0)
            {
                n = from.ReadOutput(scratch, 0, Math.Min(n, scratch.Length));
                to.OfferInput(scratch, 0, n);
            }
        }
    }

    /// <summary>
    /// Two ends of an in-memory datagram link for BouncyCastle's blocking DTLS. Buffers are pooled
    /// so that the link itself allocates nothing in steady state.
    /// </summary>
    internal sealed class MemoryDatagramTransport : DatagramTransport
    {
        private readonly object gate;
        private readonly Queue<(byte[] data, int length)> inbox, outbox;
        private readonly Stack<byte[]> pool;
        private readonly int mtu;

        private MemoryDatagramTransport(object gate, Queue<(byte[], int)> inbox, Queue<(byte[], int)> outbox, Stack<byte[]> pool, int mtu)
        { this.gate = gate; this.inbox = inbox; this.outbox = outbox; this.pool = pool; this.mtu = mtu; }

        public static (MemoryDatagramTransport, MemoryDatagramTransport) Pair(int mtu)
        {
            var gate = new object();
            var pool = new Stack<byte[]>();
            var ab = new Queue<(byte[], int)>(); var ba = new Queue<(byte[], int)>();
            return (new MemoryDatagramTransport(gate, ba, ab, pool, mtu), new MemoryDatagramTransport(gate, ab, ba, pool, mtu));
        }

        public int GetReceiveLimit() => mtu;
        public int GetSendLimit() => mtu;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            lock (gate)
            {
                if (inbox.Count == 0 && waitMillis > 0) Monitor.Wait(gate, waitMillis);
                if (inbox.Count == 0) return -1;
                var (data, length) = inbox.Dequeue();
                int n = Math.Min(length, buffer.Length);
                data.AsSpan(0, n).CopyTo(buffer);
                pool.Push(data);
                return n;
            }
        }

        public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

        public void Send(ReadOnlySpan<byte> buffer)
        {
            lock (gate)
            {
                byte[] data = pool.Count > 0 ? pool.Pop() : null;
                if (data == null || data.Length < buffer.Length) data = new byte[Math.Max(buffer.Length, mtu)];
                buffer.CopyTo(data);
                outbox.Enqueue((data, buffer.Length));
                Monitor.PulseAll(gate);
            }
        }

        public void Close() { }
    }

    internal sealed class BcDtlsChannel : IRecordChannel
    {
        private readonly DtlsTransport client, server;
        private readonly byte[] received = new byte[70000];

        public BcDtlsChannel(TlsClient c, TlsServer s, int mtu) { (client, server) = Bc.ConnectDtls(c, s, mtu); }
        public int MaxRecord => client.GetSendLimit();
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.Send(payload, 0, length);
            int got = server.Receive(received, 0, received.Length, 1000);
            if (got != length) throw new InvalidOperationException("BouncyCastle DTLS record not delivered (" + got + ")");
        }

        public void Dispose() { }
    }

    internal sealed class BcTlsChannel : IRecordChannel
    {
        private readonly TlsClientProtocol client;
        private readonly TlsServerProtocol server;
        private readonly byte[] scratch = new byte[40000];
        private readonly byte[] received = new byte[40000];

        public BcTlsChannel(TlsClient c, TlsServer s) { (client, server) = Bc.ConnectTls(c, s, scratch); }
        public int MaxRecord => 16384;
        public bool UsesThreads => false;

        public void Transfer(byte[] payload, int length)
        {
            client.WriteApplicationData(payload, 0, length);
            Bc.Move(client, server, scratch);
            int got = 0;
            while (got < length)
            {
                int n = server.ReadInput(received, 0, received.Length);
                if (n <= 0) throw new InvalidOperationException("BouncyCastle TLS record not delivered");
                got += n;
            }
        }

        public void Dispose() { }
    }
}
