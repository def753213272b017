using System;
using System.Net;
using System.Net.Sockets;
using OpenMvSsl.Host;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>WrapSocket, Ssl.WrapSocket and DtlsListener refuse unusable sockets and settings with clear messages.</summary>
    public class WrapSocketValidationTests
    {
        private static SslException Throws(SslError expected, Action action)
        {
            var e = Assert.Throws<SslException>(action);
            Assert.Equal(expected, e.Error);
            return e;
        }

        private static Socket ConnectedUdp()
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Connect(new IPEndPoint(IPAddress.Loopback, 9)); // the discard port: nothing is sent here
            return udp;
        }

        [Fact]
        public void AClientSocketMustBeConnected()
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var context = new SslContext(SslProtocol.DtlsClient);
            Assert.Contains("Connect", Throws(SslError.InvalidArgument, () => context.WrapSocket(udp)).Message);
        }

        [Fact]
        public void AnUnconnectedServerSocketPointsToDtlsListener()
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var context = new SslContext(SslProtocol.DtlsServer) { ServerPskKeys = new PskKeyTable() };
            Assert.Contains("DtlsListener", Throws(SslError.InvalidArgument, () => context.WrapSocket(udp, serverSide: true)).Message);
        }

        [Fact]
        public void CertRequiredWithoutAHostnameIsRefused()
        {
            using var udp = ConnectedUdp();
            var context = new SslContext(SslProtocol.DtlsClient) { VerifyMode = VerifyMode.CertRequired };
            context.LoadVerifyLocations(OpenSslPem.Bytes(OpenSslPem.Certificate));
            Assert.Contains("serverHostname", Throws(SslError.InvalidArgument, () => context.WrapSocket(udp)).Message);
            Assert.Contains("serverHostname", Throws(SslError.InvalidArgument, () => context.WrapSocket(udp, serverHostname: "")).Message);
        }

        [Fact]
        public void ATcpSocketIsNotADtlsSocket()
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.Contains("UDP", Throws(SslError.InvalidArgument, () => new SslContext(SslProtocol.DtlsClient).WrapSocket(tcp)).Message);
            // TLS takes it, but only once it is connected.
            Assert.Contains("not connected", Throws(SslError.InvalidArgument, () => new SslContext(SslProtocol.TlsClient).WrapSocket(tcp)).Message);
            Assert.Contains("not connected", Throws(SslError.InvalidArgument, () => Ssl.WrapSocket(tcp)).Message);
            using var udp = ConnectedUdp();
            Assert.Contains("TCP", Throws(SslError.InvalidArgument, () => new SslContext(SslProtocol.TlsClient).WrapSocket(udp)).Message);
        }

        [Fact]
        public void TheSideMustMatchTheContext()
        {
            using var udp = ConnectedUdp();
            Throws(SslError.InvalidArgument, () => new SslContext(SslProtocol.DtlsClient).WrapSocket(udp, serverSide: true));
            var server = new SslContext(SslProtocol.DtlsServer) { ServerPskKeys = new PskKeyTable() };
            Throws(SslError.InvalidArgument, () => server.WrapSocket(udp, serverSide: false));
        }

        [Fact]
        public void NoProviderIsAClearError()
        {
            using var udp = ConnectedUdp();
            var context = new SslContext(SslProtocol.DtlsClient) { Provider = null };
            Assert.Contains("provider", Throws(SslError.InvalidState, () => context.WrapSocket(udp)).Message);
        }

        [Fact]
        public void NullArgumentsAreInvalidArgument()
        {
            Throws(SslError.InvalidArgument, () => new SslContext(SslProtocol.DtlsClient).WrapSocket(null));
            Throws(SslError.InvalidArgument, () => Ssl.WrapSocket(null));
        }

        [Fact]
        public void ModuleWrapSocketWantsKeyAndCertTogether()
        {
            using var udp = ConnectedUdp();
            Assert.Contains("without key", Throws(SslError.InvalidArgument, () =>
                Ssl.WrapSocket(udp, cert: OpenSslPem.Bytes(OpenSslPem.Certificate))).Message);
            Assert.Contains("serverHostname", Throws(SslError.InvalidArgument, () =>
                Ssl.WrapSocket(udp, certReqs: VerifyMode.CertRequired, caData: OpenSslPem.Bytes(OpenSslPem.Certificate))).Message);
        }

        [Fact]
        public void ListenerNeedsABoundUdpSocketAndAServerContextWithCredentials()
        {
            var context = new SslContext(SslProtocol.DtlsServer) { ServerPskKeys = new PskKeyTable() };
            using (var unbound = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
                Assert.Contains("Bind", Throws(SslError.InvalidArgument, () => new DtlsListener(context, unbound)).Message);
            using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Throws(SslError.InvalidArgument, () => new DtlsListener(new SslContext(SslProtocol.DtlsClient), bound));
            Assert.Contains("LoadCertChain", Throws(SslError.InvalidArgument, () =>
                new DtlsListener(new SslContext(SslProtocol.DtlsServer), bound)).Message);
            Throws(SslError.InvalidArgument, () => new DtlsListener(context, bound, 0));
            Throws(SslError.InvalidArgument, () => DtlsListener.Bind(context, "not-an-ip", 0));
            using var listener = new DtlsListener(context, bound);
            Assert.Equal(((IPEndPoint)bound.LocalEndPoint).Port, listener.Port);
        }
    }
}
