using System;
using System.Text;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>
    /// Smaller records against real stacks on 127.0.0.1: OpenSSL 3.0 speaks max_fragment_length
    /// (RFC 6066; it has no record_size_limit), GnuTLS 3.7 speaks record_size_limit (RFC 8449,
    /// --recordsize). Both check what they receive against the agreed size, so a record of ours
    /// that is too big ends the connection with record_overflow; a line of several records each
    /// way proves both directions.
    /// </summary>
    public class RecordLimitInteropTests : IClassFixture<TestPki>
    {
        private readonly TestPki pki;
        private readonly ITestOutputHelper output;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public RecordLimitInteropTests(TestPki pki, ITestOutputHelper output)
        {
            this.pki = pki;
            this.output = output;
        }

        private static string Line(int length, char first)
        {
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++) text.Append((char)(first + i % 26));
            return text.ToString();
        }

        private static string Reverse(string s)
        {
            char[] a = s.ToCharArray();
            Array.Reverse(a);
            return new string(a);
        }

        private static EngineSettings TlsClient(int version, int maxRecordSize, TestPki pki)
        {
            EngineSettings settings = DtlsInterop.CertClient(version == 0x0304 ? CipherSuites.TlsAes128GcmSha256 : CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, pki);
            settings.MaxVersion = version;
            settings.MaxRecordSize = maxRecordSize;
            return settings;
        }

        // ---- OpenSSL: max_fragment_length ----

        [Theory]
        [InlineData(PeerProtocol.Tls12, 0x0303, "TLSv1.2")]
        [InlineData(PeerProtocol.Tls13, 0x0304, "TLSv1.3")]
        public void OurClientOpenSslServerMaxFragmentLength(PeerProtocol protocol, int version, string versionName)
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = protocol, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                Mode = OpenSslServerMode.Reverse, NAccept = 1,
            });
            using var ours = TcpEngineDriver.Connect(TlsClient(version, 1024, pki), server.Port);
            ours.Handshake(Timeout);
            Assert.Equal(versionName, ours.Engine.VersionName);
            Assert.Equal(1024, ours.Engine.ReadPlaintextLimit);
            Assert.Equal(1024, ours.Engine.WritePlaintextLimit);
            string line = Line(3000, 'a');
            ours.Write(Encoding.ASCII.GetBytes(line + "\n"));
            Assert.Equal(Reverse(line) + "\n", Encoding.ASCII.GetString(ours.Read(3001, Timeout)));
        }

        [Theory]
        [InlineData(PeerProtocol.Tls12, "TLSv1.2", 1024)]
        [InlineData(PeerProtocol.Tls13, "TLSv1.3", 512)]
        public void OpenSslClientWithMaxFragmentLengthOurServer(PeerProtocol protocol, string versionName, int length)
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            var options = new OpenSslClientOptions { Protocol = protocol, Port = port, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName };
            options.ExtraArguments.Add("-maxfraglen");
            options.ExtraArguments.Add(length.ToString());
            using var client = OpenSslClient.Start(options);
            using var ours = TcpEngineDriver.Accept(listener, DtlsInterop.CertServer(pki.EcdsaServer, pki), Timeout);
            ours.Handshake(Timeout);
            Assert.Equal(versionName, ours.Engine.VersionName);
            Assert.Equal(length, ours.Engine.WritePlaintextLimit);
            Assert.Equal(length, ours.Engine.ReadPlaintextLimit);
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", Timeout), client.Describe());
            string fromClient = Line(2500, 'a');
            client.WriteLine(fromClient);
            Assert.Equal(fromClient + "\n", Encoding.ASCII.GetString(ours.Read(2501, Timeout)));
            string fromUs = Line(3000, 'A');
            ours.Write(Encoding.ASCII.GetBytes(fromUs + "\n"));
            Assert.True(client.WaitForOutput(fromUs, Timeout), client.Describe());
        }

        [Fact]
        public void OurDtlsClientOpenSslServerMaxFragmentLength()
        {
            using var server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                Cipher = "ECDHE-ECDSA-AES128-GCM-SHA256", NAccept = 1,
            });
            EngineSettings settings = DtlsInterop.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, pki);
            settings.MaxRecordSize = 512;
            using var ours = UdpEngineDriver.Client(settings, server.Port);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(512, ours.Engine.ReadPlaintextLimit);
            Assert.Equal(512, ours.Engine.WritePlaintextLimit);
            Assert.Equal(512, ours.Engine.MaxApplicationDataLength);
            string line = Line(511, 'a');
            ours.Send(Encoding.ASCII.GetBytes(line + "\n"));
            Assert.True(server.WaitForOutput(line, DtlsInterop.Timeout), server.Describe());
            string reply = Line(400, 'A');
            server.WriteLine(reply);
            Assert.Equal(reply + "\n", Encoding.ASCII.GetString(ours.Receive(DtlsInterop.Timeout)));
        }

        [Fact]
        public void OpenSslDtlsClientWithMaxFragmentLengthOurServer()
        {
            using var ours = UdpEngineDriver.Server();
            var options = new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12, Port = ours.LocalPort, PskKeyHex = DtlsInterop.PskHex,
                PskIdentity = DtlsInterop.PskIdentity, Cipher = "PSK-AES128-CCM8",
            };
            options.ExtraArguments.Add("-maxfraglen");
            options.ExtraArguments.Add("512");
            using var client = OpenSslClient.Start(options);
            ours.AcceptFirstPeer(DtlsInterop.PskServer(), DtlsInterop.Timeout);
            ours.Handshake(DtlsInterop.Timeout);
            Assert.Equal(512, ours.Engine.WritePlaintextLimit);
            Assert.Equal(512, ours.Engine.ReadPlaintextLimit);
            Assert.True(client.WaitForOutput("CONNECTION ESTABLISHED", DtlsInterop.Timeout), client.Describe());
            string line = Line(400, 'a');
            client.WriteLine(line);
            Assert.Equal(line + "\n", Encoding.ASCII.GetString(ours.Receive(DtlsInterop.Timeout)));
            string reply = Line(511, 'A');
            ours.Send(Encoding.ASCII.GetBytes(reply + "\n"));
            Assert.True(client.WaitForOutput(reply, DtlsInterop.Timeout), client.Describe());
        }

        // ---- GnuTLS: record_size_limit ----

        [Theory]
        [InlineData("NORMAL:-VERS-ALL:+VERS-TLS1.2", 0x0303, "TLSv1.2")]
        [InlineData("NORMAL:-VERS-ALL:+VERS-TLS1.3", 0x0304, "TLSv1.3")]
        public void OurClientGnuTlsServerRecordSizeLimit(string priority, int version, string versionName)
        {
            var options = new GnuTlsServerOptions
            {
                Priority = priority, CertFile = pki.EcdsaServer.CertificatePemPath, KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                Lifetime = TimeSpan.FromSeconds(20),
            };
            options.ExtraArguments.Add("--recordsize=1000");
            using var server = GnuTlsServer.Start(options);
            using var ours = TcpEngineDriver.Connect(TlsClient(version, 700, pki), server.Port);
            ours.Handshake(Timeout);
            Assert.Equal(versionName, ours.Engine.VersionName);
            output.WriteLine(versionName + ": our read limit " + ours.Engine.ReadPlaintextLimit + ", write limit " + ours.Engine.WritePlaintextLimit);
            Assert.Equal(700, ours.Engine.ReadPlaintextLimit);
            Assert.Equal(1000, ours.Engine.WritePlaintextLimit);
            string line = Line(3000, 'a');
            ours.Write(Encoding.ASCII.GetBytes(line + "\n"));
            Assert.Equal(line + "\n", Encoding.ASCII.GetString(ours.Read(3001, Timeout)));
            ours.Close();
        }

        [Theory]
        [InlineData("NORMAL:-VERS-ALL:+VERS-TLS1.2", "TLSv1.2")]
        [InlineData("NORMAL:-VERS-ALL:+VERS-TLS1.3", "TLSv1.3")]
        public void GnuTlsClientWithRecordSizeOurServer(string priority, string versionName)
        {
            using var listener = TcpEngineDriver.Listen(out int port);
            var options = new GnuTlsClientOptions
            {
                Port = port, Priority = priority, CaFile = pki.RootsPemPath, VerifyHostname = TestPki.ServerDnsName,
                Lifetime = TimeSpan.FromSeconds(20),
            };
            options.ExtraArguments.Add("--recordsize=600");
            using var client = GnuTlsClient.Start(options);
            EngineSettings settings = DtlsInterop.CertServer(pki.EcdsaServer, pki);
            settings.MaxRecordSize = 2048;
            using var ours = TcpEngineDriver.Accept(listener, settings, Timeout);
            ours.Handshake(Timeout);
            Assert.Equal(versionName, ours.Engine.VersionName);
            output.WriteLine(versionName + ": our read limit " + ours.Engine.ReadPlaintextLimit + ", write limit " + ours.Engine.WritePlaintextLimit);
            Assert.Equal(600, ours.Engine.WritePlaintextLimit);
            Assert.Equal(2048, ours.Engine.ReadPlaintextLimit);
            Assert.True(client.WaitForOutput(GnuTlsClient.HandshakeCompletedPattern, Timeout), client.Describe());
            // gnutls-cli hands each stdin read to one gnutls_record_send and drops what a short
            // write leaves over, so its line stays within one record.
            string fromClient = Line(590, 'a');
            client.WriteLine(fromClient);
            Assert.Equal(fromClient + "\n", Encoding.ASCII.GetString(ours.Read(591, Timeout)));
            string fromUs = Line(2000, 'A');
            ours.Write(Encoding.ASCII.GetBytes(fromUs + "\n"));
            Assert.True(client.WaitForOutput(fromUs, Timeout), client.Describe());
        }
    }
}
