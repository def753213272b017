using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;

namespace OpenMvSsl.Fuzz
{
    /// <summary>
    /// Writes seed inputs made by our own encoders and engines (real handshakes, recorded).
    /// Captures from OpenSSL and GnuTLS are added by fuzz/capture-seeds.sh; both kinds live side
    /// by side in fuzz/corpus/TARGET (seed-* and capture-*).
    /// </summary>
    public static class SeedWriter
    {
        public static void WriteAll(string root)
        {
            var random = new Random(5);
            byte[] Bytes(int n) { var b = new byte[n]; random.NextBytes(b); return b; }

            var tls12Hello = new ClientHello { LegacyVersion = 0x0303, Random = Bytes(32), SessionId = Bytes(32), CipherSuites = new[] { 0xC02B, 0x00A8, 0x00FF } };
            tls12Hello.Extensions = new ExtensionList();
            tls12Hello.Extensions.Add(new ServerNameExtension("device.example"));
            tls12Hello.Extensions.Add(new SupportedGroupsExtension(new[] { NamedGroup.X25519, NamedGroup.Secp256r1 }));
            tls12Hello.Extensions.Add(EcPointFormatsExtension.UncompressedOnly());
            tls12Hello.Extensions.Add(new SignatureAlgorithmsExtension(new[] { SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPssRsaeSha256 }));
            tls12Hello.Extensions.Add(AlpnExtension.FromNames(new[] { "h2", "http/1.1" }));
            tls12Hello.Extensions.Add(new ExtendedMasterSecretExtension());
            tls12Hello.Extensions.Add(RenegotiationInfoExtension.Empty());
            tls12Hello.Extensions.Add(new MaxFragmentLengthExtension(2));
            tls12Hello.Extensions.Add(new RecordSizeLimitExtension(1024));
            tls12Hello.HasExtensionBlock = true;
            var dtlsHello = new ClientHello { IsDtls = true, LegacyVersion = 0xFEFD, Random = Bytes(32), SessionId = new byte[0], Cookie = Bytes(32), CipherSuites = new[] { 0xC0A8 }, Extensions = tls12Hello.Extensions, HasExtensionBlock = true };
            var tls13Hello = new ClientHello { LegacyVersion = 0x0303, Random = Bytes(32), SessionId = Bytes(32), CipherSuites = new[] { 0x1301, 0x1303 }, Extensions = new ExtensionList(), HasExtensionBlock = true };
            tls13Hello.Extensions.Add(SupportedVersionsExtension.ForClient(new[] { 0x0304, 0x0303 }));
            tls13Hello.Extensions.Add(KeyShareExtension.ForClientHello(new[] { new KeyShareEntry(NamedGroup.X25519, Bytes(32)) }));
            tls13Hello.Extensions.Add(new PskKeyExchangeModesExtension(new byte[] { 1 }));
            tls13Hello.Extensions.Add(new CookieExtension(Bytes(40)));
            tls13Hello.Extensions.Add(PreSharedKeyExtension.ForClient(new[] { new PskIdentity(Bytes(20), 1234) }, new[] { Bytes(32) }));

            var serverHello = new ServerHello { LegacyVersion = 0x0303, Random = Bytes(32), SessionId = Bytes(32), CipherSuite = 0x1301, Extensions = new ExtensionList(), HasExtensionBlock = true };
            serverHello.Extensions.Add(SupportedVersionsExtension.ForServer(0x0304));
            serverHello.Extensions.Add(KeyShareExtension.ForServerHello(new KeyShareEntry(NamedGroup.X25519, Bytes(32))));
            var serverHello12 = new ServerHello { LegacyVersion = 0x0303, Random = Bytes(32), SessionId = new byte[0], CipherSuite = 0xC02B, Extensions = new ExtensionList(), HasExtensionBlock = true };
            serverHello12.Extensions.Add(new ExtendedMasterSecretExtension());

            Message(root, "msg-client-hello", 0, tls12Hello, tls13Hello);
            Message(root, "msg-client-hello", 1, dtlsHello);
            Message(root, "msg-server-hello", 0, serverHello, serverHello12);
            Message(root, "msg-hello-verify-request", 0, new HelloVerifyRequest(ProtocolVersion.Dtls10, Bytes(32)));
            Message(root, "msg-certificate", 0, new Certificate(false, new[] { Bytes(300), Bytes(5) }));
            Message(root, "msg-certificate", 1, new Certificate(true, new[] { Bytes(300) }));
            Message(root, "msg-certificate-request", 0, CertificateRequest.ForTls12(new byte[] { 1, 64 }, new[] { SignatureScheme.EcdsaSecp256r1Sha256 }, new[] { Bytes(20) }));
            Message(root, "msg-certificate-request", 1, CertificateRequest.ForTls13(new byte[0], tls13Hello.Extensions));
            Message(root, "msg-certificate-verify", 0, new CertificateVerify(SignatureScheme.EcdsaSecp256r1Sha256, Bytes(71)));
            Message(root, "msg-server-key-exchange", 0, ServerKeyExchange.ForPsk(Bytes(8)));
            Message(root, "msg-server-key-exchange", 1, ServerKeyExchange.ForEcdhe(KeyExchange.EcdheEcdsa, NamedGroup.Secp256r1, Bytes(65), SignatureScheme.EcdsaSecp256r1Sha256, Bytes(72)));
            Message(root, "msg-client-key-exchange", 0, ClientKeyExchange.ForPsk(Bytes(11)));
            Message(root, "msg-client-key-exchange", 1, ClientKeyExchange.ForEcdhe(KeyExchange.EcdheEcdsa, Bytes(65)));
            Message(root, "msg-finished", 0, new Finished(Bytes(12)));
            Message(root, "msg-finished", 2, new Finished(Bytes(48)));
            Message(root, "msg-new-session-ticket", 0, NewSessionTicket.ForTls12(3600, Bytes(100)));
            Message(root, "msg-new-session-ticket", 1, NewSessionTicket.ForTls13(3600, 77, Bytes(8), Bytes(100), new ExtensionList()));
            Message(root, "msg-encrypted-extensions", 0, new EncryptedExtensions(serverHello12.Extensions));
            Message(root, "msg-key-update", 0, new KeyUpdate(true));
            Message(root, "msg-server-hello-done", 0, new ServerHelloDone());
            Write(root, "msg-handshake-header", Prefix(0, new Finished(Bytes(12)).EncodeTls()));
            Write(root, "msg-handshake-header", Prefix(1, new Finished(Bytes(12)).EncodeDtls(3)));

            // Extensions: selector = index into ParserTargets.ExtensionParsers; past the end = a whole list.
            ExtensionBody[] bodies =
            {
                new ServerNameExtension("a.example"), new MaxFragmentLengthExtension(4), new SupportedGroupsExtension(new[] { NamedGroup.Secp256r1 }),
                EcPointFormatsExtension.UncompressedOnly(), new SignatureAlgorithmsExtension(new[] { SignatureScheme.RsaPkcs1Sha256 }),
                new SignatureAlgorithmsExtension(new[] { SignatureScheme.RsaPkcs1Sha256 }, true), AlpnExtension.FromNames(new[] { "coap" }),
                new AlpnExtension(new[] { Bytes(3) }), new ExtendedMasterSecretExtension(), new RecordSizeLimitExtension(64),
                PreSharedKeyExtension.ForClient(new[] { new PskIdentity(Bytes(9), 1) }, new[] { Bytes(32) }), PreSharedKeyExtension.ForServer(0),
                SupportedVersionsExtension.ForClient(new[] { 0x0304 }), SupportedVersionsExtension.ForServer(0x0304), new CookieExtension(Bytes(16)),
                new PskKeyExchangeModesExtension(new byte[] { 0, 1 }), KeyShareExtension.ForClientHello(new[] { new KeyShareEntry(NamedGroup.X25519, Bytes(32)) }),
                KeyShareExtension.ForServerHello(new KeyShareEntry(NamedGroup.Secp256r1, Bytes(65))), KeyShareExtension.ForHelloRetryRequest(NamedGroup.X25519),
                new RenegotiationInfoExtension(Bytes(12)),
            };
            for (int i = 0; i < bodies.Length; i++) Write(root, "extensions", Prefix(i, bodies[i].Encode()));
            byte[] hello = tls12Hello.EncodeBody();
            Write(root, "extensions", Prefix(200, hello.AsSpan(hello.Length - tls12Hello.BodyLength() + (2 + 32 + 1 + 32 + 2 + 6 + 2)).ToArray()));

            RecordEngines(root);
        }

