using System;
using System.Linq;
using System.Text;
using OpenMvSsl.Tests.Interop;
using OpenMvSsl.Tests.Peers;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>One DtlsListener on one UDP socket serving OpenSSL and GnuTLS clients at the same time.</summary>
    public class DtlsListenerPeersTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;

        public DtlsListenerPeersTests(TestPki pki) => this.pki = pki;

        [Fact]
        public void OpenSslAndGnuTlsClientsShareOneListener()
        {
            var context = new SslContext(SslProtocol.DtlsServer);
            context.ServerPskKeys = new PskKeyTable();
            ((PskKeyTable)context.ServerPskKeys).Add(Encoding.ASCII.GetBytes(DtlsInterop.PskIdentity), DtlsInterop.PskKey);
            using DtlsListener listener = DtlsListener.Bind(context, "127.0.0.1", 0);

            using var openssl = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = listener.Port, PskKeyHex = DtlsInterop.PskHex,
                PskIdentity = DtlsInterop.PskIdentity, Cipher = "PSK-AES128-CCM8",
            });
            using var gnutls = GnuTlsClient.Start(new GnuTlsClientOptions
            {
                Udp = true, Port = listener.Port, Priority = "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-GCM",
                PskUsername = DtlsInterop.PskIdentity, PskKeyHex = DtlsInterop.PskHex,
            });

            SslSocket first = listener.AcceptPeer(10_000);
            SslSocket second = listener.AcceptPeer(10_000);
            Assert.NotNull(first);
            Assert.NotNull(second);
            Assert.NotEqual(first.PeerName, second.PeerName);
            Assert.Equal(2, listener.EnginesCreated);
            Assert.True(listener.HelloVerifyRequestsSent >= 2);

            Assert.True(openssl.WaitForOutput("CONNECTION ESTABLISHED", DtlsInterop.Timeout), openssl.Describe());
            Assert.True(gnutls.WaitForOutput(GnuTlsClient.HandshakeCompletedPattern, DtlsInterop.Timeout), gnutls.Describe());
            openssl.WriteLine("from openssl");
            gnutls.WriteLine("from gnutls");
            string a = Encoding.ASCII.GetString(first.Recv(100));
            string b = Encoding.ASCII.GetString(second.Recv(100));
            Assert.Equal(new[] { "from gnutls\n", "from openssl\n" }, new[] { a, b }.OrderBy(x => x).ToArray());
            first.Send(Encoding.ASCII.GetBytes("reply " + a));
            second.Send(Encoding.ASCII.GetBytes("reply " + b));
            Assert.True(openssl.WaitForOutput("reply from openssl", DtlsInterop.Timeout), openssl.Describe());
            Assert.True(gnutls.WaitForOutput("reply from gnutls", DtlsInterop.Timeout), gnutls.Describe());
        }
    }
}
