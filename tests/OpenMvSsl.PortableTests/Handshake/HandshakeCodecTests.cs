using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Handshake message codecs: write, parse, write again gives the same bytes; lengths that do
    /// not fit are decode errors (SslException), never an index or null failure.
    /// </summary>
    [TestClass]
    public class HandshakeCodecTests
    {
        private static ClientHello DtlsClientHello()
        {
            ClientHello hello = new ClientHello();
            hello.IsDtls = true;
            hello.LegacyVersion = ProtocolVersion.Dtls12;
            hello.Random = TestBytes.Pattern(32, 1);
            hello.Cookie = TestBytes.Pattern(20, 3);
            hello.CipherSuites = new int[] { CipherSuites.TlsPskWithAes128Ccm8, CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, CipherSuites.TlsEmptyRenegotiationInfoScsv };
            hello.Extensions.Add(new ServerNameExtension("device.example"));
            hello.Extensions.Add(new SupportedGroupsExtension(new NamedGroup[] { NamedGroup.Secp256r1 }));
            hello.Extensions.Add(new ExtendedMasterSecretExtension());
            hello.Extensions.Add(RenegotiationInfoExtension.Empty());
            return hello;
        }

        private static ClientHello Tls13ClientHello()
        {
            ClientHello hello = new ClientHello();
            hello.LegacyVersion = ProtocolVersion.Tls12;
            hello.Random = TestBytes.Pattern(32, 4);
            hello.SessionId = TestBytes.Pattern(32, 5);
            hello.CipherSuites = new int[] { CipherSuites.TlsAes128GcmSha256, CipherSuites.TlsChaCha20Poly1305Sha256 };
            hello.Extensions.Add(SupportedVersionsExtension.ForClient(new int[] { ProtocolVersion.Tls13, ProtocolVersion.Tls12 }));
            hello.Extensions.Add(KeyShareExtension.ForClientHello(new KeyShareEntry[] { new KeyShareEntry(NamedGroup.Secp256r1, TestBytes.Pattern(65, 7)) }));
            hello.Extensions.Add(new SignatureAlgorithmsExtension(new SignatureScheme[] { SignatureScheme.EcdsaSecp256r1Sha256 }));
            return hello;
        }

        private static SslError DecodeFailure(byte[] body, bool dtls)
        {
            try
            {
                ClientHello.Parse(new ByteReader(body), dtls);
            }
            catch (SslException e)
            {
                return e.Error;
            }
            return SslError.InvalidState; // parsed: reported by the caller's assertion
        }

        [TestMethod]
        public void DtlsClientHelloRoundTrips()
        {
            ClientHello hello = DtlsClientHello();
            byte[] body = hello.EncodeBody();
            ClientHello parsed = ClientHello.Parse(new ByteReader(body), true);
            ByteAssert.AreEqual(hello.Cookie, parsed.Cookie, "cookie");
            Assert.AreEqual(3, parsed.CipherSuites.Length);
            Assert.IsTrue(parsed.OffersCipherSuite(CipherSuites.TlsPskWithAes128Ccm8));
            Assert.AreEqual("device.example", ServerNameExtension.Parse(parsed.Extensions.Find(ExtensionType.ServerName)).HostName);
            Assert.IsTrue(parsed.Extensions.Contains(ExtensionType.ExtendedMasterSecret));
            ByteAssert.AreEqual(body, parsed.EncodeBody(), "write, parse, write");
        }

        [TestMethod]
        public void Tls13ClientHelloRoundTripsWithKeyShare()
        {
            ClientHello hello = Tls13ClientHello();
            byte[] body = hello.EncodeBody();
            ClientHello parsed = ClientHello.Parse(new ByteReader(body), false);
            SupportedVersionsExtension versions = SupportedVersionsExtension.ParseClient(parsed.Extensions.Find(ExtensionType.SupportedVersions));
            Assert.IsTrue(versions.Offers(ProtocolVersion.Tls13));
            KeyShareExtension shares = KeyShareExtension.ParseClientHello(parsed.Extensions.Find(ExtensionType.KeyShare));
            KeyShareEntry share = shares.FindShare(NamedGroup.Secp256r1);
            Assert.IsNotNull(share, "secp256r1 share");
            ByteAssert.AreEqual(TestBytes.Pattern(65, 7), share.KeyExchange);
            ByteAssert.AreEqual(body, parsed.EncodeBody());
        }

        [TestMethod]
        public void EveryTruncatedClientHelloIsADecodeError()
        {
            byte[] body = DtlsClientHello().EncodeBody();
            // Cut exactly before the extensions block, the rest is a valid extension-less hello (RFC 5246 7.4.1.2).
            ClientHello bare = DtlsClientHello();
            bare.Extensions = new ExtensionList();
            int withoutExtensions = bare.EncodeBody().Length;
            for (int n = 0; n < body.Length; n++)
            {
                SslError error = DecodeFailure(TestBytes.Slice(body, 0, n), true);
                if (n == withoutExtensions)
                    Assert.AreEqual((object)SslError.InvalidState, (object)error, "the hello without extensions parses");
                else
                    Assert.AreEqual((object)SslError.DecodeError, (object)error, "prefix of " + n + " bytes");
            }
        }

        [TestMethod]
        public void ClientHelloWithTrailingByteIsADecodeError()
        {
            byte[] body = TestBytes.Concat(Tls13ClientHello().EncodeBody(), new byte[] { 0 });
            Assert.AreEqual((object)SslError.DecodeError, (object)DecodeFailure(body, false));
        }

        [TestMethod]
        public void OverlongClientHelloLengthsAreDecodeErrors()
        {
            byte[] body = DtlsClientHello().EncodeBody();
            // legacy_version(2) random(32) session_id length at 34, cookie length at 35 in this message.
            int[] lengthBytes = new int[] { 34, 35 };
            for (int i = 0; i < lengthBytes.Length; i++)
            {
                byte[] copy = TestBytes.Copy(body);
                copy[lengthBytes[i]] = 0xFF;
                Assert.AreEqual((object)SslError.DecodeError, (object)DecodeFailure(copy, true), "length byte at " + lengthBytes[i]);
            }
        }

        [TestMethod]
        public void DuplicateExtensionIsIllegalParameter()
        {
            // extensions<0..2^16-1> holding cookie (44) twice, each with an empty body (RFC 8446 4.2: at most once).
            byte[] block = new byte[] { 0, 8, 0, 44, 0, 0, 0, 44, 0, 0 };
            SslException failure = null;
            try
            {
                ExtensionList.Parse(new ByteReader(block), "test extensions");
            }
            catch (SslException e)
            {
                failure = e;
            }
            Assert.IsNotNull(failure, "a repeated extension was accepted");
            Assert.AreEqual((object)SslError.IllegalParameter, (object)failure.Error);
            Assert.AreEqual(1, ExtensionList.Parse(new ByteReader(new byte[] { 0, 4, 0, 44, 0, 0 }), "test extensions").Count, "once is fine");
        }

        [TestMethod]
        public void ServerHelloRoundTrips()
        {
            ServerHello hello = new ServerHello();
            hello.LegacyVersion = ProtocolVersion.Tls12;
            hello.Random = TestBytes.Pattern(32, 13);
            hello.SessionId = TestBytes.Pattern(32, 5);
            hello.CipherSuite = CipherSuites.TlsAes128GcmSha256;
            hello.Extensions.Add(SupportedVersionsExtension.ForServer(ProtocolVersion.Tls13));
            hello.Extensions.Add(KeyShareExtension.ForServerHello(new KeyShareEntry(NamedGroup.Secp256r1, TestBytes.Pattern(65, 14))));
            byte[] body = hello.EncodeBody();
            ServerHello parsed = ServerHello.Parse(new ByteReader(body));
            Assert.AreEqual(CipherSuites.TlsAes128GcmSha256, parsed.CipherSuite);
            Assert.AreEqual(ProtocolVersion.Tls13, SupportedVersionsExtension.ParseServer(parsed.Extensions.Find(ExtensionType.SupportedVersions)).SelectedVersion);
            Assert.IsFalse(parsed.IsHelloRetryRequest);
            ByteAssert.AreEqual(body, parsed.EncodeBody());
        }

        [TestMethod]
        public void HelloVerifyRequestRoundTripAndOverlongCookie()
        {
            HelloVerifyRequest request = new HelloVerifyRequest(ProtocolVersion.Dtls10, TestBytes.Pattern(32, 30));
            byte[] body = request.EncodeBody();
            Assert.AreEqual(2 + 1 + 32, body.Length);
            HelloVerifyRequest parsed = HelloVerifyRequest.Parse(new ByteReader(body));
            Assert.AreEqual(ProtocolVersion.Dtls10, parsed.ServerVersion);
            ByteAssert.AreEqual(request.Cookie, parsed.Cookie);

            body[2] = 33; // cookie length one past the end
            Assert.ThrowsException(typeof(SslException), delegate { HelloVerifyRequest.Parse(new ByteReader(body)); });
        }

        [TestMethod]
        public void FinishedKeepsItsVerifyDataAndRefusesOtherLengths()
        {
            Finished finished = new Finished(TestBytes.Pattern(12, 39));
            byte[] body = finished.EncodeBody();
            ByteAssert.AreEqual(finished.VerifyData, Finished.Parse(new ByteReader(body), Finished.Tls12VerifyDataLength).VerifyData);
            SslException failure = null;
            try
            {
                Finished.Parse(new ByteReader(body), 32);
            }
            catch (SslException e)
            {
                failure = e;
            }
            Assert.IsNotNull(failure, "12 bytes accepted where 32 were expected");
            Assert.AreEqual((object)SslError.DecodeError, (object)failure.Error);
            Assert.AreEqual((object)AlertDescription.DecodeError, (object)failure.Alert);
        }

        [TestMethod]
        public void TlsHeaderIsTypeAndLength()
        {
            byte[] encoded = new Finished(TestBytes.Pattern(12, 1)).EncodeTls();
            Assert.AreEqual(HandshakeHeader.TlsSize + 12, encoded.Length);
            HandshakeHeader header = HandshakeHeader.ParseTls(new ByteReader(encoded));
            Assert.AreEqual((object)HandshakeType.Finished, (object)header.Type);
            Assert.AreEqual(12, header.Length);
            Assert.IsFalse(header.IsFragment);
        }

        [TestMethod]
        public void DtlsHeaderCarriesMessageSequence()
        {
            byte[] encoded = new ServerHelloDone().EncodeDtls(513);
            Assert.AreEqual(HandshakeHeader.DtlsSize, encoded.Length);
            HandshakeHeader header = HandshakeHeader.ParseDtls(new ByteReader(encoded));
            Assert.AreEqual((object)HandshakeType.ServerHelloDone, (object)header.Type);
            Assert.AreEqual(513, header.MessageSeq);
            Assert.AreEqual(0, header.FragmentOffset);
            Assert.AreEqual(0, header.FragmentLength);
        }

        [TestMethod]
        public void DtlsFragmentBeyondTheMessageIsADecodeError()
        {
            // type 2, length 10, seq 0, fragment_offset 8, fragment_length 5: 8 + 5 > 10.
            byte[] header = new byte[] { 2, 0, 0, 10, 0, 0, 0, 0, 8, 0, 0, 5 };
            Assert.ThrowsException(typeof(SslException), delegate { HandshakeHeader.ParseDtls(new ByteReader(header)); });
        }

        [TestMethod]
        public void PskClientKeyExchangeRoundTripsAndRejectsABadLength()
        {
            ClientKeyExchange exchange = ClientKeyExchange.ForPsk(TestBytes.Ascii("device-1"));
            byte[] body = exchange.EncodeBody();
            Assert.AreEqual(2 + 8, body.Length);
            ByteAssert.AreEqual(TestBytes.Ascii("device-1"), ClientKeyExchange.Parse(new ByteReader(body), KeyExchange.Psk).PskIdentity);
            body[1] = 9;
            Assert.ThrowsException(typeof(SslException), delegate { ClientKeyExchange.Parse(new ByteReader(body), KeyExchange.Psk); });
        }

        [TestMethod]
        public void KeyUpdateAcceptsOnlyZeroOrOne()
        {
            Assert.IsTrue(KeyUpdate.Parse(new ByteReader(new KeyUpdate(true).EncodeBody())).RequestUpdate);
            Assert.IsFalse(KeyUpdate.Parse(new ByteReader(new KeyUpdate(false).EncodeBody())).RequestUpdate);
            Assert.ThrowsException(typeof(SslException), delegate { KeyUpdate.Parse(new ByteReader(new byte[] { 2 })); });
        }

        [TestMethod]
        public void EmptyBodyOfEveryParserIsADecodeError()
        {
            byte[] empty = new byte[0];
            Assert.AreEqual((object)SslError.DecodeError, (object)DecodeFailure(empty, false));
            Assert.ThrowsException(typeof(SslException), delegate { ServerHello.Parse(new ByteReader(empty)); });
            Assert.ThrowsException(typeof(SslException), delegate { HelloVerifyRequest.Parse(new ByteReader(empty)); });
            Assert.ThrowsException(typeof(SslException), delegate { KeyUpdate.Parse(new ByteReader(empty)); });
            Assert.ThrowsException(typeof(SslException), delegate { ClientKeyExchange.Parse(new ByteReader(empty), KeyExchange.Psk); });
        }
    }
}
