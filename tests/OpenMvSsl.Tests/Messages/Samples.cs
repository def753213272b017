using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>Well-formed messages and extensions built through the public API, for round trips and mutation.</summary>
    internal static class Samples
    {
        public static byte[] Bytes(int length, int seed)
        {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++) b[i] = (byte)(seed + i * 7);
            return b;
        }

        public static ClientHello Tls12ClientHello(bool dtls)
        {
            ClientHello ch = new ClientHello();
            ch.IsDtls = dtls;
            ch.LegacyVersion = dtls ? ProtocolVersion.Dtls12 : ProtocolVersion.Tls12;
            ch.Random = Bytes(32, 1);
            ch.SessionId = dtls ? new byte[0] : Bytes(32, 2);
            ch.Cookie = dtls ? Bytes(20, 3) : new byte[0];
            ch.CipherSuites = new[]
            {
                CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, CipherSuites.TlsEcdheEcdsaWithAes128Ccm8,
                CipherSuites.TlsPskWithAes128Ccm8, CipherSuites.TlsEmptyRenegotiationInfoScsv,
            };
            ch.Extensions.Add(new ServerNameExtension("device.example"));
            ch.Extensions.Add(new SupportedGroupsExtension(new[] { NamedGroup.X25519, NamedGroup.Secp256r1 }));
            ch.Extensions.Add(EcPointFormatsExtension.UncompressedOnly());
            ch.Extensions.Add(new SignatureAlgorithmsExtension(new[] { SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPssRsaeSha256 }));
            ch.Extensions.Add(AlpnExtension.FromNames(new[] { "h2", "http/1.1" }));
            ch.Extensions.Add(new ExtendedMasterSecretExtension());
            ch.Extensions.Add(MaxFragmentLengthExtension.FromLength(1024));
            ch.Extensions.Add(new RecordSizeLimitExtension(1024));
            ch.Extensions.Add(RenegotiationInfoExtension.Empty());
            return ch;
        }

        public static ClientHello Tls13ClientHello()
        {
            ClientHello ch = new ClientHello();
            ch.LegacyVersion = ProtocolVersion.Tls12;
            ch.Random = Bytes(32, 4);
            ch.SessionId = Bytes(32, 5);
            ch.CipherSuites = new[] { CipherSuites.TlsAes128GcmSha256, CipherSuites.TlsChaCha20Poly1305Sha256 };
            ch.Extensions.Add(SupportedVersionsExtension.ForClient(new[] { ProtocolVersion.Tls13, ProtocolVersion.Tls12 }));
            ch.Extensions.Add(KeyShareExtension.ForClientHello(new[]
            {
                new KeyShareEntry(NamedGroup.X25519, Bytes(32, 6)), new KeyShareEntry(NamedGroup.Secp256r1, Bytes(65, 7)),
            }));
            ch.Extensions.Add(new CookieExtension(Bytes(40, 8)));
            ch.Extensions.Add(new PskKeyExchangeModesExtension(new[] { PskKeyExchangeModesExtension.PskDheKe }));
            ch.Extensions.Add(PreSharedKeyExtension.ForClient(
                new[] { new PskIdentity(Bytes(16, 9), 0), new PskIdentity(Bytes(100, 10), 0xfffffff0u) },
                new[] { Bytes(32, 11), Bytes(48, 12) }));
            return ch;
        }

        public static ServerHello Tls13ServerHello()
        {
            ServerHello sh = new ServerHello();
            sh.LegacyVersion = ProtocolVersion.Tls12;
            sh.Random = Bytes(32, 13);
            sh.SessionId = Bytes(32, 5);
            sh.CipherSuite = CipherSuites.TlsAes128GcmSha256;
            sh.Extensions.Add(SupportedVersionsExtension.ForServer(ProtocolVersion.Tls13));
            sh.Extensions.Add(KeyShareExtension.ForServerHello(new KeyShareEntry(NamedGroup.X25519, Bytes(32, 14))));
            sh.Extensions.Add(PreSharedKeyExtension.ForServer(1));
            return sh;
        }

        public static ServerHello HelloRetryRequest()
        {
            ServerHello hrr = new ServerHello();
            hrr.LegacyVersion = ProtocolVersion.Tls12;
            hrr.Random = ServerHello.HelloRetryRequestRandom;
            hrr.SessionId = Bytes(32, 5);
            hrr.CipherSuite = CipherSuites.TlsAes256GcmSha384;
            hrr.Extensions.Add(SupportedVersionsExtension.ForServer(ProtocolVersion.Tls13));
            hrr.Extensions.Add(KeyShareExtension.ForHelloRetryRequest(NamedGroup.Secp256r1));
            hrr.Extensions.Add(new CookieExtension(Bytes(64, 15)));
            return hrr;
        }

        public static ServerHello Tls12ServerHello()
        {
            ServerHello sh = new ServerHello();
            sh.LegacyVersion = ProtocolVersion.Tls12;
            sh.Random = Bytes(32, 16);
            ServerHello.ApplyDowngradeSentinel(sh.Random, DowngradeSentinel.Tls12);
            sh.SessionId = Bytes(16, 17);
            sh.CipherSuite = CipherSuites.TlsEcdheEcdsaWithAes128Ccm8;
            sh.Extensions.Add(RenegotiationInfoExtension.Empty());
            sh.Extensions.Add(new ExtendedMasterSecretExtension());
            sh.Extensions.Add(AlpnExtension.FromNames(new[] { "h2" }));
            sh.Extensions.Add(new ServerNameExtension(null));
            return sh;
        }

        public static ExtensionList CertificateEntryExtensions()
        {
            ExtensionList list = new ExtensionList();
            list.Add(ExtensionType.StatusRequest, Bytes(10, 18));
            list.Add(ExtensionType.SignedCertificateTimestamp, Bytes(5, 19));
            return list;
        }

        public static Certificate Tls13Certificate()
        {
            Certificate c = new Certificate(true, new[] { Bytes(300, 20), Bytes(70000, 21) });
            c.RequestContext = Bytes(4, 22);
            c.EntryExtensions[0] = CertificateEntryExtensions();
            return c;
        }

        public static CertificateRequest Tls13CertificateRequest()
        {
            ExtensionList list = new ExtensionList();
            list.Add(new SignatureAlgorithmsExtension(new[] { SignatureScheme.EcdsaSecp256r1Sha256 }));
            list.Add(new SignatureAlgorithmsExtension(new[] { SignatureScheme.RsaPkcs1Sha256 }, true));
            return CertificateRequest.ForTls13(Bytes(8, 23), list);
        }

        public static CertificateRequest Tls12CertificateRequest()
        {
            return CertificateRequest.ForTls12(new[] { CertificateRequest.EcdsaSign, CertificateRequest.RsaSign },
                new[] { SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPkcs1Sha384 },
                new[] { Bytes(40, 24), Bytes(3, 25) });
        }

        public static ServerKeyExchange EcdheServerKeyExchange()
        {
            return ServerKeyExchange.ForEcdhe(KeyExchange.EcdheEcdsa, NamedGroup.Secp256r1, Bytes(65, 26),
                SignatureScheme.EcdsaSecp256r1Sha256, Bytes(71, 27));
        }

        public static NewSessionTicket Tls13Ticket()
        {
            ExtensionList ext = new ExtensionList();
            ext.Add(ExtensionType.EarlyData, new byte[] { 0, 0, 0x40, 0 });
            return NewSessionTicket.ForTls13(7200, 0x89abcdefu, Bytes(8, 28), Bytes(120, 29), ext);
        }
    }
}