        /// <summary>Runs real handshakes and writes, per prefix depth, the traffic the fuzzed side really received next.</summary>
        private static void RecordEngines(string root)
        {
            var dtls = new List<byte[]>[2]; // [0] what the client received, [1] what the server received, in order per step
            var client = new DtlsEngine(EngineTargets.Settings(false, 1, CipherSuites.TlsPskWithAes128Ccm8));
            var server = new DtlsEngine(EngineTargets.Settings(true, 2, CipherSuites.TlsPskWithAes128Ccm8));
            client.Start(1000);
            server.Start(1000);
            var buffer = new byte[2048];
            var steps = new List<List<byte[]>>();
            var tlsRecordsDtls = new List<byte[]>();
            for (int i = 0; i < EngineTargets.PrefixSteps; i++)
            {
                DtlsEngine from = i % 2 == 0 ? client : server, to = i % 2 == 0 ? server : client;
                var delivered = new List<byte[]>();
                while (from.HasOutgoingDatagram)
                {
                    int n = from.TakeOutgoingDatagram(buffer);
                    byte[] datagram = buffer.AsSpan(0, n).ToArray();
                    delivered.Add(datagram);
                    to.ProcessDatagram(datagram, 1000);
                }
                steps.Add(delivered);
                tlsRecordsDtls.AddRange(delivered);
            }
            if (!client.IsHandshakeComplete || !server.IsHandshakeComplete)
                Console.Error.WriteLine("warning: the recorded DTLS handshake did not complete: " + client.Failure?.Message + " / " + server.Failure?.Message);
            client.SendApplicationData(new byte[] { 1, 2, 3 });
            while (client.HasOutgoingDatagram) { int n = client.TakeOutgoingDatagram(buffer); steps.Add(new List<byte[]> { buffer.AsSpan(0, n).ToArray() }); }
            EngineSeeds(root, "engine-dtls-server", "engine-dtls-client", steps);
            foreach (byte[] d in tlsRecordsDtls) Write(root, "record-dtls", d);

            RecordTls(root, "engine-tls-server", "engine-tls-client",
                new TlsEngine(EngineTargets.Settings(false, 1, CipherSuites.TlsPskWithAes128GcmSha256)),
                new TlsEngine(EngineTargets.Settings(true, 2, CipherSuites.TlsPskWithAes128GcmSha256)));
            RecordTls(root, "engine-tls13-server", "engine-tls13-client",
                new TlsEngine(EngineTargets.Tls13Settings(false, 1)), new TlsEngine(EngineTargets.Tls13Settings(true, 2)));
        }

