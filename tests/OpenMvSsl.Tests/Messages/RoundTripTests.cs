using System;
using System.Collections.Generic;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>For every message and extension: write, parse, write again, and get the same bytes.</summary>
    public class RoundTripTests
    {
        public delegate HandshakeMessage MessageParser(ByteReader body);

        public delegate ExtensionBody ExtensionParser(byte[] data);

        private static readonly Dictionary<string, Tuple<HandshakeMessage, MessageParser>> MessageCases = new()
        {
            ["ClientHello TLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls12ClientHello(false), b => ClientHello.Parse(b, false)),
            ["ClientHello DTLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls12ClientHello(true), b => ClientHello.Parse(b, true)),
            ["ClientHello TLS 1.3"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls13ClientHello(), b => ClientHello.Parse(b, false)),
            ["ClientHello without extensions"] = Tuple.Create<HandshakeMessage, MessageParser>(
                new ClientHello { LegacyVersion = 0x0303, Random = Samples.Bytes(32, 0), CipherSuites = new[] { 0xC02B } }, b => ClientHello.Parse(b, false)),
            ["ServerHello TLS 1.3"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls13ServerHello(), b => ServerHello.Parse(b)),
            ["ServerHello TLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls12ServerHello(), b => ServerHello.Parse(b)),
            ["HelloRetryRequest"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.HelloRetryRequest(), b => ServerHello.Parse(b)),
            ["HelloVerifyRequest"] = Tuple.Create<HandshakeMessage, MessageParser>(new HelloVerifyRequest(ProtocolVersion.Dtls10, Samples.Bytes(32, 30)), b => HelloVerifyRequest.Parse(b)),
            ["Certificate TLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(new Certificate(false, new[] { Samples.Bytes(500, 31), Samples.Bytes(1, 32) }), b => Certificate.Parse(b, false)),
            ["Certificate TLS 1.2 empty"] = Tuple.Create<HandshakeMessage, MessageParser>(new Certificate(false, new byte[0][]), b => Certificate.Parse(b, false)),
            ["Certificate TLS 1.3"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls13Certificate(), b => Certificate.Parse(b, true)),
            ["ServerKeyExchange ECDHE"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.EcdheServerKeyExchange(), b => ServerKeyExchange.Parse(b, KeyExchange.EcdheEcdsa)),
            ["ServerKeyExchange ECDHE_RSA X25519"] = Tuple.Create<HandshakeMessage, MessageParser>(
                ServerKeyExchange.ForEcdhe(KeyExchange.EcdheRsa, NamedGroup.X25519, Samples.Bytes(32, 33), SignatureScheme.RsaPssRsaeSha256, Samples.Bytes(256, 34)),
                b => ServerKeyExchange.Parse(b, KeyExchange.EcdheRsa)),
            ["ServerKeyExchange PSK"] = Tuple.Create<HandshakeMessage, MessageParser>(ServerKeyExchange.ForPsk(Samples.Bytes(9, 35)), b => ServerKeyExchange.Parse(b, KeyExchange.Psk)),
            ["ServerKeyExchange PSK empty hint"] = Tuple.Create<HandshakeMessage, MessageParser>(ServerKeyExchange.ForPsk(new byte[0]), b => ServerKeyExchange.Parse(b, KeyExchange.Psk)),
            ["CertificateRequest TLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls12CertificateRequest(), b => CertificateRequest.Parse(b, false)),
            ["CertificateRequest TLS 1.3"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls13CertificateRequest(), b => CertificateRequest.Parse(b, true)),
            ["ServerHelloDone"] = Tuple.Create<HandshakeMessage, MessageParser>(new ServerHelloDone(), b => ServerHelloDone.Parse(b)),
            ["ClientKeyExchange ECDHE"] = Tuple.Create<HandshakeMessage, MessageParser>(ClientKeyExchange.ForEcdhe(KeyExchange.EcdheEcdsa, Samples.Bytes(65, 36)), b => ClientKeyExchange.Parse(b, KeyExchange.EcdheEcdsa)),
            ["ClientKeyExchange PSK"] = Tuple.Create<HandshakeMessage, MessageParser>(ClientKeyExchange.ForPsk(Samples.Bytes(12, 37)), b => ClientKeyExchange.Parse(b, KeyExchange.Psk)),
            ["CertificateVerify"] = Tuple.Create<HandshakeMessage, MessageParser>(new CertificateVerify(SignatureScheme.EcdsaSecp256r1Sha256, Samples.Bytes(72, 38)), b => CertificateVerify.Parse(b)),
            ["Finished TLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(new Finished(Samples.Bytes(12, 39)), b => Finished.Parse(b, 12)),
            ["Finished TLS 1.3 SHA-384"] = Tuple.Create<HandshakeMessage, MessageParser>(new Finished(Samples.Bytes(48, 40)), b => Finished.Parse(b, 48)),
            ["NewSessionTicket TLS 1.3"] = Tuple.Create<HandshakeMessage, MessageParser>(Samples.Tls13Ticket(), b => NewSessionTicket.Parse(b, true)),
            ["NewSessionTicket TLS 1.2"] = Tuple.Create<HandshakeMessage, MessageParser>(NewSessionTicket.ForTls12(3600, Samples.Bytes(90, 41)), b => NewSessionTicket.Parse(b, false)),
            ["EncryptedExtensions"] = Tuple.Create<HandshakeMessage, MessageParser>(new EncryptedExtensions(Samples.Tls12ServerHello().Extensions), b => EncryptedExtensions.Parse(b)),
            ["EncryptedExtensions empty"] = Tuple.Create<HandshakeMessage, MessageParser>(new EncryptedExtensions(null), b => EncryptedExtensions.Parse(b)),
            ["KeyUpdate requested"] = Tuple.Create<HandshakeMessage, MessageParser>(new KeyUpdate(true), b => KeyUpdate.Parse(b)),
            ["KeyUpdate not requested"] = Tuple.Create<HandshakeMessage, MessageParser>(new KeyUpdate(false), b => KeyUpdate.Parse(b)),
        };

        private static readonly Dictionary<string, Tuple<ExtensionBody, ExtensionParser>> ExtensionCases = new()
        {
            ["server_name client"] = Tuple.Create<ExtensionBody, ExtensionParser>(new ServerNameExtension("a.b-c.example"), ServerNameExtension.Parse),
            ["server_name server"] = Tuple.Create<ExtensionBody, ExtensionParser>(new ServerNameExtension(null), ServerNameExtension.Parse),
            ["max_fragment_length"] = Tuple.Create<ExtensionBody, ExtensionParser>(new MaxFragmentLengthExtension(4), MaxFragmentLengthExtension.Parse),
            ["supported_groups"] = Tuple.Create<ExtensionBody, ExtensionParser>(new SupportedGroupsExtension(new[] { NamedGroup.Secp256r1, (NamedGroup)0x1234 }), SupportedGroupsExtension.Parse),
            ["ec_point_formats"] = Tuple.Create<ExtensionBody, ExtensionParser>(new EcPointFormatsExtension(new byte[] { 0, 1, 2 }), EcPointFormatsExtension.Parse),
            ["signature_algorithms"] = Tuple.Create<ExtensionBody, ExtensionParser>(new SignatureAlgorithmsExtension(new[] { SignatureScheme.RsaPssRsaeSha384, (SignatureScheme)0x0807 }), SignatureAlgorithmsExtension.Parse),
            ["signature_algorithms_cert"] = Tuple.Create<ExtensionBody, ExtensionParser>(new SignatureAlgorithmsExtension(new[] { SignatureScheme.RsaPkcs1Sha256 }, true), SignatureAlgorithmsExtension.ParseCert),
            ["ALPN client"] = Tuple.Create<ExtensionBody, ExtensionParser>(AlpnExtension.FromNames(new[] { "mqtt", "coap", "x" }), AlpnExtension.ParseClient),
            ["ALPN server"] = Tuple.Create<ExtensionBody, ExtensionParser>(new AlpnExtension(new[] { new byte[] { 0, 0xff } }), AlpnExtension.ParseServer),
            ["extended_master_secret"] = Tuple.Create<ExtensionBody, ExtensionParser>(new ExtendedMasterSecretExtension(), ExtendedMasterSecretExtension.Parse),
            ["record_size_limit"] = Tuple.Create<ExtensionBody, ExtensionParser>(new RecordSizeLimitExtension(64), RecordSizeLimitExtension.Parse),
            ["pre_shared_key client"] = Tuple.Create<ExtensionBody, ExtensionParser>(Samples.Tls13ClientHello().Extensions.Find(ExtensionType.PreSharedKey) is byte[] d ? PreSharedKeyExtension.ParseClient(d) : null, PreSharedKeyExtension.ParseClient),
            ["pre_shared_key server"] = Tuple.Create<ExtensionBody, ExtensionParser>(PreSharedKeyExtension.ForServer(3), PreSharedKeyExtension.ParseServer),
            ["supported_versions client"] = Tuple.Create<ExtensionBody, ExtensionParser>(SupportedVersionsExtension.ForClient(new[] { 0x0304, 0x0303, 0x7a7a }), SupportedVersionsExtension.ParseClient),
            ["supported_versions server"] = Tuple.Create<ExtensionBody, ExtensionParser>(SupportedVersionsExtension.ForServer(0x0304), SupportedVersionsExtension.ParseServer),
            ["cookie"] = Tuple.Create<ExtensionBody, ExtensionParser>(new CookieExtension(Samples.Bytes(300, 42)), CookieExtension.Parse),
            ["psk_key_exchange_modes"] = Tuple.Create<ExtensionBody, ExtensionParser>(new PskKeyExchangeModesExtension(new byte[] { 0, 1 }), PskKeyExchangeModesExtension.Parse),
            ["key_share client"] = Tuple.Create<ExtensionBody, ExtensionParser>(KeyShareExtension.ForClientHello(new[] { new KeyShareEntry(NamedGroup.X25519, Samples.Bytes(32, 43)) }), KeyShareExtension.ParseClientHello),
            ["key_share client empty"] = Tuple.Create<ExtensionBody, ExtensionParser>(KeyShareExtension.ForClientHello(new KeyShareEntry[0]), KeyShareExtension.ParseClientHello),
            ["key_share server"] = Tuple.Create<ExtensionBody, ExtensionParser>(KeyShareExtension.ForServerHello(new KeyShareEntry(NamedGroup.Secp256r1, Samples.Bytes(65, 44))), KeyShareExtension.ParseServerHello),
            ["key_share hello_retry_request"] = Tuple.Create<ExtensionBody, ExtensionParser>(KeyShareExtension.ForHelloRetryRequest(NamedGroup.X25519), KeyShareExtension.ParseHelloRetryRequest),
            ["renegotiation_info empty"] = Tuple.Create<ExtensionBody, ExtensionParser>(RenegotiationInfoExtension.Empty(), RenegotiationInfoExtension.Parse),
            ["renegotiation_info verify_data"] = Tuple.Create<ExtensionBody, ExtensionParser>(new RenegotiationInfoExtension(Samples.Bytes(24, 45)), RenegotiationInfoExtension.Parse),
        };

        public static IEnumerable<object[]> MessageNames()
        {
            foreach (string name in MessageCases.Keys) yield return new object[] { name };
        }

        public static IEnumerable<object[]> ExtensionNames()
        {
            foreach (string name in ExtensionCases.Keys) yield return new object[] { name };
        }

        [Theory]
        [MemberData(nameof(MessageNames))]
        public void Message_WriteParseWrite_IsIdentical(string name)
        {
            HandshakeMessage message = MessageCases[name].Item1;
            MessageParser parse = MessageCases[name].Item2;

            byte[] body = message.EncodeBody();
            Assert.Equal(body.Length, message.BodyLength());
            HandshakeMessage parsed = parse(new ByteReader(body));
            Assert.Equal(message.GetType(), parsed.GetType());
            Assert.Equal(body, parsed.EncodeBody());

            // With a TLS header.
            byte[] tls = message.EncodeTls();
            ByteReader r = new ByteReader(tls);
            HandshakeHeader h = HandshakeHeader.ParseTls(r);
            Assert.Equal(message.Type, h.Type);
            Assert.Equal(body.Length, h.Length);
            Assert.Equal(body, parse(r.ReadBlock(h.Length, "body")).EncodeBody());

            // With a DTLS header, at an offset inside a larger buffer.
            byte[] buffer = new byte[7 + HandshakeHeader.DtlsSize + body.Length + 5];
            ByteWriter w = new ByteWriter(buffer, 7, buffer.Length - 12);
            message.WriteDtls(w, 513);
            Assert.Equal(buffer.Length - 12, w.Position);
            Assert.Equal(message.EncodeDtls(513), w.ToArray());
            ByteReader dr = new ByteReader(buffer, 7, w.Position);
            HandshakeHeader dh = HandshakeHeader.ParseDtls(dr);
            Assert.Equal(message.Type, dh.Type);
            Assert.Equal(513, dh.MessageSeq);
            Assert.False(dh.IsFragment);
            Assert.Equal(body, parse(dr.ReadBlock(dh.FragmentLength, "fragment")).EncodeBody());
        }

        [Theory]
        [MemberData(nameof(ExtensionNames))]
        public void Extension_WriteParseWrite_IsIdentical(string name)
        {
            ExtensionBody extension = ExtensionCases[name].Item1;
            byte[] data = extension.Encode();
            ExtensionBody parsed = ExtensionCases[name].Item2(data);
            Assert.Equal(extension.Type, parsed.Type);
            Assert.Equal(data, parsed.Encode());

            // And inside an extension block.
            ExtensionList list = new ExtensionList();
            list.Add(ExtensionType.Padding, new byte[3]);
            list.Add(extension);
            byte[] block = new byte[2 + 4 + 3 + 4 + data.Length];
            list.Write(new ByteWriter(block));
            ExtensionList back = ExtensionList.Parse(new ByteReader(block), "test extensions");
            Assert.Equal(2, back.Count);
            Assert.Equal((int)extension.Type, back.TypeAt(1));
            Assert.Equal(data, back.Find(extension.Type));
            Assert.Equal(2 + 4 + 3 + 4, back.DataOffsetAt(1));
        }

        [Fact]
        public void ClientHello_FieldsSurviveTheRoundTrip()
        {
            ClientHello original = Samples.Tls12ClientHello(true);
            ClientHello parsed = ClientHello.Parse(new ByteReader(original.EncodeBody()), true);
            Assert.Equal(ProtocolVersion.Dtls12, parsed.LegacyVersion);
            Assert.Equal(original.Cookie, parsed.Cookie);
            Assert.Equal(original.CipherSuites, parsed.CipherSuites);
            Assert.True(parsed.OffersCipherSuite(CipherSuites.TlsEmptyRenegotiationInfoScsv));
            Assert.True(parsed.OffersNullCompression);
            Assert.Equal("device.example", ServerNameExtension.Parse(parsed.Extensions.Find(ExtensionType.ServerName)).HostName);
            Assert.Equal(1024, MaxFragmentLengthExtension.Parse(parsed.Extensions.Find(ExtensionType.MaxFragmentLength)).MaxFragmentLength);
            AlpnExtension alpn = AlpnExtension.ParseClient(parsed.Extensions.Find(ExtensionType.ApplicationLayerProtocolNegotiation));
            Assert.Equal("http/1.1", alpn.NameAt(1));
            Assert.True(EcPointFormatsExtension.Parse(parsed.Extensions.Find(ExtensionType.EcPointFormats)).ContainsUncompressed);
        }

        [Theory]
        [InlineData("0303" + "2222222222222222222222222222222222222222222222222222222222222222" + "00 0002 c02b 0100", true)]
        [InlineData("0303" + "2222222222222222222222222222222222222222222222222222222222222222" + "00 0002 c02b 0100 0000", true)]
        [InlineData("0303" + "2222222222222222222222222222222222222222222222222222222222222222" + "00 c02b 00", false)]
        [InlineData("0303" + "2222222222222222222222222222222222222222222222222222222222222222" + "00 c02b 00 0000", false)]
        public void Hellos_KeepAbsentAndEmptyExtensionBlocksApart(string hex, bool isClientHello)
        {
            byte[] body = Hex.Parse(hex);
            HandshakeMessage m = isClientHello ? ClientHello.Parse(new ByteReader(body), false) : ServerHello.Parse(new ByteReader(body));
            Assert.Equal(body, m.EncodeBody());
        }

        [Fact]
        public void ClientHello_WriterOffersOnlyNullCompression()
        {
            // A parsed hello that offered DEFLATE is written back with null compression only.
            byte[] body = Hex.Parse("0303" + new string('1', 64) + "00 0002 c02b 02 0100");
            ClientHello ch = ClientHello.Parse(new ByteReader(body), false);
            Assert.True(ch.OffersNullCompression);
            Assert.True(ch.OffersOtherCompression);
            Assert.EndsWith("c02b0100", Hex.Of(ch.EncodeBody()));

            ClientHello deflateOnly = ClientHello.Parse(new ByteReader(Hex.Parse("0303" + new string('1', 64) + "00 0002 c02b 01 01")), false);
            Assert.False(deflateOnly.OffersNullCompression);
        }

        [Fact]
        public void ClientHello_PskBindersOffset_MatchesTheWrittenBinders()
        {
            ClientHello ch = Samples.Tls13ClientHello();
            byte[] body = ch.EncodeBody();
            ClientHello parsed = ClientHello.Parse(new ByteReader(body), false);
            PreSharedKeyExtension psk = PreSharedKeyExtension.ParseClient(parsed.Extensions.Find(ExtensionType.PreSharedKey));
            Assert.Equal(body.Length - psk.BindersLength, parsed.PskBindersOffset);
            Assert.Equal(Hex.Of(psk.Binders[0]), Hex.Of(body[(parsed.PskBindersOffset + 3)..(parsed.PskBindersOffset + 3 + 32)]));
        }

        [Fact]
        public void ServerKeyExchange_SignedParams_AreTheEcdhParams()
        {
            ServerKeyExchange ske = Samples.EcdheServerKeyExchange();
            byte[] parameters = ske.EncodeEcdhParams();
            Assert.Equal("030017" + "41" + Hex.Of(ske.PublicKey), Hex.Of(parameters));
            Assert.StartsWith(Hex.Of(parameters), Hex.Of(ske.EncodeBody()));
            Assert.Throws<SslException>(() => ServerKeyExchange.ForPsk(new byte[0]).EncodeEcdhParams());
        }

        [Fact]
        public void DtlsHeader_Fragments()
        {
            HandshakeHeader h = new HandshakeHeader(HandshakeType.Certificate, 1000, 2) { FragmentOffset = 400, FragmentLength = 600 };
            byte[] bytes = new byte[HandshakeHeader.DtlsSize];
            h.WriteDtls(new ByteWriter(bytes));
            Assert.Equal("0b" + "0003e8" + "0002" + "000190" + "000258", Hex.Of(bytes));
            HandshakeHeader back = HandshakeHeader.ParseDtls(new ByteReader(bytes));
            Assert.True(back.IsFragment);
            Assert.Equal(400, back.FragmentOffset);
            Assert.Equal(600, back.FragmentLength);
            Assert.Equal(1000, back.Length);
            Assert.Equal(2, back.MessageSeq);
        }

        [Fact]
        public void ExtensionList_EditsKeepOrderAndRejectDuplicates()
        {
            ExtensionList list = new ExtensionList();
            for (int i = 0; i < 20; i++) list.Add(100 + i, new byte[] { (byte)i });
            Assert.Equal(20, list.Count);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => list.Add(105, new byte[0])).Error);
            Assert.True(list.Remove((ExtensionType)105));
            Assert.False(list.Remove((ExtensionType)105));
            Assert.Equal(19, list.Count);
            Assert.Equal(106, list.TypeAt(5));
            list.Set((ExtensionType)119, new byte[] { 9, 9 });
            Assert.Equal(new byte[] { 9, 9 }, list.Find(119));
            Assert.Equal(-1, list.DataOffsetAt(18));
            Assert.Null(list.Find(ExtensionType.KeyShare));
            Assert.Throws<SslException>(() => list.TypeAt(19));
        }
    }
}
