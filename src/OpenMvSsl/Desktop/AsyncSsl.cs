using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace OpenMvSsl
{
    /// <summary>
    /// MicroPython's <c>asyncio.open_connection(host, port, ssl=True)</c> for desktop .NET.
    ///
    /// How it runs: the SslSocket is non-blocking and every call into it returns at once
    /// (<see cref="PollingReader"/>/<see cref="PollingWriter"/>, the device-side pair); when a
    /// call has nothing to give, the task awaits the TCP socket becoming readable (a zero-byte
    /// ReceiveAsync, no thread held). Handing records to the socket (DrainAsync, close) runs on
    /// the thread pool, since the kernel's send buffer may make it wait.
    /// </summary>
    public static class AsyncSsl
    {
        /// <summary>
        /// Connects TCP to <paramref name="host"/>:<paramref name="port"/>, runs the TLS handshake
        /// and returns the reader/writer pair. <paramref name="context"/> defaults to
        /// <c>new SslContext(SslProtocol.TlsClient)</c> (CERT_NONE: encryption only, like
        /// <c>ssl=True</c>); <paramref name="serverHostname"/> defaults to <paramref name="host"/>
        /// unless that is an IP address.
        /// </summary>
        public static async Task<AsyncSslConnection> OpenConnectionAsync(string host, int port, SslContext context = null,
            string serverHostname = null, CancellationToken ct = default)
        {
            if (host == null || host.Length == 0) throw new SslException(SslError.InvalidArgument, "host is empty");
            if (port <= 0 || port > 65535) throw new SslException(SslError.InvalidArgument, "port must be 1 to 65535, got " + port);
            if (context == null) context = new SslContext(SslProtocol.TlsClient);
            if (serverHostname == null && !IPAddress.TryParse(host, out _)) serverHostname = host;

            IPAddress address = await ResolveAsync(host, ct).ConfigureAwait(false);
            var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                try
                {
                    await tcp.ConnectAsync(new IPEndPoint(address, port), ct).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    throw new SslException(SslError.SocketError, "cannot connect to " + host + ":" + port + ": " + e.Message);
                }
                return await WrapSocketAsync(tcp, context, false, serverHostname, ct).ConfigureAwait(false);
            }
            catch
            {
                tcp.Close();
                throw;
            }
        }

        /// <summary>
        /// The same pair over a TCP socket that is already connected (a client after Connect, a
        /// server after Accept with a TlsServer context). The handshake runs without blocking a
        /// thread. On failure the exception is thrown and the socket stays open (it is yours).
        /// </summary>
        public static async Task<AsyncSslConnection> WrapSocketAsync(Socket sock, SslContext context, bool serverSide = false,
            string serverHostname = null, CancellationToken ct = default)
        {
            if (sock == null) throw new SslException(SslError.InvalidArgument, "sock is null");
            if (context == null) throw new SslException(SslError.InvalidArgument, "context is null");
            if (context.IsDatagram)
                throw new SslException(SslError.InvalidArgument, "AsyncSsl is for TLS over TCP; for DTLS use SslSocket with SetBlocking(false) in a loop");
            SslSocket ssl = context.WrapSocket(sock, serverSide, false, serverHostname);
            var connection = new AsyncSslConnection(sock, ssl);
            try
            {
                while (!connection.StepHandshake())
                    await connection.WaitReadableAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                ssl.Close();
                throw;
            }
            return connection;
        }

        private static async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
        {
            if (IPAddress.TryParse(host, out IPAddress literal)) return literal;
            IPAddress[] all;
            try
            {
                all = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new SslException(SslError.SocketError, "cannot resolve " + host + ": " + e.Message);
            }
            foreach (IPAddress address in all)
                if (address.AddressFamily == AddressFamily.InterNetwork) return address;
            if (all.Length > 0) return all[0];
            throw new SslException(SslError.SocketError, "cannot resolve " + host + ": no addresses");
        }
    }
}
