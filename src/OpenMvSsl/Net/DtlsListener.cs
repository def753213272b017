using System;
using System.Collections;
using System.Net;
using System.Net.Sockets;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    /// <summary>
    /// A DTLS server for many clients on ONE unconnected, bound UDP socket (beyond MicroPython,
    /// whose model is one connected socket per client). Datagrams are sorted by the sender's
    /// address. A sender the listener has no state for gets only the stateless cookie exchange
    /// (RFC 6347 4.2.1): an engine, and with it memory, exists only once a ClientHello comes
    /// back with a valid cookie (<see cref="EnginesCreated"/> counts them). Peers are bounded
    /// (<see cref="MaxPeers"/>) and forgotten after <see cref="IdleTimeoutMs"/> of silence.
    ///
    /// Single-threaded use: call <see cref="Poll"/> or <see cref="AcceptPeer"/> and the peers'
    /// non-blocking Recv in one loop. Threads are fine too (one per peer): every call takes the
    /// listener's lock and waits on the socket outside it, in slices of at most 100 ms.
    /// </summary>
    public sealed class DtlsListener : IDisposable
    {
        private const int MaxWaitSliceMs = 100;
        private const int MaxDatagramsPerPump = 64;

        private readonly SslContext context;
        private readonly Socket socket;
        private readonly int maxPeers;
        private readonly object sync = new object();
        private readonly ArrayList peers = new ArrayList();
        private readonly byte[] receiveBuffer;
        private readonly byte[] responseBuffer;
        private readonly byte[] cookieSecret;
        private readonly IListenerBackend backend;
        private readonly IPAddress anyAddress;
        private int idleTimeoutMs = 60000;
        private bool closed;

        private long enginesCreated;
        private long helloVerifyRequestsSent;
        private long datagramsDropped;
        private long peersRefused;
        private long peersExpired;
        private long sendErrors;

        /// <summary>
        /// Serves <paramref name="socket"/> (UDP, bound, not connected) with a DtlsServer
        /// context's credentials and settings.
        /// </summary>
        public DtlsListener(SslContext context, Socket socket, int maxPeers = 16)
            : this(context, socket, maxPeers, null)
        {
        }

        internal DtlsListener(SslContext context, Socket socket, int maxPeers, IListenerBackend backend)
        {
            if (context == null) throw new SslException(SslError.InvalidArgument, "context is null");
            if (socket == null) throw new SslException(SslError.InvalidArgument, "socket is null");
            if (context.Protocol != SslProtocol.DtlsServer)
                throw new SslException(SslError.InvalidArgument, "DtlsListener needs an SslContext(SslProtocol.DtlsServer)");
            if (socket.SocketType != SocketType.Dgram)
                throw new SslException(SslError.InvalidArgument, "DtlsListener needs a UDP socket (SocketType.Dgram)");
            if (maxPeers < 1) throw new SslException(SslError.InvalidArgument, "maxPeers must be at least 1, got " + maxPeers);
            IPEndPoint local = socket.LocalEndPoint as IPEndPoint;
            if (local == null || local.Port == 0)
                throw new SslException(SslError.InvalidArgument, "the UDP socket is not bound: call socket.Bind(new IPEndPoint(address, port)) first");
            // Configuration errors show up here, not at the first client.
            context.CreateEngineSettings(true, null, null);

            this.context = context;
            this.socket = socket;
            this.maxPeers = maxPeers;
#if NANOFRAMEWORK
            anyAddress = IPAddress.Any; // nanoFramework's sockets are IPv4 only
#else
            anyAddress = local.Address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
#endif
            receiveBuffer = new byte[context.ReceiveBufferSize];
            responseBuffer = new byte[context.ReceiveBufferSize];
            if (backend == null)
            {
                ICryptoProvider provider = CryptoProviders.Require(context.Provider);
                cookieSecret = new byte[32];
                provider.GetRandomBytes(cookieSecret);
                backend = new DtlsListenerBackend(new DtlsCookieGate(provider, cookieSecret));
            }
            this.backend = backend;
        }

        /// <summary>Creates a UDP socket bound to <paramref name="address"/>:<paramref name="port"/> (0: any free port) and serves it.</summary>
        public static DtlsListener Bind(SslContext context, string address, int port, int maxPeers = 16)
        {
            if (address == null) throw new SslException(SslError.InvalidArgument, "address is null");
            IPAddress ip;
            try
            {
                ip = IPAddress.Parse(address);
            }
            catch (Exception)
            {
                throw new SslException(SslError.InvalidArgument, "not an IP address: " + address);
            }
            Socket udp = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(ip, port));
                return new DtlsListener(context, udp, maxPeers);
            }
            catch (SocketException e)
            {
                udp.Close();
                throw SocketSupport.Wrap(e, "binding UDP " + address + ":" + port);
            }
            catch (SslException)
            {
                udp.Close();
                throw;
            }
        }

        // ---- settings and counters ----------------------------------------------------------

        public int MaxPeers { get { return maxPeers; } }

        /// <summary>A peer that sends nothing for this long is forgotten (default 60000 ms).</summary>
        public int IdleTimeoutMs
        {
            get { return idleTimeoutMs; }
            set
            {
                if (value <= 0) throw new SslException(SslError.InvalidArgument, "IdleTimeoutMs must be positive, got " + value);
                idleTimeoutMs = value;
            }
        }

        /// <summary>The bound local address and port.</summary>
        public EndPoint LocalEndPoint { get { return socket.LocalEndPoint; } }

        /// <summary>Port the listener is bound to.</summary>
        public int Port { get { return ((IPEndPoint)socket.LocalEndPoint).Port; } }

        /// <summary>Peers with state: handshaking, accepted, or failed and not yet reported.</summary>
        public int PeerCount { get { lock (sync) { return peers.Count; } } }

        /// <summary>Engines created: one per ClientHello that came back with a valid cookie.</summary>
        public long EnginesCreated { get { lock (sync) { return enginesCreated; } } }

        public long HelloVerifyRequestsSent { get { lock (sync) { return helloVerifyRequestsSent; } } }

        /// <summary>Datagrams from unknown senders that were not a ClientHello (or were malformed).</summary>
        public long DatagramsDropped { get { lock (sync) { return datagramsDropped; } } }

        /// <summary>Valid ClientHellos turned away because MaxPeers peers were busy.</summary>
        public long PeersRefused { get { lock (sync) { return peersRefused; } } }

        public long PeersExpired { get { lock (sync) { return peersExpired; } } }

        /// <summary>Datagrams the socket refused to send (UDP send errors never stop the listener).</summary>
        public long SendErrors { get { lock (sync) { return sendErrors; } } }

        // ---- accepting ----------------------------------------------------------------------

        /// <summary>
        /// The next peer whose handshake completed, as an SslSocket (blocking, Timeout -1; its
        /// Send/Recv go through this listener). Waits up to <paramref name="timeoutMs"/> (-1
        /// forever, 0 just look) and returns null when none is ready (the would-block rule).
        /// A peer whose handshake failed is reported once by throwing its SslException (the
        /// message names the peer) and then forgotten; call AcceptPeer again.
        /// </summary>
        public SslSocket AcceptPeer(int timeoutMs)
        {
            long deadline = DtlsChannel.Deadline(timeoutMs);
            bool waited = false;
            while (true)
            {
                int wait;
                lock (sync)
                {
                    CheckOpen();
                    long now = MonotonicClock.NowMs;
                    ServiceAll(now);
                    ListenerPeerChannel ready = FindFinishedHandshake();
                    if (ready != null)
                    {
                        if (ready.PeerEngine.IsHandshakeComplete)
                        {
                            ready.Accepted = true;
                            return new SslSocket(ready, -1);
                        }
                        SslException failure = ready.PeerEngine.Failure;
                        Forget(ready, "the handshake failed");
                        throw new SslException(failure != null ? failure.Error : SslError.HandshakeFailure,
                            failure != null ? failure.Alert : AlertDescription.HandshakeFailure,
                            "peer " + ready.PeerName + ": " + (failure != null ? failure.Message : "the handshake failed"));
                    }
                    if (waited && deadline >= 0 && now >= deadline) return null;
                    wait = WaitBudget(now, deadline);
                }
                Pump(wait);
                waited = true;
            }
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> for something to do: a peer to accept (or
        /// whose handshake failed), or an accepted peer with data or a close to read. Returns
        /// false when the time ran out. Handshakes and retransmissions run meanwhile.
        /// </summary>
        public bool Poll(int timeoutMs)
        {
            long deadline = DtlsChannel.Deadline(timeoutMs);
            bool waited = false;
            while (true)
            {
                int wait;
                lock (sync)
                {
                    CheckOpen();
                    long now = MonotonicClock.NowMs;
                    ServiceAll(now);
                    if (HasActivity()) return true;
                    if (waited && deadline >= 0 && now >= deadline) return false;
                    wait = WaitBudget(now, deadline);
                }
                Pump(wait);
                waited = true;
            }
        }

        /// <summary>Sends close_notify to every peer, forgets them and closes the socket.</summary>
        public void Close()
        {
            lock (sync)
            {
                if (closed) return;
                closed = true;
                for (int i = 0; i < peers.Count; i++)
                {
                    ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                    try
                    {
                        EngineState state = peer.PeerEngine.State;
                        if (state == EngineState.Established || state == EngineState.Handshaking)
                        {
                            peer.PeerEngine.Close();
                            peer.ServiceTimers(MonotonicClock.NowMs);
                        }
                    }
                    catch (SslException)
                    {
                        // Best effort, as for SslSocket.Close.
                    }
                    peer.Forget("the DtlsListener was closed");
                }
                peers.Clear();
            }
            try
            {
                socket.Close();
            }
            catch (SocketException)
            {
            }
        }

        public void Dispose()
        {
            Close();
        }

        // ---- the pump (internal: peers call it) ---------------------------------------------

        /// <summary>Waits up to waitMs (in slices) for datagrams, then takes in all that arrived.</summary>
        internal void Pump(int waitMs)
        {
            if (waitMs != 0)
            {
                int slice = waitMs < 0 || waitMs > MaxWaitSliceMs ? MaxWaitSliceMs : waitMs;
                try
                {
                    socket.Poll(SocketSupport.ToPollMicroseconds(slice), SelectMode.SelectRead);
                }
                catch (SocketException e)
                {
                    throw SocketSupport.Wrap(e, "waiting for datagrams");
                }
                catch (ObjectDisposedException)
                {
                    throw new SslException(SslError.Closed, "the DtlsListener was closed");
                }
            }
            lock (sync)
            {
                if (closed) throw new SslException(SslError.Closed, "the DtlsListener was closed");
                long now = MonotonicClock.NowMs;
                Drain(now);
                ServiceAll(now);
            }
        }

        /// <summary>The earliest engine timer or idle expiry, or -1 (under the lock).</summary>
        internal long EarliestDeadline()
        {
            long earliest = -1;
            for (int i = 0; i < peers.Count; i++)
            {
                ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                long timer = peer.PeerEngine.NextTimerMs;
                if (timer >= 0 && (earliest < 0 || timer < earliest)) earliest = timer;
                long expiry = peer.LastHeardMs + idleTimeoutMs;
                if (earliest < 0 || expiry < earliest) earliest = expiry;
            }
            return earliest;
        }

        internal void SendTo(byte[] buffer, int offset, int count, IPEndPoint to)
        {
            try
            {
                socket.SendTo(buffer, offset, count, SocketFlags.None, to);
            }
            catch (SocketException)
            {
                // One peer's unreachable address must not stop the others.
                sendErrors++;
            }
            catch (ObjectDisposedException)
            {
                sendErrors++;
            }
        }

        /// <summary>Called when a peer's SslSocket is closed.</summary>
        internal void Remove(ListenerPeerChannel peer)
        {
            lock (sync)
            {
                peers.Remove(peer);
                peer.Forget("this SslSocket was closed");
            }
        }

        // ---- under the lock -----------------------------------------------------------------

        private void Drain(long now)
        {
            for (int taken = 0; taken < MaxDatagramsPerPump; taken++)
            {
                int length;
                EndPoint from = new IPEndPoint(anyAddress, 0);
                try
                {
                    if (!socket.Poll(0, SelectMode.SelectRead)) return;
                    length = socket.ReceiveFrom(receiveBuffer, 0, receiveBuffer.Length, SocketFlags.None, ref from);
                }
                catch (SocketException e)
                {
                    // Windows reports an earlier SendTo's ICMP error here; it concerns one peer only.
                    if (SocketSupport.IsTransient(e) || SocketSupport.Code(e) == SocketError.MessageSize)
                    {
                        datagramsDropped++;
                        continue;
                    }
                    throw SocketSupport.Wrap(e, "receiving a datagram");
                }
                IPEndPoint sender = from as IPEndPoint;
                if (sender == null || length <= 0)
                {
                    datagramsDropped++;
                    continue;
                }
                Dispatch(length, sender, now);
            }
        }

        private void Dispatch(int length, IPEndPoint sender, long now)
        {
            byte[] address = SocketSupport.AddressBytes(sender);
            ListenerPeerChannel known = Find(address);
            if (known != null && !(IsInitialClientHello(length) && HandshakeIsOver(known)))
            {
                known.Take(receiveBuffer, length, now);
                return;
            }

            // No state for this sender (or a known one starting over): the stateless path.
            int responseLength;
            CookieVerdict verdict = backend.Inspect(new SpanByte(receiveBuffer, 0, length), address,
                new SpanByte(responseBuffer), out responseLength);
            bool cookieChecked = verdict == CookieVerdict.Accept;
            if (verdict == CookieVerdict.SendHelloVerifyRequest && context.CookiesRequired)
            {
                SendTo(responseBuffer, 0, responseLength, sender);
                helloVerifyRequestsSent++;
                return;
            }
            if (verdict == CookieVerdict.Drop)
            {
                datagramsDropped++;
                return;
            }

            if (known != null) Forget(known, "the client started a new handshake from the same address");
            if (peers.Count >= maxPeers) EvictFinished();
            if (peers.Count >= maxPeers)
            {
                peersRefused++;
                return;
            }
            EngineSettings settings = context.CreateEngineSettings(true, null, address);
            // The engine checks the cookie again with the gate's secret and numbers its messages
            // as if it had sent the HelloVerifyRequest itself.
            settings.RequireCookie = cookieChecked;
            settings.CookieSecret = cookieSecret;
            IDatagramEngine engine = backend.CreateEngine(settings);
            enginesCreated++;
            ListenerPeerChannel peer = new ListenerPeerChannel(this, engine, sender, address, settings.Mtu,
                context.ReceiveBufferSize, sync, now);
            peers.Add(peer);
            engine.WallClockUtc = DateTime.UtcNow;
            engine.Start(now);
            peer.Take(receiveBuffer, length, now);
        }

        // A handshake record of epoch 0 holding a ClientHello (RFC 6347 4.1 and 4.2.2 layouts).
        private bool IsInitialClientHello(int length)
        {
            return length > 25 && receiveBuffer[0] == 22 && receiveBuffer[3] == 0 && receiveBuffer[4] == 0 && receiveBuffer[13] == 1;
        }

        private static bool HandshakeIsOver(ListenerPeerChannel peer)
        {
            EngineState state = peer.PeerEngine.State;
            return state == EngineState.Established || state == EngineState.Closed || state == EngineState.Failed;
        }

        private void ServiceAll(long now)
        {
            for (int i = peers.Count - 1; i >= 0; i--)
            {
                ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                if (now - peer.LastHeardMs > idleTimeoutMs)
                {
                    Forget(peer, "the DtlsListener forgot this peer: nothing from it for " + idleTimeoutMs + " ms");
                    peersExpired++;
                    continue;
                }
                peer.ServiceTimers(now);
            }
        }

        // Frees slots held by peers that are over and that nobody is reading.
        private void EvictFinished()
        {
            for (int i = peers.Count - 1; i >= 0; i--)
            {
                ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                EngineState state = peer.PeerEngine.State;
                if (!peer.Accepted && (state == EngineState.Failed || state == EngineState.Closed))
                    Forget(peer, "the peer's slot was needed");
            }
        }

        private ListenerPeerChannel FindFinishedHandshake()
        {
            for (int i = 0; i < peers.Count; i++)
            {
                ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                if (peer.Accepted) continue;
                if (peer.PeerEngine.IsHandshakeComplete || peer.PeerEngine.State == EngineState.Failed) return peer;
            }
            return null;
        }

        private bool HasActivity()
        {
            for (int i = 0; i < peers.Count; i++)
            {
                ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                IDatagramEngine engine = peer.PeerEngine;
                if (!peer.Accepted)
                {
                    if (engine.IsHandshakeComplete || engine.State == EngineState.Failed) return true;
                }
                else if (engine.HasApplicationData || engine.PeerClosed || engine.State == EngineState.Failed)
                {
                    return true;
                }
            }
            return false;
        }

        private ListenerPeerChannel Find(byte[] address)
        {
            for (int i = 0; i < peers.Count; i++)
            {
                ListenerPeerChannel peer = (ListenerPeerChannel)peers[i];
                if (TextBytes.SameBytes(peer.Address, address)) return peer;
            }
            return null;
        }

        private void Forget(ListenerPeerChannel peer, string reason)
        {
            peers.Remove(peer);
            peer.Forget(reason);
        }

        private int WaitBudget(long now, long deadline)
        {
            long wait = deadline < 0 ? long.MaxValue : deadline - now;
            long earliest = EarliestDeadline();
            if (earliest >= 0 && earliest - now < wait) wait = earliest - now;
            if (wait < 0) wait = 0;
            if (wait == long.MaxValue) return -1;
            return wait > int.MaxValue ? int.MaxValue : (int)wait;
        }

        private void CheckOpen()
        {
            if (closed) throw new SslException(SslError.Closed, "the DtlsListener was closed");
        }
    }
}
