using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>
    /// Real bytes from OpenSSL 3: hellos captured from s_client, and server flights that s_server
    /// sends in answer to hellos written by these codecs. Everything runs on 127.0.0.1 with hard
    /// time limits; the openssl processes are always killed.
    /// </summary>
    public class OpenSslCaptureTests : IClassFixture<OpenSslCertificateFixture>
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
        private const int TimeoutMs = 10000;

        private readonly OpenSslCertificateFixture _cert;

        public OpenSslCaptureTests(OpenSslCertificateFixture cert)
        {
            _cert = cert;
        }

        // ---------------------------------------------------------------- captured client hellos

        [Fact]
        public void TlsClientHello_FromOpenSslClient()
        {
            TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                using OpenSslProcess client = OpenSslProcess.Start("s_client", "-connect", "127.0.0.1:" + port,
                    "-servername", "device.test", "-alpn", "h2,http/1.1");
                using TcpClient connection = AcceptWithin(listener);
                NetworkStream stream = connection.GetStream();
                byte[] message = ReadTlsHandshakeMessages(stream, HandshakeType.ClientHello)[0];

                ClientHello ch = ClientHello.Parse(Rfc8448Tests.Body(message, HandshakeType.ClientHello), false);
                Assert.Equal(ProtocolVersion.Tls12, ch.LegacyVersion);
                Assert.Equal(32, ch.SessionId.Length); // middlebox compatibility mode
                Assert.True(ch.OffersNullCompression);
                foreach (int suite in new[] { 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xCCA9, 0x00FF })
                    Assert.True(ch.OffersCipherSuite(suite), "suite " + suite.ToString("X4") + " not offered");

                ExtensionList ext = ch.Extensions;
                Assert.Equal("device.test", ServerNameExtension.Parse(ext.Find(ExtensionType.ServerName)).HostName);
                AlpnExtension alpn = AlpnExtension.ParseClient(ext.Find(ExtensionType.ApplicationLayerProtocolNegotiation));
                Assert.Equal(new[] { "h2", "http/1.1" }, new[] { alpn.NameAt(0), alpn.NameAt(1) });
                SupportedVersionsExtension versions = SupportedVersionsExtension.ParseClient(ext.Find(ExtensionType.SupportedVersions));
                Assert.True(versions.Offers(ProtocolVersion.Tls13));
                Assert.True(versions.Offers(ProtocolVersion.Tls12));
                KeyShareExtension share = KeyShareExtension.ParseClientHello(ext.Find(ExtensionType.KeyShare));
                Assert.Equal(32, share.FindShare(NamedGroup.X25519).KeyExchange.Length);
                Assert.True(SupportedGroupsExtension.Parse(ext.Find(ExtensionType.SupportedGroups)).Contains(NamedGroup.Secp256r1));
                Assert.True(SignatureAlgorithmsExtension.Parse(ext.Find(ExtensionType.SignatureAlgorithms)).Contains(SignatureScheme.EcdsaSecp256r1Sha256));
                Assert.True(EcPointFormatsExtension.Parse(ext.Find(ExtensionType.EcPointFormats)).ContainsUncompressed);
                ExtendedMasterSecretExtension.Parse(ext.Find(ExtensionType.ExtendedMasterSecret));
                Assert.True(PskKeyExchangeModesExtension.Parse(ext.Find(ExtensionType.PskKeyExchangeModes)).Contains(PskKeyExchangeModesExtension.PskDheKe));

                // Our writer reproduces OpenSSL's encoding exactly.
                Assert.Equal(message, ch.EncodeTls());
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void DtlsClientHello_FromOpenSslClient_EchoesOurCookie()
        {
            using UdpClient udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            udp.Client.ReceiveTimeout = TimeoutMs;
            int port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            using OpenSslProcess client = OpenSslProcess.Start("s_client", "-dtls1_2", "-connect", "127.0.0.1:" + port,
                "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:PSK-AES128-CCM8", "-psk", "0102030405060708");

            IPEndPoint peer = new IPEndPoint(IPAddress.Any, 0);
            byte[] first = udp.Receive(ref peer);
            HandshakeHeader header1;
            byte[] fragment1;
            ReadDtlsHandshake(first, out header1, out fragment1);
            Assert.Equal(HandshakeType.ClientHello, header1.Type);
            Assert.Equal(0, header1.MessageSeq);
            Assert.False(header1.IsFragment);
            ClientHello hello1 = ClientHello.Parse(new ByteReader(fragment1), true);
            Assert.Equal(ProtocolVersion.Dtls12, hello1.LegacyVersion);
            Assert.Empty(hello1.Cookie);
            Assert.Equal(new[] { 0xC02B, 0xCCA8, 0xC0A8, 0x00FF }, hello1.CipherSuites);
            Assert.Equal(hello1.EncodeDtls(0)[HandshakeHeader.DtlsSize..], fragment1);

            // Answer with a HelloVerifyRequest written by our codec; OpenSSL must come back with the cookie.
            byte[] cookie = RandomNumberGenerator.GetBytes(20);
            byte[] hvr = new HelloVerifyRequest(ProtocolVersion.Dtls10, cookie).EncodeDtls(0);
            byte[] record = DtlsRecord(22, ProtocolVersion.Dtls10, 0, hvr);
            udp.Send(record, record.Length, peer);

            byte[] second = udp.Receive(ref peer);
            HandshakeHeader header2;
            byte[] fragment2;
            ReadDtlsHandshake(second, out header2, out fragment2);
            Assert.Equal(HandshakeType.ClientHello, header2.Type);
            Assert.Equal(1, header2.MessageSeq);
            ClientHello hello2 = ClientHello.Parse(new ByteReader(fragment2), true);
            Assert.Equal(cookie, hello2.Cookie);
            Assert.Equal(hello1.Random, hello2.Random); // RFC 6347 4.2.1: same random in the retry
            Assert.Equal(hello1.CipherSuites, hello2.CipherSuites);
            Assert.Equal(fragment2, hello2.EncodeBody());
        }

        // ------------------------------------------------------ server flights answering our hellos

        [Fact]
        public void Tls12EcdheFlight_FromOpenSslServer_ParsesAndVerifies()
        {
            int port = OpenSslProcess.FreeTcpPort();
            using OpenSslProcess server = OpenSslProcess.Start("s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1",
                "-cert", _cert.CertPath, "-key", _cert.KeyPath);
            server.WaitFor("ACCEPT", Timeout);
            using TcpClient tcp = ConnectWithin(port);
            NetworkStream stream = tcp.GetStream();

            // A TLS 1.2-only hello (no supported_versions), so a TLS 1.3-capable server must mark the downgrade.
            ClientHello ch = Tls12Hello(new[] { CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, CipherSuites.TlsEcdheEcdsaWithAes128Ccm8 });
            SendTlsRecord(stream, ch.EncodeTls());

            List<byte[]> flight = ReadTlsHandshakeMessages(stream, HandshakeType.ServerHelloDone);
            Assert.Equal(4, flight.Count);

            ServerHello sh = ServerHello.Parse(Rfc8448Tests.Body(flight[0], HandshakeType.ServerHello));
            Assert.Equal(ProtocolVersion.Tls12, sh.LegacyVersion);
            Assert.Equal(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, sh.CipherSuite);
            Assert.Equal(DowngradeSentinel.Tls12, sh.Downgrade);
            Assert.False(sh.IsHelloRetryRequest);
            Assert.True(RenegotiationInfoExtension.Parse(sh.Extensions.Find(ExtensionType.RenegotiationInfo)).IsEmpty);
            ExtendedMasterSecretExtension.Parse(sh.Extensions.Find(ExtensionType.ExtendedMasterSecret));
            Assert.Equal(flight[0], sh.EncodeTls());

            Certificate cert = Certificate.Parse(Rfc8448Tests.Body(flight[1], HandshakeType.Certificate), false);
            Assert.Single(cert.Certificates);
            X509Certificate2 expected = X509Certificate2.CreateFromPem(File.ReadAllText(_cert.CertPath));
            Assert.Equal(expected.RawData, cert.Certificates[0]);
            Assert.Equal(flight[1], cert.EncodeTls());

            ServerKeyExchange ske = ServerKeyExchange.Parse(Rfc8448Tests.Body(flight[2], HandshakeType.ServerKeyExchange), KeyExchange.EcdheEcdsa);
            Assert.Equal(NamedGroup.X25519, ske.Group);
            Assert.Equal(32, ske.PublicKey.Length);
            Assert.Equal(SignatureScheme.EcdsaSecp256r1Sha256, ske.SignatureScheme);
            Assert.Equal(flight[2], ske.EncodeTls());

            // RFC 8422 5.4: the signature covers client_random + server_random + ServerECDHParams.
            byte[] signed = new byte[64 + ske.EncodeEcdhParams().Length];
            ch.Random.CopyTo(signed, 0);
            sh.Random.CopyTo(signed, 32);
            ske.EncodeEcdhParams().CopyTo(signed, 64);
            using ECDsa key = expected.GetECDsaPublicKey()!;
            Assert.True(key.VerifyData(signed, ske.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

            ServerHelloDone.Parse(Rfc8448Tests.Body(flight[3], HandshakeType.ServerHelloDone));
        }

        [Fact]
        public void Tls12PskFlight_FromOpenSslServer_CarriesTheHint()
        {
            int port = OpenSslProcess.FreeTcpPort();
            using OpenSslProcess server = OpenSslProcess.Start("s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1",
                "-nocert", "-psk", "0102030405060708", "-psk_hint", "device-hint", "-cipher", "PSK-AES128-CCM8:PSK-AES128-GCM-SHA256");
            server.WaitFor("ACCEPT", Timeout);
            using TcpClient tcp = ConnectWithin(port);
            NetworkStream stream = tcp.GetStream();

            ClientHello ch = Tls12Hello(new[] { CipherSuites.TlsPskWithAes128Ccm8 });
            SendTlsRecord(stream, ch.EncodeTls());
            List<byte[]> flight = ReadTlsHandshakeMessages(stream, HandshakeType.ServerHelloDone);
            Assert.Equal(3, flight.Count);

            ServerHello sh = ServerHello.Parse(Rfc8448Tests.Body(flight[0], HandshakeType.ServerHello));
            Assert.Equal(CipherSuites.TlsPskWithAes128Ccm8, sh.CipherSuite);
            Assert.Equal(KeyExchange.Psk, CipherSuites.FindByCode(sh.CipherSuite).KeyExchange);

            ServerKeyExchange ske = ServerKeyExchange.Parse(Rfc8448Tests.Body(flight[1], HandshakeType.ServerKeyExchange), KeyExchange.Psk);
            Assert.Equal("device-hint", System.Text.Encoding.ASCII.GetString(ske.PskIdentityHint));
            Assert.Equal(flight[1], ske.EncodeTls());
            ServerHelloDone.Parse(Rfc8448Tests.Body(flight[2], HandshakeType.ServerHelloDone));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Tls13ServerHello_FromOpenSslServer(bool forceRetry)
        {
            int port = OpenSslProcess.FreeTcpPort();
            List<string> args = new List<string> { "s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1",
                "-cert", _cert.CertPath, "-key", _cert.KeyPath };
            if (forceRetry) args.AddRange(new[] { "-groups", "P-256" });
            using OpenSslProcess server = OpenSslProcess.Start(args.ToArray());
            server.WaitFor("ACCEPT", Timeout);
            using TcpClient tcp = ConnectWithin(port);
            NetworkStream stream = tcp.GetStream();

            ClientHello ch = new ClientHello();
            ch.LegacyVersion = ProtocolVersion.Tls12;
            ch.Random = RandomNumberGenerator.GetBytes(32);
            ch.SessionId = RandomNumberGenerator.GetBytes(32);
            ch.CipherSuites = new[] { CipherSuites.TlsAes128GcmSha256, CipherSuites.TlsChaCha20Poly1305Sha256 };
            ch.Extensions.Add(new ServerNameExtension("localhost"));
            ch.Extensions.Add(new SupportedGroupsExtension(new[] { NamedGroup.X25519, NamedGroup.Secp256r1 }));
            ch.Extensions.Add(new SignatureAlgorithmsExtension(new[] { SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPssRsaeSha256 }));
            ch.Extensions.Add(SupportedVersionsExtension.ForClient(new[] { ProtocolVersion.Tls13 }));
            ch.Extensions.Add(new PskKeyExchangeModesExtension(new[] { PskKeyExchangeModesExtension.PskDheKe }));
            byte[] x25519Public = new byte[32];
            x25519Public[0] = 9; // the X25519 base point: a valid public value for a parse-only exchange
            ch.Extensions.Add(KeyShareExtension.ForClientHello(new[] { new KeyShareEntry(NamedGroup.X25519, x25519Public) }));
            SendTlsRecord(stream, ch.EncodeTls());

            byte[] message = ReadTlsHandshakeMessages(stream, HandshakeType.ServerHello)[0];
            ServerHello sh = ServerHello.Parse(Rfc8448Tests.Body(message, HandshakeType.ServerHello));
            Assert.Equal(forceRetry, sh.IsHelloRetryRequest);
            Assert.Equal(ch.SessionId, sh.SessionId);
            Assert.Equal(CipherSuites.TlsAes128GcmSha256, sh.CipherSuite);
            Assert.Equal(DowngradeSentinel.None, sh.Downgrade);
            Assert.Equal(ProtocolVersion.Tls13,
                SupportedVersionsExtension.ParseServer(sh.Extensions.Find(ExtensionType.SupportedVersions)).SelectedVersion);
            if (forceRetry)
            {
                Assert.Equal(NamedGroup.Secp256r1, KeyShareExtension.ParseHelloRetryRequest(sh.Extensions.Find(ExtensionType.KeyShare)).SelectedGroup);
            }
            else
            {
                KeyShareEntry share = KeyShareExtension.ParseServerHello(sh.Extensions.Find(ExtensionType.KeyShare)).ServerShare;
                Assert.Equal(NamedGroup.X25519, share.Group);
                Assert.Equal(32, share.KeyExchange.Length);
            }
            Assert.Equal(message, sh.EncodeTls());
        }

        [Fact]
        public void DtlsHelloVerifyRequest_FromOpenSslServer()
        {
            int port = OpenSslProcess.FreeUdpPort();
            using OpenSslProcess server = OpenSslProcess.Start("s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port, "-naccept", "1",
                "-cert", _cert.CertPath, "-key", _cert.KeyPath);
            server.WaitFor("ACCEPT", Timeout);
            using UdpClient udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            udp.Client.ReceiveTimeout = TimeoutMs;

            ClientHello ch = Tls12Hello(new[] { CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256 });
            ch.IsDtls = true;
            ch.LegacyVersion = ProtocolVersion.Dtls12;
            ch.SessionId = new byte[0];
            byte[] record = DtlsRecord(22, ProtocolVersion.Dtls10, 0, ch.EncodeDtls(0));
            udp.Send(record, record.Length, new IPEndPoint(IPAddress.Loopback, port));

            IPEndPoint peer = new IPEndPoint(IPAddress.Any, 0);
            HandshakeHeader header;
            byte[] fragment;
            ReadDtlsHandshake(udp.Receive(ref peer), out header, out fragment);
            Assert.Equal(HandshakeType.HelloVerifyRequest, header.Type);
            Assert.Equal(0, header.MessageSeq);
            HelloVerifyRequest hvr = HelloVerifyRequest.Parse(new ByteReader(fragment));
            Assert.Equal(ProtocolVersion.Dtls10, hvr.ServerVersion);
            Assert.InRange(hvr.Cookie.Length, 1, 255);
            Assert.Equal(fragment, hvr.EncodeBody());

            // Retry with the cookie: the server now answers with its ServerHello.
            ch.Cookie = hvr.Cookie;
            record = DtlsRecord(22, ProtocolVersion.Dtls12, 1, ch.EncodeDtls(1));
            udp.Send(record, record.Length, peer);
            ReadDtlsHandshake(udp.Receive(ref peer), out header, out fragment);
            Assert.Equal(HandshakeType.ServerHello, header.Type);
            Assert.Equal(1, header.MessageSeq);
            ServerHello sh = ServerHello.Parse(new ByteReader(fragment));
            Assert.Equal(ProtocolVersion.Dtls12, sh.LegacyVersion);
            Assert.Equal(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, sh.CipherSuite);
            Assert.Equal(fragment, sh.EncodeBody());
        }

        // ------------------------------------------------------------------------ helpers

        private static ClientHello Tls12Hello(int[] suites)
        {
            ClientHello ch = new ClientHello();
            ch.LegacyVersion = ProtocolVersion.Tls12;
            ch.Random = RandomNumberGenerator.GetBytes(32);
            ch.CipherSuites = suites;
            ch.Extensions.Add(new SupportedGroupsExtension(new[] { NamedGroup.X25519, NamedGroup.Secp256r1 }));
            ch.Extensions.Add(EcPointFormatsExtension.UncompressedOnly());
            ch.Extensions.Add(new SignatureAlgorithmsExtension(new[] { SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPssRsaeSha256, SignatureScheme.RsaPkcs1Sha256 }));
            ch.Extensions.Add(new ExtendedMasterSecretExtension());
            ch.Extensions.Add(RenegotiationInfoExtension.Empty());
            return ch;
        }

        private static TcpClient AcceptWithin(TcpListener listener)
        {
            var accept = listener.AcceptTcpClientAsync();
            if (!accept.Wait(Timeout)) throw new TimeoutException("openssl s_client never connected");
            TcpClient client = accept.Result;
            client.ReceiveTimeout = TimeoutMs;
            return client;
        }

        private static TcpClient ConnectWithin(int port)
        {
            TcpClient client = new TcpClient();
            if (!client.ConnectAsync(IPAddress.Loopback, port).Wait(Timeout)) throw new TimeoutException("could not connect to openssl s_server");
            client.ReceiveTimeout = TimeoutMs;
            return client;
        }

        private static void SendTlsRecord(Stream stream, byte[] handshake)
        {
            byte[] record = new byte[5 + handshake.Length];
            record[0] = 22;
            record[1] = 3;
            record[2] = 1;
            record[3] = (byte)(handshake.Length >> 8);
            record[4] = (byte)handshake.Length;
            handshake.CopyTo(record, 5);
            stream.Write(record);
        }

        // Reads TLS records and splits their handshake payload into whole messages (header included)
        // until a message of type <paramref name="last"/> has arrived.
        private static List<byte[]> ReadTlsHandshakeMessages(Stream stream, HandshakeType last)
        {
            List<byte[]> messages = new List<byte[]>();
            MemoryStream pending = new MemoryStream();
            while (true)
            {
                byte[] header = new byte[5];
                stream.ReadExactly(header);
                byte[] payload = new byte[(header[3] << 8) | header[4]];
                stream.ReadExactly(payload);
                if (header[0] == 21) throw new InvalidOperationException("peer sent alert " + payload[^1]);
                if (header[0] != 22) throw new InvalidOperationException("unexpected record type " + header[0]);
                pending.Write(payload);
                byte[] buffered = pending.ToArray();
                int at = 0;
                while (buffered.Length - at >= 4)
                {
                    int length = (buffered[at + 1] << 16) | (buffered[at + 2] << 8) | buffered[at + 3];
                    if (buffered.Length - at < 4 + length) break;
                    messages.Add(buffered[at..(at + 4 + length)]);
                    at += 4 + length;
                    if ((HandshakeType)buffered[at - 4 - length] == last) return messages;
                }
                pending = new MemoryStream();
                pending.Write(buffered, at, buffered.Length - at);
            }
        }

        private static byte[] DtlsRecord(int contentType, int version, long sequence, byte[] payload)
        {
            byte[] record = new byte[13 + payload.Length];
            ByteWriter w = new ByteWriter(record);
            w.WriteUInt8(contentType);
            w.WriteUInt16(version);
            w.WriteUInt16(0); // epoch
            w.WriteUInt48(sequence);
            w.WriteVector16(payload);
            return record;
        }

        // Reads the first DTLS record of a datagram and the first handshake message fragment in it.
        private static void ReadDtlsHandshake(byte[] datagram, out HandshakeHeader header, out byte[] fragment)
        {
            ByteReader r = new ByteReader(datagram);
            int type = r.ReadUInt8("record type");
            Assert.Equal(22, type);
            r.ReadUInt16("record version");
            Assert.Equal(0, r.ReadUInt16("epoch"));
            r.ReadUInt48("sequence");
            ByteReader payload = r.ReadBlock16("record payload");
            header = HandshakeHeader.ParseDtls(payload);
            fragment = payload.ReadBytes(header.FragmentLength, "fragment");
        }
    }
}