        // One real TLS handshake step by step, as the engine harnesses replay it; its records seed record-tls too.
        private static void RecordTls(string root, string serverTarget, string clientTarget, TlsEngine tc, TlsEngine ts)
        {
            tc.Start();
            ts.Start();
            var tlsSteps = new List<List<byte[]>>();
            var big = new byte[20000];
            for (int i = 0; i < EngineTargets.PrefixSteps; i++)
            {
                TlsEngine from = i % 2 == 0 ? tc : ts, to = i % 2 == 0 ? ts : tc;
                var delivered = new List<byte[]>();
                while (from.HasOutgoing && to.InputSpace > 0)
                {
                    int n = from.TakeOutgoing(big.AsSpan(0, Math.Min(big.Length, to.InputSpace)));
                    byte[] chunk = big.AsSpan(0, n).ToArray();
                    delivered.Add(chunk);
                    to.Feed(chunk);
                }
                tlsSteps.Add(delivered);
                foreach (byte[] c in delivered) Write(root, "record-tls", c);
            }
            if (!tc.IsHandshakeComplete || !ts.IsHandshakeComplete)
                Console.Error.WriteLine("warning: the recorded TLS handshake did not complete: " + tc.Failure?.Message + " / " + ts.Failure?.Message);
            tc.Write(new byte[] { 1, 2, 3 });
            while (tc.HasOutgoing) { int n = tc.TakeOutgoing(big); tlsSteps.Add(new List<byte[]> { big.AsSpan(0, n).ToArray() }); }
            EngineSeeds(root, serverTarget, clientTarget, tlsSteps);
        }

        private static void EngineSeeds(string root, string serverTarget, string clientTarget, List<List<byte[]>> steps)
        {
            // Prefix depth k: the first k steps ran for real; the fuzzed side then gets what it really got next.
            for (int k = 0; k < EngineTargets.PrefixSteps; k++)
            {
                bool serverReceivesNext = k % 2 == 0;
                var payload = new MemoryStream();
                payload.WriteByte((byte)k);
                for (int s = k; s < steps.Count; s += 2)
                    foreach (byte[] chunk in steps[s])
                    {
                        payload.WriteByte((byte)(chunk.Length >> 8));
                        payload.WriteByte((byte)chunk.Length);
                        payload.Write(chunk);
                    }
                Write(root, serverReceivesNext ? serverTarget : clientTarget, payload.ToArray());
            }
        }

        private static void Message(string root, string target, int selector, params HandshakeMessage[] messages)
        {
            foreach (HandshakeMessage m in messages) Write(root, target, Prefix(selector, m.EncodeBody()));
        }

        private static byte[] Prefix(int selector, byte[] body)
        {
            var result = new byte[body.Length + 1];
            result[0] = (byte)selector;
            body.CopyTo(result, 1);
            return result;
        }

        private static void Write(string root, string target, byte[] data)
        {
            string directory = Path.Combine(root, target);
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "seed-" + Convert.ToHexString(SHA1.HashData(data)).ToLowerInvariant().Substring(0, 16)), data);
        }
    }
}
