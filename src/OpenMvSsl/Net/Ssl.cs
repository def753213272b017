using System;
using System.Net.Sockets;

namespace OpenMvSsl
{
    /// <summary>MicroPython's <c>ssl</c> module function.</summary>
    public static class Ssl
    {
        /// <summary>
        /// MicroPython's <c>ssl.wrap_socket(sock, server_side=False, key=None, cert=None,
        /// cert_reqs=CERT_NONE, cadata=None, server_hostname=None, do_handshake=True)</c>, over
        /// an SslContext whose protocol follows the socket: a UDP socket gets DTLS, a TCP socket TLS.
        /// <paramref name="key"/> and <paramref name="cert"/> (PEM or DER) come together or not at all.
        /// </summary>
        public static SslSocket WrapSocket(Socket sock, bool serverSide = false, byte[] key = null, byte[] cert = null,
            VerifyMode certReqs = VerifyMode.CertNone, byte[] caData = null, string serverHostname = null, bool doHandshake = true)
        {
            if (sock == null) throw new SslException(SslError.InvalidArgument, "sock is null");
            bool datagram = sock.SocketType == SocketType.Dgram;
            SslProtocol protocol = datagram
                ? (serverSide ? SslProtocol.DtlsServer : SslProtocol.DtlsClient)
                : (serverSide ? SslProtocol.TlsServer : SslProtocol.TlsClient);
            SslContext context = new SslContext(protocol);
            context.VerifyMode = certReqs;
            if ((key == null) != (cert == null))
                throw new SslException(SslError.InvalidArgument, key == null ? "cert was given without key" : "key was given without cert");
            if (cert != null) context.LoadCertChain(cert, key);
            if (caData != null) context.LoadVerifyLocations(caData);
            return context.WrapSocket(sock, serverSide, doHandshake, serverHostname);
        }
    }
}
