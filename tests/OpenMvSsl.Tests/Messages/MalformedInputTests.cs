using System;
using System.Collections.Generic;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>
    /// Broken inputs must fail with SslException carrying the right code and alert, never with
    /// another exception type: a table of hand-made faults, every prefix of valid messages, and
    /// random mutations.
    /// </summary>
    public class MalformedInputTests
    {
        private delegate void Parser(byte[] input);

        private const SslError Decode = SslError.DecodeError;
        private const SslError Illegal = SslError.IllegalParameter;

        // 32 bytes of random, as hex.
        private static readonly string R = new string('1', 64);

        private static Parser Ch(bool dtls) { return b => ClientHello.Parse(new ByteReader(b), dtls); }
        private static Parser Sh() { return b => ServerHello.Parse(new ByteReader(b)); }

        private static Parser Ext(Func<byte[], ExtensionBody> parse) { return b => parse(b); }

        private static readonly Dictionary<string, Tuple<string, Parser, SslError>> Cases = new()
        {
            // ClientHello: each field truncated, overrun, out of range, empty, or followed by garbage.
            ["CH empty body"] = Tuple.Create("", Ch(false), Decode),
            ["CH version truncated"] = Tuple.Create("03", Ch(false), Decode),
            ["CH random truncated"] = Tuple.Create("0303 1111111111", Ch(false), Decode),
            ["CH session id missing"] = Tuple.Create("0303" + R, Ch(false), Decode),
            ["CH session id longer than 32"] = Tuple.Create("0303" + R + "21" + new string('0', 66) + "0002 1301 0100", Ch(false), Decode),
            ["CH session id overruns"] = Tuple.Create("0303" + R + "10 0000", Ch(false), Decode),
            ["CH cipher suites missing"] = Tuple.Create("0303" + R + "00", Ch(false), Decode),
            ["CH cipher suites odd length"] = Tuple.Create("0303" + R + "00 0003 130113 0100", Ch(false), Decode),
            ["CH cipher suites empty"] = Tuple.Create("0303" + R + "00 0000 0100", Ch(false), Decode),
            ["CH cipher suites overrun"] = Tuple.Create("0303" + R + "00 0010 1301 0100", Ch(false), Decode),
            ["CH compression missing"] = Tuple.Create("0303" + R + "00 0002 1301", Ch(false), Decode),
            ["CH compression empty"] = Tuple.Create("0303" + R + "00 0002 1301 00", Ch(false), Decode),
            ["CH compression overrun"] = Tuple.Create("0303" + R + "00 0002 1301 05 00", Ch(false), Decode),
            ["CH extensions length truncated"] = Tuple.Create("0303" + R + "00 0002 1301 0100 00", Ch(false), Decode),
            ["CH extensions overrun"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0010 0017 0000", Ch(false), Decode),
            ["CH extension header truncated"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0003 0017 00", Ch(false), Decode),
            ["CH extension data overruns block"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0004 000a 0005", Ch(false), Decode),
            ["CH duplicate extension"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0008 0017 0000 0017 0000", Ch(false), Illegal),
            ["CH trailing garbage"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0004 0017 0000 ff", Ch(false), Decode),
            ["CH pre_shared_key not last"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0008 0029 0000 0017 0000", Ch(false), Illegal),
            ["CH pre_shared_key identities overrun"] = Tuple.Create("0303" + R + "00 0002 1301 0100 0006 0029 0002 0009 00", Ch(false), Decode),
            ["DTLS CH cookie missing"] = Tuple.Create("fefd" + R + "00", Ch(true), Decode),
            ["DTLS CH cookie overrun"] = Tuple.Create("fefd" + R + "00 20 0000", Ch(true), Decode),
            ["DTLS CH read as TLS"] = Tuple.Create("fefd" + R + "00 00 0002 c02b 0100", Ch(false), Decode),

            // ServerHello.
            ["SH truncated suite"] = Tuple.Create("0303" + R + "00 13", Sh(), Decode),
            ["SH compression missing"] = Tuple.Create("0303" + R + "00 1301", Sh(), Decode),
            ["SH compression not null"] = Tuple.Create("0303" + R + "00 1301 01", Sh(), Illegal),
            ["SH session id longer than 32"] = Tuple.Create("0303" + R + "21" + new string('0', 66) + "1301 00", Sh(), Decode),
            ["SH duplicate extension"] = Tuple.Create("0303" + R + "00 1301 00 000c 002b 0002 0304 002b 0002 0304", Sh(), Illegal),
            ["SH trailing garbage"] = Tuple.Create("0303" + R + "00 1301 00 0000 00", Sh(), Decode),

            // Handshake headers.
            ["TLS header truncated"] = Tuple.Create("01 0000", (Parser)(b => HandshakeHeader.ParseTls(new ByteReader(b))), Decode),
            ["DTLS header truncated"] = Tuple.Create("01 000010 0000 000000 0000", (Parser)(b => HandshakeHeader.ParseDtls(new ByteReader(b))), Decode),
            ["DTLS fragment past length"] = Tuple.Create("01 000010 0000 000008 000009", (Parser)(b => HandshakeHeader.ParseDtls(new ByteReader(b))), Decode),
            ["DTLS fragment offset past length"] = Tuple.Create("01 000010 0000 000011 000000", (Parser)(b => HandshakeHeader.ParseDtls(new ByteReader(b))), Decode),
            ["DTLS huge fragment numbers"] = Tuple.Create("01 ffffff 0000 ffffff ffffff", (Parser)(b => HandshakeHeader.ParseDtls(new ByteReader(b))), Decode),

            // HelloVerifyRequest.
            ["HVR cookie overrun"] = Tuple.Create("feff 20 0102", (Parser)(b => HelloVerifyRequest.Parse(new ByteReader(b))), Decode),
            ["HVR trailing garbage"] = Tuple.Create("feff 01 01 00", (Parser)(b => HelloVerifyRequest.Parse(new ByteReader(b))), Decode),

            // Certificate.
            ["Cert 1.2 empty certificate"] = Tuple.Create("000003 000000", (Parser)(b => Certificate.Parse(new ByteReader(b), false)), Decode),
            ["Cert 1.2 list overrun"] = Tuple.Create("000010 000001 30", (Parser)(b => Certificate.Parse(new ByteReader(b), false)), Decode),
            ["Cert 1.2 entry overrun"] = Tuple.Create("000004 000005 30", (Parser)(b => Certificate.Parse(new ByteReader(b), false)), Decode),
            ["Cert 1.2 trailing garbage"] = Tuple.Create("000000 00", (Parser)(b => Certificate.Parse(new ByteReader(b), false)), Decode),
            ["Cert 1.3 entry without extensions"] = Tuple.Create("00 000004 000001 30", (Parser)(b => Certificate.Parse(new ByteReader(b), true)), Decode),
            ["Cert 1.3 context overrun"] = Tuple.Create("05 0000", (Parser)(b => Certificate.Parse(new ByteReader(b), true)), Decode),
            ["Cert 1.3 duplicate entry extension"] = Tuple.Create("00 00000e 000001 30 0008 0005 0000 0005 0000", (Parser)(b => Certificate.Parse(new ByteReader(b), true)), Illegal),

            // ServerKeyExchange.
            ["SKE explicit curve"] = Tuple.Create("01 0017 01 04 0403 0001 00", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Illegal),
            ["SKE empty point"] = Tuple.Create("03 0017 00 0403 0001 00", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Decode),
            ["SKE point overrun"] = Tuple.Create("03 0017 41 04", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheRsa)), Decode),
            ["SKE signature missing"] = Tuple.Create("03 001d 01 09", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Decode),
            ["SKE signature overrun"] = Tuple.Create("03 001d 01 09 0804 0100 00", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Decode),
            ["SKE trailing garbage"] = Tuple.Create("03 001d 01 09 0804 0001 00 ff", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Decode),
            ["SKE PSK hint overrun"] = Tuple.Create("0005 6869", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.Psk)), Decode),
            ["SKE PSK trailing garbage"] = Tuple.Create("0000 00", (Parser)(b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.Psk)), Decode),

            // CertificateRequest.
            ["CR 1.2 empty certificate types"] = Tuple.Create("00 0002 0403 0000", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), false)), Decode),
            ["CR 1.2 empty signature algorithms"] = Tuple.Create("01 40 0000 0000", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), false)), Decode),
            ["CR 1.2 odd signature algorithms"] = Tuple.Create("01 40 0003 040305 0000", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), false)), Decode),
            ["CR 1.2 empty distinguished name"] = Tuple.Create("01 40 0002 0403 0002 0000", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), false)), Decode),
            ["CR 1.2 authorities missing"] = Tuple.Create("01 40 0002 0403", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), false)), Decode),
            ["CR 1.3 extensions missing"] = Tuple.Create("00", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), true)), Decode),
            ["CR 1.3 trailing garbage"] = Tuple.Create("00 0000 00", (Parser)(b => CertificateRequest.Parse(new ByteReader(b), true)), Decode),

            // The small messages.
            ["ServerHelloDone not empty"] = Tuple.Create("00", (Parser)(b => ServerHelloDone.Parse(new ByteReader(b))), Decode),
            ["CKE ECDHE empty point"] = Tuple.Create("00", (Parser)(b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Decode),
            ["CKE ECDHE point overrun"] = Tuple.Create("41 04 00", (Parser)(b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa)), Decode),
            ["CKE ECDHE trailing garbage"] = Tuple.Create("01 04 00", (Parser)(b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheRsa)), Decode),
            ["CKE PSK identity overrun"] = Tuple.Create("0004 6964", (Parser)(b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.Psk)), Decode),
            ["CKE PSK identity length truncated"] = Tuple.Create("00", (Parser)(b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.Psk)), Decode),
            ["CV signature overrun"] = Tuple.Create("0403 0047 3045", (Parser)(b => CertificateVerify.Parse(new ByteReader(b))), Decode),
            ["CV scheme truncated"] = Tuple.Create("04", (Parser)(b => CertificateVerify.Parse(new ByteReader(b))), Decode),
            ["CV trailing garbage"] = Tuple.Create("0403 0001 30 00", (Parser)(b => CertificateVerify.Parse(new ByteReader(b))), Decode),
            ["Finished too short"] = Tuple.Create("0102030405060708090a0b", (Parser)(b => Finished.Parse(new ByteReader(b), 12)), Decode),
            ["Finished too long"] = Tuple.Create("0102030405060708090a0b0c0d", (Parser)(b => Finished.Parse(new ByteReader(b), 12)), Decode),
            ["NST 1.3 empty ticket"] = Tuple.Create("00000e10 01020304 00 0000 0000", (Parser)(b => NewSessionTicket.Parse(new ByteReader(b), true)), Decode),
            ["NST 1.3 extensions missing"] = Tuple.Create("00000e10 01020304 00 0001 aa", (Parser)(b => NewSessionTicket.Parse(new ByteReader(b), true)), Decode),
            ["NST 1.3 nonce overrun"] = Tuple.Create("00000e10 01020304 ff 00", (Parser)(b => NewSessionTicket.Parse(new ByteReader(b), true)), Decode),
            ["NST 1.2 ticket overrun"] = Tuple.Create("00000e10 0010 aa", (Parser)(b => NewSessionTicket.Parse(new ByteReader(b), false)), Decode),
            ["NST 1.2 trailing garbage"] = Tuple.Create("00000e10 0000 00", (Parser)(b => NewSessionTicket.Parse(new ByteReader(b), false)), Decode),
            ["EE duplicate extension"] = Tuple.Create("0008 0010 0000 0010 0000", (Parser)(b => EncryptedExtensions.Parse(new ByteReader(b))), Illegal),
            ["EE trailing garbage"] = Tuple.Create("0000 00", (Parser)(b => EncryptedExtensions.Parse(new ByteReader(b))), Decode),
            ["EE empty body"] = Tuple.Create("", (Parser)(b => EncryptedExtensions.Parse(new ByteReader(b))), Decode),
            ["KeyUpdate value 2"] = Tuple.Create("02", (Parser)(b => KeyUpdate.Parse(new ByteReader(b))), Illegal),
            ["KeyUpdate empty"] = Tuple.Create("", (Parser)(b => KeyUpdate.Parse(new ByteReader(b))), Decode),
            ["KeyUpdate trailing garbage"] = Tuple.Create("01 00", (Parser)(b => KeyUpdate.Parse(new ByteReader(b))), Decode),

            // Extensions.
            ["server_name empty list"] = Tuple.Create("0000", Ext(ServerNameExtension.Parse), Decode),
            ["server_name empty host"] = Tuple.Create("0003 00 0000", Ext(ServerNameExtension.Parse), Decode),
            ["server_name host overrun"] = Tuple.Create("0005 00 0009 6162", Ext(ServerNameExtension.Parse), Decode),
            ["server_name two hosts"] = Tuple.Create("0008 00 0001 61 00 0001 62", Ext(ServerNameExtension.Parse), Illegal),
            ["server_name control byte"] = Tuple.Create("0005 00 0002 6100", Ext(ServerNameExtension.Parse), Illegal),
            ["server_name non-ASCII"] = Tuple.Create("0005 00 0002 61c3", Ext(ServerNameExtension.Parse), Illegal),
            ["server_name trailing garbage"] = Tuple.Create("0004 00 0001 61 00", Ext(ServerNameExtension.Parse), Decode),
            ["max_fragment_length 0"] = Tuple.Create("00", Ext(MaxFragmentLengthExtension.Parse), Illegal),
            ["max_fragment_length 5"] = Tuple.Create("05", Ext(MaxFragmentLengthExtension.Parse), Illegal),
            ["max_fragment_length empty"] = Tuple.Create("", Ext(MaxFragmentLengthExtension.Parse), Decode),
            ["max_fragment_length two bytes"] = Tuple.Create("0101", Ext(MaxFragmentLengthExtension.Parse), Decode),
            ["supported_groups empty"] = Tuple.Create("0000", Ext(SupportedGroupsExtension.Parse), Decode),
            ["supported_groups odd"] = Tuple.Create("0003 001d00", Ext(SupportedGroupsExtension.Parse), Decode),
            ["supported_groups overrun"] = Tuple.Create("0004 001d", Ext(SupportedGroupsExtension.Parse), Decode),
            ["supported_groups trailing garbage"] = Tuple.Create("0002 001d 00", Ext(SupportedGroupsExtension.Parse), Decode),
            ["ec_point_formats empty"] = Tuple.Create("00", Ext(EcPointFormatsExtension.Parse), Decode),
            ["ec_point_formats missing"] = Tuple.Create("", Ext(EcPointFormatsExtension.Parse), Decode),
            ["signature_algorithms empty"] = Tuple.Create("0000", Ext(SignatureAlgorithmsExtension.Parse), Decode),
            ["signature_algorithms odd"] = Tuple.Create("0001 04", Ext(SignatureAlgorithmsExtension.Parse), Decode),
            ["signature_algorithms_cert empty"] = Tuple.Create("0000", Ext(SignatureAlgorithmsExtension.ParseCert), Decode),
            ["ALPN empty list"] = Tuple.Create("0000", Ext(AlpnExtension.ParseClient), Decode),
            ["ALPN empty name"] = Tuple.Create("0001 00", Ext(AlpnExtension.ParseClient), Decode),
            ["ALPN name overrun"] = Tuple.Create("0003 05 6832", Ext(AlpnExtension.ParseClient), Decode),
            ["ALPN server two names"] = Tuple.Create("0006 02 6832 02 6833", Ext(AlpnExtension.ParseServer), Decode),
            ["extended_master_secret not empty"] = Tuple.Create("00", Ext(ExtendedMasterSecretExtension.Parse), Decode),
            ["record_size_limit 63"] = Tuple.Create("003f", Ext(RecordSizeLimitExtension.Parse), Illegal),
            ["record_size_limit 0"] = Tuple.Create("0000", Ext(RecordSizeLimitExtension.Parse), Illegal),
            ["record_size_limit truncated"] = Tuple.Create("40", Ext(RecordSizeLimitExtension.Parse), Decode),
            ["record_size_limit trailing garbage"] = Tuple.Create("400100", Ext(RecordSizeLimitExtension.Parse), Decode),
            ["supported_versions client empty"] = Tuple.Create("00", Ext(SupportedVersionsExtension.ParseClient), Decode),
            ["supported_versions client odd"] = Tuple.Create("03 030403", Ext(SupportedVersionsExtension.ParseClient), Decode),
            ["supported_versions client overrun"] = Tuple.Create("04 0304", Ext(SupportedVersionsExtension.ParseClient), Decode),
            ["supported_versions server long"] = Tuple.Create("030400", Ext(SupportedVersionsExtension.ParseServer), Decode),
            ["supported_versions server short"] = Tuple.Create("03", Ext(SupportedVersionsExtension.ParseServer), Decode),
            ["key_share duplicate group"] = Tuple.Create("000a 001d 0001 aa 001d 0001 bb", Ext(KeyShareExtension.ParseClientHello), Illegal),
            ["key_share empty key"] = Tuple.Create("0004 001d 0000", Ext(KeyShareExtension.ParseClientHello), Decode),
            ["key_share entry overrun"] = Tuple.Create("0006 001d 0020 aaaa", Ext(KeyShareExtension.ParseClientHello), Decode),
            ["key_share list overrun"] = Tuple.Create("0010 001d 0001 aa", Ext(KeyShareExtension.ParseClientHello), Decode),
            ["key_share server trailing garbage"] = Tuple.Create("001d 0001 aa bb", Ext(KeyShareExtension.ParseServerHello), Decode),
            ["key_share server empty key"] = Tuple.Create("001d 0000", Ext(KeyShareExtension.ParseServerHello), Decode),
            ["key_share HRR long"] = Tuple.Create("001d00", Ext(KeyShareExtension.ParseHelloRetryRequest), Decode),
            ["cookie empty"] = Tuple.Create("0000", Ext(CookieExtension.Parse), Decode),
            ["cookie overrun"] = Tuple.Create("0005 0102", Ext(CookieExtension.Parse), Decode),
            ["renegotiation_info overrun"] = Tuple.Create("0c 0102", Ext(RenegotiationInfoExtension.Parse), Decode),
            ["renegotiation_info missing"] = Tuple.Create("", Ext(RenegotiationInfoExtension.Parse), Decode),
            ["psk_key_exchange_modes empty"] = Tuple.Create("00", Ext(PskKeyExchangeModesExtension.Parse), Decode),
            ["pre_shared_key no identities"] = Tuple.Create("0000 0021 20" + R, Ext(PreSharedKeyExtension.ParseClient), Decode),
            ["pre_shared_key no binders"] = Tuple.Create("0007 0001 61 00000000 0000", Ext(PreSharedKeyExtension.ParseClient), Decode),
            ["pre_shared_key short binder"] = Tuple.Create("0007 0001 61 00000000 0020 1f" + R.Substring(2), Ext(PreSharedKeyExtension.ParseClient), Decode),
            ["pre_shared_key count mismatch"] = Tuple.Create("000e 0001 61 00000000 0001 62 00000000 0021 20" + R, Ext(PreSharedKeyExtension.ParseClient), Illegal),
            ["pre_shared_key empty identity"] = Tuple.Create("0006 0000 00000000 0021 20" + R, Ext(PreSharedKeyExtension.ParseClient), Decode),
            ["pre_shared_key server long"] = Tuple.Create("000000", Ext(PreSharedKeyExtension.ParseServer), Decode),
        };

        public static IEnumerable<object[]> CaseNames()
        {
            foreach (string name in Cases.Keys) yield return new object[] { name };
        }

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void MalformedInput_FailsWithTheRightError(string name)
        {
            Tuple<string, Parser, SslError> c = Cases[name];
            SslException e = Assert.Throws<SslException>(() => c.Item2(Hex.Parse(c.Item1)));
            Assert.Equal(c.Item3, e.Error);
            Assert.Equal(c.Item3 == Decode ? AlertDescription.DecodeError : AlertDescription.IllegalParameter, e.Alert);
            Assert.False(string.IsNullOrEmpty(e.Message));
        }

        [Fact]
        public void MalformedInput_MessagesNameTheField()
        {
            Assert.Contains("cipher_suites", Assert.Throws<SslException>(() => Cases["CH cipher suites odd length"].Item2(Hex.Parse(Cases["CH cipher suites odd length"].Item1))).Message);
            Assert.Contains("legacy_compression_methods", Assert.Throws<SslException>(() => Cases["CH compression empty"].Item2(Hex.Parse(Cases["CH compression empty"].Item1))).Message);
            Assert.Contains("0x0017 twice", Assert.Throws<SslException>(() => Cases["CH duplicate extension"].Item2(Hex.Parse(Cases["CH duplicate extension"].Item1))).Message);
            Assert.Contains("record_size_limit", Assert.Throws<SslException>(() => Cases["record_size_limit 63"].Item2(Hex.Parse(Cases["record_size_limit 63"].Item1))).Message);
        }

        /// <summary>Every valid message paired with its parser, to cut and mutate.</summary>
        public static IEnumerable<object[]> ValidBodies()
        {
            yield return new object[] { "RFC 8448 ClientHello", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.ClientHello), HandshakeType.ClientHello).ToArray()) };
            yield return new object[] { "RFC 8448 resumption ClientHello", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.ResumptionClientHello), HandshakeType.ClientHello).ToArray()) };
            yield return new object[] { "DTLS ClientHello", Hex.Of(Samples.Tls12ClientHello(true).EncodeBody()) };
            yield return new object[] { "RFC 8448 ServerHello", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.ServerHello), HandshakeType.ServerHello).ToArray()) };
            yield return new object[] { "RFC 8448 HelloRetryRequest", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.HelloRetryRequest), HandshakeType.ServerHello).ToArray()) };
            yield return new object[] { "RFC 8448 EncryptedExtensions", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.EncryptedExtensions), HandshakeType.EncryptedExtensions).ToArray()) };
            yield return new object[] { "RFC 8448 Certificate", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.Certificate), HandshakeType.Certificate).ToArray()) };
            yield return new object[] { "RFC 8448 CertificateVerify", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.CertificateVerify), HandshakeType.CertificateVerify).ToArray()) };
            yield return new object[] { "RFC 8448 NewSessionTicket", Hex.Of(Rfc8448Tests.Body(Hex.Parse(Rfc8448.NewSessionTicket), HandshakeType.NewSessionTicket).ToArray()) };
            Certificate small = new Certificate(true, new[] { Samples.Bytes(40, 1), Samples.Bytes(30, 2) });
            small.EntryExtensions[1] = Samples.CertificateEntryExtensions();
            yield return new object[] { "Certificate 1.3", Hex.Of(small.EncodeBody()) };
            yield return new object[] { "CertificateRequest 1.2", Hex.Of(Samples.Tls12CertificateRequest().EncodeBody()) };
            yield return new object[] { "CertificateRequest 1.3", Hex.Of(Samples.Tls13CertificateRequest().EncodeBody()) };
            yield return new object[] { "ServerKeyExchange", Hex.Of(Samples.EcdheServerKeyExchange().EncodeBody()) };
        }

        // Every parser that could plausibly be handed these bytes: a fault must not escape any of them.
        private static readonly Parser[] AllParsers =
        {
            Ch(false), Ch(true), Sh(),
            b => HelloVerifyRequest.Parse(new ByteReader(b)),
            b => Certificate.Parse(new ByteReader(b), false),
            b => Certificate.Parse(new ByteReader(b), true),
            b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheEcdsa),
            b => ServerKeyExchange.Parse(new ByteReader(b), KeyExchange.Psk),
            b => CertificateRequest.Parse(new ByteReader(b), false),
            b => CertificateRequest.Parse(new ByteReader(b), true),
            b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.EcdheRsa),
            b => ClientKeyExchange.Parse(new ByteReader(b), KeyExchange.Psk),
            b => CertificateVerify.Parse(new ByteReader(b)),
            b => NewSessionTicket.Parse(new ByteReader(b), true),
            b => NewSessionTicket.Parse(new ByteReader(b), false),
            b => EncryptedExtensions.Parse(new ByteReader(b)),
            b => KeyUpdate.Parse(new ByteReader(b)),
            b => HandshakeHeader.ParseDtls(new ByteReader(b)),
            DecodeAllExtensions,
        };

        // Parses a ClientHello's or ServerHello's extensions with every typed codec that accepts them.
        private static void DecodeAllExtensions(byte[] body)
        {
            ExtensionList list = ExtensionList.Parse(new ByteReader(body), "fuzzed extensions");
            Func<byte[], ExtensionBody>[] codecs =
            {
                ServerNameExtension.Parse, MaxFragmentLengthExtension.Parse, SupportedGroupsExtension.Parse,
                EcPointFormatsExtension.Parse, SignatureAlgorithmsExtension.Parse, AlpnExtension.ParseClient,
                AlpnExtension.ParseServer, ExtendedMasterSecretExtension.Parse, RecordSizeLimitExtension.Parse,
                PreSharedKeyExtension.ParseClient, PreSharedKeyExtension.ParseServer, SupportedVersionsExtension.ParseClient,
                SupportedVersionsExtension.ParseServer, CookieExtension.Parse, PskKeyExchangeModesExtension.Parse,
                KeyShareExtension.ParseClientHello, KeyShareExtension.ParseServerHello, KeyShareExtension.ParseHelloRetryRequest,
                RenegotiationInfoExtension.Parse,
            };
            for (int i = 0; i < list.Count; i++)
            {
                foreach (Func<byte[], ExtensionBody> codec in codecs)
                {
                    try { codec(list.DataAt(i)); }
                    catch (SslException) { }
                }
            }
        }

        private static void OnlySslException(Parser parser, byte[] input, string what)
        {
            try
            {
                parser(input);
            }
            catch (SslException e)
            {
                Assert.True(e.Error == Decode || e.Error == Illegal, what + ": unexpected code " + e.Error);
            }
            catch (Exception e)
            {
                Assert.Fail(what + ": " + e.GetType().Name + " escaped: " + e.Message);
            }
        }

        [Fact]
        public void EveryPrefixOfAClientHello_FailsOnlyWithDecodeError()
        {
            byte[] body = Rfc8448Tests.Body(Hex.Parse(Rfc8448.ClientHello), HandshakeType.ClientHello).ToArray();
            int parsedPrefixes = 0;
            for (int length = 0; length < body.Length; length++)
            {
                byte[] prefix = body[..length];
                try
                {
                    ClientHello.Parse(new ByteReader(prefix), false);
                    parsedPrefixes++;
                    // Only the cut right after the compression methods is a valid (extension-less) hello.
                    Assert.Equal(2 + 32 + 1 + 2 + 6 + 2, length);
                }
                catch (SslException e)
                {
                    Assert.Equal(SslError.DecodeError, e.Error);
                    Assert.Equal(AlertDescription.DecodeError, e.Alert);
                }
            }
            Assert.Equal(1, parsedPrefixes);
        }

        [Theory]
        [MemberData(nameof(ValidBodies))]
        public void EveryPrefix_ThroughEveryParser_FailsOnlyWithSslException(string name, string hex)
        {
            byte[] body = Hex.Parse(hex);
            for (int length = 0; length <= body.Length; length++)
            {
                byte[] prefix = body[..length];
                foreach (Parser parser in AllParsers) OnlySslException(parser, prefix, name + " prefix " + length);
            }
        }

        [Theory]
        [MemberData(nameof(ValidBodies))]
        public void RandomMutations_FailOnlyWithSslException(string name, string hex)
        {
            byte[] body = Hex.Parse(hex);
            Random random = new Random(name.Length * 7919 + body.Length);
            for (int round = 0; round < 1500; round++)
            {
                byte[] mutated = (byte[])body.Clone();
                int edits = 1 + random.Next(3);
                for (int e = 0; e < edits; e++)
                {
                    int at = random.Next(mutated.Length);
                    switch (random.Next(3))
                    {
                        case 0: mutated[at] = (byte)random.Next(256); break;
                        case 1: mutated[at] ^= (byte)(1 << random.Next(8)); break;
                        default: mutated[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xff; break;
                    }
                }
                if (random.Next(4) == 0) Array.Resize(ref mutated, random.Next(mutated.Length + 8));
                foreach (Parser parser in AllParsers) OnlySslException(parser, mutated, name + " mutation " + round);
            }
        }
    }
}
