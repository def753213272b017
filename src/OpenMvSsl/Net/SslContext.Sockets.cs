using System;
using System.Net;
using System.Net.Sockets;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    public sealed partial class SslContext
    {
        /// <summary>
        /// MicroPython's <c>ctx.wrap_socket(sock, server_side=False, do_handshake_on_connect=True,
        /// server_hostname=None, client_id=None)</c>. For DTLS <paramref name="sock"/> is a UDP
        /// socket connected to the peer (Connect done; that is how DTLS knows where to run the
        /// handshake). A server (MicroPython's model: one connected socket per client) binds
        /// cookies to <paramref name="clientId"/>, by default the peer's address and port; see
        /// DtlsListener for many clients on one socket. The SslSocket starts with the socket's
        /// ReceiveTimeout as its Timeout (0 on the Socket means forever). When the handshake
        /// fails, the exception is thrown and the socket stays open (it is still yours).
        /// </summary>
        public SslSocket WrapSocket(Socket sock, bool serverSide = false, bool doHandshakeOnConnect = true,
            string serverHostname = null, byte[] clientId = null)
        {
            if (sock == null) throw new SslException(SslError.InvalidArgument, "sock is null");
            if (!IsDatagram) return WrapStreamSocket(sock, serverSide, doHandshakeOnConnect, serverHostname);
            if (sock.SocketType != SocketType.Dgram)
                throw new SslException(SslError.InvalidArgument,
                    "DTLS needs a UDP socket (SocketType.Dgram); this one is " + (sock.SocketType == SocketType.Stream ? "a TCP (Stream) socket" : "not a datagram socket"));
            IPEndPoint peer = SocketSupport.RemoteEndPointOrNull(sock);
            if (peer == null)
                throw new SslException(SslError.InvalidArgument, serverSide
                    ? "the UDP socket is not connected: Connect it to the client first (one socket per client), or use DtlsListener for an unconnected socket"
                    : "the UDP socket is not connected: call sock.Connect(serverEndPoint) first; DTLS runs its handshake against that one peer");
            byte[] peerAddress = serverSide ? (clientId != null ? clientId : SocketSupport.AddressBytes(peer)) : null;
            EngineSettings settings = CreateEngineSettings(serverSide, serverHostname, peerAddress);

            IDatagramEngine engine = new DtlsEngine(settings);
            ConnectedDtlsChannel channel = new ConnectedDtlsChannel(engine, new UdpSocketTransport(sock, peer),
                serverSide, settings.Mtu, receiveBufferSize);
            int timeout = sock.ReceiveTimeout;
            SslSocket wrapped = new SslSocket(channel, timeout <= 0 ? -1 : timeout);
            if (doHandshakeOnConnect) wrapped.DoHandshake();
            return wrapped;
        }

        // TLS over a connected TCP socket (MicroPython: wrap the socket after connect or accept).
        private SslSocket WrapStreamSocket(Socket sock, bool serverSide, bool doHandshakeOnConnect, string serverHostname)
        {
            if (sock.SocketType != SocketType.Stream)
                throw new SslException(SslError.InvalidArgument, "TLS needs a TCP socket (SocketType.Stream); use SslProtocol.DtlsClient/DtlsServer for UDP");
            if (SocketSupport.RemoteEndPointOrNull(sock) == null)
                throw new SslException(SslError.InvalidArgument, serverSide
                    ? "the TCP socket is not connected: wrap the socket Accept returned"
                    : "the TCP socket is not connected: call sock.Connect(serverEndPoint) first");
            EngineSettings settings = CreateEngineSettings(serverSide, serverHostname, null);
            var channel = new TlsSocketChannel(new TlsEngine(settings), sock, serverSide);
            int timeout = sock.ReceiveTimeout;
            SslSocket wrapped = new SslSocket(channel, timeout <= 0 ? -1 : timeout);
            if (doHandshakeOnConnect) wrapped.DoHandshake();
            return wrapped;
        }
    }
}
