using System;
using System.Security.Cryptography;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>Parses the real handshake messages printed in RFC 8448 and writes them back byte for byte.</summary>
    public class Rfc8448Tests
    {
        internal static ByteReader Body(byte[] message, HandshakeType expectedType)
        {
            ByteReader r = new ByteReader(message);
            HandshakeHeader header = HandshakeHeader.ParseTls(r);
            Assert.Equal(expectedType, header.Type);
            ByteReader body = r.ReadBlock(header.Length, "body");
            r.EnsureEnd("message");
            return body;
        }

        [Fact]
        public void ClientHello_Section3()
        {
            byte[] bytes = Hex.Parse(Rfc8448.ClientHello);
            ClientHello ch = ClientHello.Parse(Body(bytes, HandshakeType.ClientHello), false);

            Assert.Equal(ProtocolVersion.Tls12, ch.LegacyVersion);
            Assert.Equal("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7", Hex.Of(ch.Random));
            Assert.Empty(ch.SessionId);
            Assert.Equal(new[] { 0x1301, 0x1303, 0x1302 }, ch.CipherSuites);
            Assert.True(ch.OffersNullCompression);
            Assert.False(ch.OffersOtherCompression);
            Assert.Equal(-1, ch.PskBindersOffset);

            ExtensionList ext = ch.Extensions;
            Assert.Equal(9, ext.Count);
            Assert.Equal("server", ServerNameExtension.Parse(ext.Find(ExtensionType.ServerName)).HostName);
            Assert.True(RenegotiationInfoExtension.Parse(ext.Find(ExtensionType.RenegotiationInfo)).IsEmpty);
            SupportedGroupsExtension groups = SupportedGroupsExtension.Parse(ext.Find(ExtensionType.SupportedGroups));
            Assert.Equal(new[] { 0x1d, 0x17, 0x18, 0x19, 0x100, 0x101, 0x102, 0x103, 0x104 }, Array.ConvertAll(groups.Groups, g => (int)g));
            Assert.Empty(ext.Find(ExtensionType.SessionTicket));
            KeyShareExtension keyShare = KeyShareExtension.ParseClientHello(ext.Find(ExtensionType.KeyShare));
            Assert.Single(keyShare.ClientShares);
            Assert.Equal(Hex.Parse(Rfc8448.ClientX25519Public), keyShare.FindShare(NamedGroup.X25519).KeyExchange);
            SupportedVersionsExtension versions = SupportedVersionsExtension.ParseClient(ext.Find(ExtensionType.SupportedVersions));
            Assert.Equal(new[] { ProtocolVersion.Tls13 }, versions.Versions);
            SignatureAlgorithmsExtension sigalgs = SignatureAlgorithmsExtension.Parse(ext.Find(ExtensionType.SignatureAlgorithms));
            Assert.Equal(15, sigalgs.Schemes.Length);
            Assert.Equal(SignatureScheme.EcdsaSecp256r1Sha256, sigalgs.Schemes[0]);
            Assert.True(sigalgs.Contains(SignatureScheme.RsaPssRsaeSha256));
            Assert.Equal(new byte[] { PskKeyExchangeModesExtension.PskDheKe },
                PskKeyExchangeModesExtension.Parse(ext.Find(ExtensionType.PskKeyExchangeModes)).Modes);
            Assert.Equal(0x4001, RecordSizeLimitExtension.Parse(ext.Find(ExtensionType.RecordSizeLimit)).Limit);

            Assert.Equal(bytes, ch.EncodeTls());
        }

        [Fact]
        public void ServerHello_Section3()
        {
            byte[] bytes = Hex.Parse(Rfc8448.ServerHello);
            ServerHello sh = ServerHello.Parse(Body(bytes, HandshakeType.ServerHello));
            Assert.Equal(ProtocolVersion.Tls12, sh.LegacyVersion);
            Assert.False(sh.IsHelloRetryRequest);
            Assert.Equal(DowngradeSentinel.None, sh.Downgrade);
            Assert.Equal(CipherSuites.TlsAes128GcmSha256, sh.CipherSuite);
            Assert.Equal(2, sh.Extensions.Count);
            KeyShareExtension share = KeyShareExtension.ParseServerHello(sh.Extensions.Find(ExtensionType.KeyShare));
            Assert.Equal(NamedGroup.X25519, share.ServerShare.Group);
            Assert.Equal(Hex.Parse(Rfc8448.ServerX25519Public), share.ServerShare.KeyExchange);
            Assert.Equal(ProtocolVersion.Tls13,
                SupportedVersionsExtension.ParseServer(sh.Extensions.Find(ExtensionType.SupportedVersions)).SelectedVersion);
            Assert.Equal(bytes, sh.EncodeTls());
        }

        [Fact]
        public void EncryptedExtensions_Section3()
        {
            byte[] bytes = Hex.Parse(Rfc8448.EncryptedExtensions);
            EncryptedExtensions ee = EncryptedExtensions.Parse(Body(bytes, HandshakeType.EncryptedExtensions));
            Assert.Equal(3, ee.Extensions.Count);
            Assert.Equal(9, SupportedGroupsExtension.Parse(ee.Extensions.Find(ExtensionType.SupportedGroups)).Groups.Length);
            Assert.Equal(0x4001, RecordSizeLimitExtension.Parse(ee.Extensions.Find(ExtensionType.RecordSizeLimit)).Limit);
            Assert.Null(ServerNameExtension.Parse(ee.Extensions.Find(ExtensionType.ServerName)).HostName);
            Assert.Equal(bytes, ee.EncodeTls());
        }

        [Fact]
        public void Certificate_Section3()
        {
            byte[] bytes = Hex.Parse(Rfc8448.Certificate);
            Certificate cert = Certificate.Parse(Body(bytes, HandshakeType.Certificate), true);
            Assert.Empty(cert.RequestContext);
            Assert.Single(cert.Certificates);
            Assert.Equal(0x1b0, cert.Certificates[0].Length);
            Assert.Equal(0x30, cert.Certificates[0][0]); // a DER SEQUENCE
            Assert.Equal(0, cert.EntryExtensions[0].Count);
            Assert.Equal(bytes, cert.EncodeTls());
        }

        [Fact]
        public void CertificateVerify_Section3()
        {
            byte[] bytes = Hex.Parse(Rfc8448.CertificateVerify);
            CertificateVerify cv = CertificateVerify.Parse(Body(bytes, HandshakeType.CertificateVerify));
            Assert.Equal(SignatureScheme.RsaPssRsaeSha256, cv.Scheme);
            Assert.Equal(128, cv.Signature.Length);
            Assert.Equal(bytes, cv.EncodeTls());
        }

        [Theory]
        [InlineData(Rfc8448.ServerFinished, "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718")]
        [InlineData(Rfc8448.ClientFinished, "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61")]
        public void Finished_Section3(string message, string verifyData)
        {
            byte[] bytes = Hex.Parse(message);
            int length = CipherSuites.FindByCode(CipherSuites.TlsAes128GcmSha256).FinishedLength;
            Finished fin = Finished.Parse(Body(bytes, HandshakeType.Finished), length);
            Assert.Equal(verifyData, Hex.Of(fin.VerifyData));
            Assert.Equal(bytes, fin.EncodeTls());

            // The same body read as a TLS 1.2 Finished (12 bytes) is the wrong length.
            SslException e = Assert.Throws<SslException>(() => Finished.Parse(Body(bytes, HandshakeType.Finished), 12));
            Assert.Equal(SslError.DecodeError, e.Error);
        }

        [Fact]
        public void NewSessionTicket_Section3()
        {
            byte[] bytes = Hex.Parse(Rfc8448.NewSessionTicket);
            NewSessionTicket nst = NewSessionTicket.Parse(Body(bytes, HandshakeType.NewSessionTicket), true);
            Assert.Equal(30u, nst.LifetimeSeconds);
            Assert.Equal(0xfad6aac5u, nst.AgeAdd);
            Assert.Equal(new byte[] { 0, 0 }, nst.Nonce);
            Assert.Equal(0xb2, nst.Ticket.Length);
            Assert.Equal(1, nst.Extensions.Count);
            Assert.Equal(new byte[] { 0, 0, 4, 0 }, nst.Extensions.Find(ExtensionType.EarlyData));
            Assert.Equal(bytes, nst.EncodeTls());
        }

        [Fact]
        public void ResumptionClientHello_Section4_LocatesPskBinders()
        {
            byte[] bytes = Hex.Parse(Rfc8448.ResumptionClientHello);
            ClientHello ch = ClientHello.Parse(Body(bytes, HandshakeType.ClientHello), false);
            Assert.Equal(ExtensionType.PreSharedKey, (ExtensionType)ch.Extensions.TypeAt(ch.Extensions.Count - 1));

            // RFC 8448 section 4 computes the binder over the 477-octet ClientHello prefix.
            Assert.Equal(477, HandshakeHeader.TlsSize + ch.PskBindersOffset);

            PreSharedKeyExtension psk = PreSharedKeyExtension.ParseClient(ch.Extensions.Find(ExtensionType.PreSharedKey));
            Assert.Single(psk.Identities);
            Assert.Equal(0xb2, psk.Identities[0].Identity.Length);
            Assert.Equal(0xfad6aacbu, psk.Identities[0].ObfuscatedTicketAge);
            Assert.Equal(Hex.Parse(Rfc8448.ResumptionBinder), psk.Binders[0]);
            Assert.Equal(bytes.Length - 477, psk.BindersLength);
            Assert.Empty(ch.Extensions.Find(ExtensionType.EarlyData));
            Assert.Equal(0x57, ch.Extensions.Find(ExtensionType.Padding).Length);

            Assert.Equal(bytes, ch.EncodeTls());
        }

        [Fact]
        public void HelloRetryRequest_Section5()
        {
            byte[] bytes = Hex.Parse(Rfc8448.HelloRetryRequest);
            ServerHello hrr = ServerHello.Parse(Body(bytes, HandshakeType.ServerHello));
            Assert.True(hrr.IsHelloRetryRequest);
            Assert.Equal(CipherSuites.TlsAes128GcmSha256, hrr.CipherSuite);
            KeyShareExtension keyShare = KeyShareExtension.ParseHelloRetryRequest(hrr.Extensions.Find(ExtensionType.KeyShare));
            Assert.Equal(NamedGroup.Secp256r1, keyShare.SelectedGroup);
            Assert.Equal(0x72, CookieExtension.Parse(hrr.Extensions.Find(ExtensionType.Cookie)).Cookie.Length);
            Assert.Equal(ProtocolVersion.Tls13,
                SupportedVersionsExtension.ParseServer(hrr.Extensions.Find(ExtensionType.SupportedVersions)).SelectedVersion);
            Assert.Equal(bytes, hrr.EncodeTls());
        }

        [Fact]
        public void HelloRetryRequestRandom_IsSha256OfItsName()
        {
            // RFC 8446 4.1.3: the special value is SHA-256 of "HelloRetryRequest".
            byte[] expected = SHA256.HashData(Encoding.ASCII.GetBytes("HelloRetryRequest"));
            Assert.Equal(expected, ServerHello.HelloRetryRequestRandom);
            Assert.True(ServerHello.IsHelloRetryRequestRandom(expected));
            expected[31] ^= 1;
            Assert.False(ServerHello.IsHelloRetryRequestRandom(expected));
        }

        [Fact]
        public void DowngradeSentinels_AreDetectedAndApplied()
        {
            byte[] random = new byte[32];
            for (int i = 0; i < 32; i++) random[i] = (byte)(i + 1);
            Assert.Equal(DowngradeSentinel.None, ServerHello.DetectDowngrade(random));

            ServerHello.ApplyDowngradeSentinel(random, DowngradeSentinel.Tls12);
            Assert.Equal("444f574e47524401", Hex.Of(random[24..]));
            Assert.Equal(DowngradeSentinel.Tls12, ServerHello.DetectDowngrade(random));
            Assert.Equal(1, random[0]); // the first 24 bytes are untouched

            ServerHello.ApplyDowngradeSentinel(random, DowngradeSentinel.Tls11OrBelow);
            Assert.Equal("444f574e47524400", Hex.Of(random[24..]));
            Assert.Equal(DowngradeSentinel.Tls11OrBelow, ServerHello.DetectDowngrade(random));

            random[31] = 2; // "DOWNGRD" followed by anything else is not a sentinel
            Assert.Equal(DowngradeSentinel.None, ServerHello.DetectDowngrade(random));
            random[31] = 1;
            random[24] = (byte)'d';
            Assert.Equal(DowngradeSentinel.None, ServerHello.DetectDowngrade(random));
            Assert.Equal(DowngradeSentinel.None, ServerHello.DetectDowngrade(new byte[31]));
        }
    }
}
