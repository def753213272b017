using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CsCheck;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// Generated-input properties: every handshake message and extension codec round-trips
    /// (parse(write(x)) equals x field by field, and write(parse(b)) == b); the DTLS replay window
    /// and the reassembly buffer agree with simple reference models.
    /// </summary>
    public class PropertyTests
    {
        private const int CodecIterations = 150;
        private const int ModelIterations = 200;

        // ------------------------------------------------------------------ generators

        private static Gen<byte[]> Bytes(int min, int max) => Gen.Byte.Array[min, max];

        private static readonly Gen<int> U16 = Gen.Int[0, 0xFFFF];
        private static readonly Gen<NamedGroup> Group = U16.Select(v => (NamedGroup)v);
        private static readonly Gen<SignatureScheme> Scheme = U16.Select(v => (SignatureScheme)v);

        /// <summary>
        /// Extension blocks with distinct types and opaque data. Never pre_shared_key: a ClientHello parser
        /// reads that one (it must be last and hold well-formed binders, RFC 8446 4.2.11), and it has its own
        /// codec property below.
        /// </summary>
        private static readonly Gen<ExtensionList> Extensions =
            Gen.Select(U16.Where(t => t != (int)ExtensionType.PreSharedKey).HashSet[0, 6], Bytes(0, 24).Array[6], (types, data) =>
            {
                var list = new ExtensionList();
                int i = 0;
                foreach (int t in types) list.Add(t, data[i++]);
                return list;
            });

        private static readonly Gen<string> HostName =
            Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[1, 20].Array[1, 4]
                .Select(labels => string.Join(".", labels.Select(l => "a" + new string(l) + "z")));

        private static readonly Gen<KeyShareEntry> Share = Gen.Select(Group, Bytes(1, 97), (g, k) => new KeyShareEntry(g, k));

        private sealed class Codec<T>
        {
            public Codec(Gen<T> gen, Func<byte[], T> parse, Func<T, byte[]> write) { Gen = gen; Parse = parse; Write = write; }
            public Gen<T> Gen { get; }
            public Func<byte[], T> Parse { get; }
            public Func<T, byte[]> Write { get; }
        }

        private static Codec<HandshakeMessage> M(Gen<HandshakeMessage> gen, Func<ByteReader, HandshakeMessage> parse) =>
            new Codec<HandshakeMessage>(gen, b => parse(new ByteReader(b)), m => m.EncodeBody());

        private static Codec<ExtensionBody> E(Gen<ExtensionBody> gen, Func<byte[], ExtensionBody> parse) =>
            new Codec<ExtensionBody>(gen, parse, e => e.Encode());

        private static Gen<HandshakeMessage> Hello(bool dtls) =>
            from version in U16
            from random in Bytes(32, 32)
            from session in Bytes(0, 32)
            from cookie in Bytes(0, 255)
            from suites in U16.Array[1, 20]
            from extensions in Extensions
            from block in Gen.Bool
            select (HandshakeMessage)new ClientHello
            {
                IsDtls = dtls, LegacyVersion = version, Random = random, SessionId = session, Cookie = dtls ? cookie : new byte[0],
                CipherSuites = suites, Extensions = extensions, HasExtensionBlock = block || extensions.Count > 0,
            };

        private static Gen<HandshakeMessage> Ecdhe(KeyExchange kx) =>
            Gen.Select(Group, Bytes(1, 255), Scheme, Bytes(0, 600), (g, pub, s, sig) => (HandshakeMessage)ServerKeyExchange.ForEcdhe(kx, g, pub, s, sig));

        private static readonly Dictionary<string, Codec<HandshakeMessage>> Messages = new()
        {
            ["ClientHello TLS"] = M(Hello(false), r => ClientHello.Parse(r, false)),
            ["ClientHello DTLS"] = M(Hello(true), r => ClientHello.Parse(r, true)),
            ["ServerHello"] = M(
                from version in U16 from random in Bytes(32, 32) from session in Bytes(0, 32) from suite in U16
                from extensions in Extensions from block in Gen.Bool
                select (HandshakeMessage)new ServerHello
                {
                    LegacyVersion = version, Random = random, SessionId = session, CipherSuite = suite,
                    Extensions = extensions, HasExtensionBlock = block || extensions.Count > 0,
                }, ServerHello.Parse),
            ["HelloVerifyRequest"] = M(Gen.Select(U16, Bytes(0, 255), (v, c) => (HandshakeMessage)new HelloVerifyRequest(v, c)), HelloVerifyRequest.Parse),
            ["Certificate TLS 1.2"] = M(Bytes(1, 300).Array[0, 4].Select(c => (HandshakeMessage)new Certificate(false, c)), r => Certificate.Parse(r, false)),
            ["Certificate TLS 1.3"] = M(Gen.Select(Bytes(0, 255), Bytes(1, 300).Array[0, 3], Extensions.Array[3], (context, certs, exts) =>
            {
                var m = new Certificate(true, certs) { RequestContext = context };
                for (int i = 0; i < certs.Length; i++) m.EntryExtensions[i] = exts[i];
                return (HandshakeMessage)m;
            }), r => Certificate.Parse(r, true)),
            ["CertificateRequest TLS 1.2"] = M(Gen.Select(Bytes(1, 255), Scheme.Array[1, 20], Bytes(1, 100).Array[0, 4],
                (types, schemes, cas) => (HandshakeMessage)CertificateRequest.ForTls12(types, schemes, cas)), r => CertificateRequest.Parse(r, false)),
            ["CertificateRequest TLS 1.3"] = M(Gen.Select(Bytes(0, 255), Extensions, (c, e) => (HandshakeMessage)CertificateRequest.ForTls13(c, e)), r => CertificateRequest.Parse(r, true)),
            ["CertificateVerify"] = M(Gen.Select(Scheme, Bytes(0, 600), (s, sig) => (HandshakeMessage)new CertificateVerify(s, sig)), CertificateVerify.Parse),
            ["ServerKeyExchange ECDHE_ECDSA"] = M(Ecdhe(KeyExchange.EcdheEcdsa), r => ServerKeyExchange.Parse(r, KeyExchange.EcdheEcdsa)),
            ["ServerKeyExchange ECDHE_RSA"] = M(Ecdhe(KeyExchange.EcdheRsa), r => ServerKeyExchange.Parse(r, KeyExchange.EcdheRsa)),
            ["ServerKeyExchange PSK"] = M(Bytes(0, 300).Select(h => (HandshakeMessage)ServerKeyExchange.ForPsk(h)), r => ServerKeyExchange.Parse(r, KeyExchange.Psk)),
            ["ClientKeyExchange ECDHE"] = M(Bytes(1, 255).Select(k => (HandshakeMessage)ClientKeyExchange.ForEcdhe(KeyExchange.EcdheEcdsa, k)), r => ClientKeyExchange.Parse(r, KeyExchange.EcdheEcdsa)),
            ["ClientKeyExchange PSK"] = M(Bytes(0, 300).Select(i => (HandshakeMessage)ClientKeyExchange.ForPsk(i)), r => ClientKeyExchange.Parse(r, KeyExchange.Psk)),
            ["Finished 12"] = M(Bytes(12, 12).Select(v => (HandshakeMessage)new Finished(v)), r => Finished.Parse(r, 12)),
            ["Finished 48"] = M(Bytes(48, 48).Select(v => (HandshakeMessage)new Finished(v)), r => Finished.Parse(r, 48)),
            ["NewSessionTicket TLS 1.2"] = M(Gen.Select(Gen.UInt, Bytes(0, 400), (l, t) => (HandshakeMessage)NewSessionTicket.ForTls12(l, t)), r => NewSessionTicket.Parse(r, false)),
            ["NewSessionTicket TLS 1.3"] = M(Gen.Select(Gen.UInt[0, NewSessionTicket.MaxLifetimeSeconds], Gen.UInt, Bytes(0, 255), Bytes(1, 400), Extensions,
                (l, age, nonce, t, e) => (HandshakeMessage)NewSessionTicket.ForTls13(l, age, nonce, t, e)), r => NewSessionTicket.Parse(r, true)),
            ["EncryptedExtensions"] = M(Extensions.Select(e => (HandshakeMessage)new EncryptedExtensions(e)), EncryptedExtensions.Parse),
            ["KeyUpdate"] = M(Gen.Bool.Select(b => (HandshakeMessage)new KeyUpdate(b)), KeyUpdate.Parse),
            ["ServerHelloDone"] = M(Gen.Const((HandshakeMessage)new ServerHelloDone()), ServerHelloDone.Parse),
        };

        private static readonly Dictionary<string, Codec<ExtensionBody>> ExtensionCodecs = new()
        {
            ["server_name"] = E(HostName.Select(h => (ExtensionBody)new ServerNameExtension(h)), ServerNameExtension.Parse),
            ["max_fragment_length"] = E(Gen.Int[1, 4].Select(c => (ExtensionBody)new MaxFragmentLengthExtension(c)), MaxFragmentLengthExtension.Parse),
            ["supported_groups"] = E(Group.Array[1, 30].Select(g => (ExtensionBody)new SupportedGroupsExtension(g)), SupportedGroupsExtension.Parse),
            ["ec_point_formats"] = E(Bytes(1, 10).Select(f => (ExtensionBody)new EcPointFormatsExtension(f)), EcPointFormatsExtension.Parse),
            ["signature_algorithms"] = E(Scheme.Array[1, 30].Select(s => (ExtensionBody)new SignatureAlgorithmsExtension(s)), SignatureAlgorithmsExtension.Parse),
            ["signature_algorithms_cert"] = E(Scheme.Array[1, 30].Select(s => (ExtensionBody)new SignatureAlgorithmsExtension(s, true)), SignatureAlgorithmsExtension.ParseCert),
            ["alpn client"] = E(Bytes(1, 40).Array[1, 6].Select(p => (ExtensionBody)new AlpnExtension(p)), AlpnExtension.ParseClient),
            ["alpn server"] = E(Bytes(1, 40).Select(p => (ExtensionBody)new AlpnExtension(new[] { p })), AlpnExtension.ParseServer),
            ["extended_master_secret"] = E(Gen.Const((ExtensionBody)new ExtendedMasterSecretExtension()), ExtendedMasterSecretExtension.Parse),
            ["record_size_limit"] = E(Gen.Int[RecordSizeLimitExtension.MinimumLimit, 0xFFFF].Select(l => (ExtensionBody)new RecordSizeLimitExtension(l)), RecordSizeLimitExtension.Parse),
            ["pre_shared_key client"] = E(
                from ids in Gen.Select(Bytes(1, 60), Gen.UInt, (i, a) => new PskIdentity(i, a)).Array[1, 4]
                from binders in Bytes(32, 48).Array[ids.Length]
                select (ExtensionBody)PreSharedKeyExtension.ForClient(ids, binders), PreSharedKeyExtension.ParseClient),
            ["pre_shared_key server"] = E(U16.Select(i => (ExtensionBody)PreSharedKeyExtension.ForServer(i)), PreSharedKeyExtension.ParseServer),
            ["supported_versions client"] = E(U16.Array[1, 20].Select(v => (ExtensionBody)SupportedVersionsExtension.ForClient(v)), SupportedVersionsExtension.ParseClient),
            ["supported_versions server"] = E(U16.Select(v => (ExtensionBody)SupportedVersionsExtension.ForServer(v)), SupportedVersionsExtension.ParseServer),
            ["cookie"] = E(Bytes(1, 400).Select(c => (ExtensionBody)new CookieExtension(c)), CookieExtension.Parse),
            ["psk_key_exchange_modes"] = E(Bytes(1, 8).Select(m => (ExtensionBody)new PskKeyExchangeModesExtension(m)), PskKeyExchangeModesExtension.Parse),
            ["key_share client"] = E(Share.Array[0, 4].Select(s => (ExtensionBody)KeyShareExtension.ForClientHello(s)), KeyShareExtension.ParseClientHello),
            ["key_share server"] = E(Share.Select(s => (ExtensionBody)KeyShareExtension.ForServerHello(s)), KeyShareExtension.ParseServerHello),
            ["key_share hello_retry_request"] = E(Group.Select(g => (ExtensionBody)KeyShareExtension.ForHelloRetryRequest(g)), KeyShareExtension.ParseHelloRetryRequest),
            ["renegotiation_info"] = E(Bytes(0, 255).Select(r => (ExtensionBody)new RenegotiationInfoExtension(r)), RenegotiationInfoExtension.Parse),
        };

        public static IEnumerable<object[]> MessageNames() => Messages.Keys.Select(k => new object[] { k });

        public static IEnumerable<object[]> ExtensionNames() => ExtensionCodecs.Keys.Select(k => new object[] { k });

        [Fact]
        public void EveryCodecHasAProperty()
        {
            // A message or extension class added later must get a generator here too.
            var messageTypes = typeof(HandshakeMessage).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(HandshakeMessage).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet();
            var covered = Messages.Keys.Select(k => k.Split(' ')[0]).ToHashSet();
            Assert.Empty(messageTypes.Except(covered));
            var extensionTypes = typeof(ExtensionBody).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(ExtensionBody).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet();
            var coveredExtensions = ExtensionCodecs.Values.Select(c => c.Gen.Single().GetType().Name).ToHashSet();
            Assert.Empty(extensionTypes.Except(coveredExtensions));
        }

        [Theory]
        [MemberData(nameof(MessageNames))]
        public void Message_RoundTrips(string name)
        {
            Codec<HandshakeMessage> codec = Messages[name];
            codec.Gen.Sample(message =>
            {
                byte[] wire = codec.Write(message);
                HandshakeMessage parsed = codec.Parse(wire);
                FieldComparer.AssertSame(message, parsed, name);
                Assert.Equal(wire, codec.Write(parsed));
                Assert.Equal(wire.Length, message.BodyLength());
            }, iter: CodecIterations, seed: null);
        }

        [Theory]
        [MemberData(nameof(ExtensionNames))]
        public void Extension_RoundTrips(string name)
        {
            Codec<ExtensionBody> codec = ExtensionCodecs[name];
            codec.Gen.Sample(extension =>
            {
                byte[] wire = codec.Write(extension);
                ExtensionBody parsed = codec.Parse(wire);
                FieldComparer.AssertSame(extension, parsed, name);
                Assert.Equal(wire, codec.Write(parsed));
            }, iter: CodecIterations);
        }

        [Fact]
        public void ExtensionList_RoundTrips()
        {
            Extensions.Sample(list =>
            {
                var wire = new byte[2 + Enumerable.Range(0, list.Count).Sum(i => 4 + list.DataAt(i).Length)];
                list.Write(new ByteWriter(wire));
                ExtensionList parsed = ExtensionList.Parse(new ByteReader(wire), "generated");
                FieldComparer.AssertSame(list, parsed, "ExtensionList");
                var again = new byte[wire.Length];
                parsed.Write(new ByteWriter(again));
                Assert.Equal(wire, again);
            }, iter: CodecIterations);
        }

        // ------------------------------------------------------------------ replay window

        /// <summary>Reference: remember every marked sequence; fresh = newer than all, or within 64 of the newest and unseen.</summary>
        private sealed class ReplayModel
        {
            private readonly HashSet<ulong> seen = new();
            private ulong highest;

            public bool IsFresh(ulong s) => seen.Count == 0 || s > highest || (highest - s < DtlsReplayWindow.Size && !seen.Contains(s));

            public void Mark(ulong s)
            {
                if (seen.Count == 0 || s > highest) highest = s;
                seen.Add(s);
            }
        }

        [Fact]
        public void ReplayWindow_AgreesWithTheReferenceModel()
        {
            // Operations: a step for the cursor (mostly small, sometimes a leap), and whether the
            // record authenticates (is marked when fresh) or is forged (only checked).
            var step = Gen.Frequency((8, Gen.Long[-70, 70]), (1, Gen.Long[-300, 300]), (1, Gen.Long[0, 1L << 40]));
            var op = Gen.Select(step, Gen.Int[0, 9]);
            Gen.Select(Gen.Long[0, 1L << 47], op.Array[1, 400]).Sample((start, ops) =>
            {
                var window = new DtlsReplayWindow();
                var model = new ReplayModel();
                long cursor = start;
                foreach (var (delta, kind) in ops)
                {
                    cursor = Math.Clamp(cursor + delta, 0, (1L << 48) - 1);
                    ulong s = (ulong)cursor;
                    bool fresh = model.IsFresh(s);
                    Assert.Equal(fresh, window.IsFresh(s));
                    if (kind == 0) continue; // forged: checked, never marked
                    if (fresh || kind == 9) // kind 9: marked even when replayed (must be harmless)
                    {
                        model.Mark(s);
                        window.Mark(s);
                        Assert.False(window.IsFresh(s));
                    }
                }
            }, iter: ModelIterations);
        }

        // ------------------------------------------------------------------ reassembler

        private sealed record Fragment(int Sequence, HandshakeType Type, int Length, int Offset, byte[] Data);

        private static readonly FieldInfo BufferedBytes = typeof(DtlsReassembler).GetField("bufferedBytes", BindingFlags.NonPublic | BindingFlags.Instance);

        /// <summary>Cuts a message into fragments that cover it, some overlapping, some duplicated.</summary>
        private static List<Fragment> Fragments(int sequence, HandshakeType type, byte[] body, Random random)
        {
            var result = new List<Fragment>();
            int at = 0;
            do
            {
                int length = Math.Min(body.Length - at, 1 + random.Next(Math.Max(1, body.Length / 2 + 1)));
                int start = Math.Max(0, at - (random.Next(4) == 0 ? random.Next(20) : 0)); // overlap the previous one
                result.Add(new Fragment(sequence, type, body.Length, start, body.AsSpan(start, at + length - start).ToArray()));
                at += length;
            }
            while (at < body.Length);
            int duplicates = random.Next(3);
            for (int i = 0; i < duplicates; i++) result.Add(result[random.Next(result.Count)]);
            return result;
        }

        [Fact]
        public void Reassembler_DeliversEveryMessageOnceWholeAndInOrder()
        {
            const int MaxBytes = 2000;
            var message = Gen.Select(Gen.Int[1, 24], Bytes(0, 700));
            Gen.Select(message.Array[1, 12], Gen.Int[0, 1000], Gen.Int).Sample((messages, firstSequence, seed) =>
            {
                var random = new Random(seed);
                var reassembler = new DtlsReassembler(MaxBytes);
                reassembler.ExpectSequence(firstSequence);
                var delivered = new List<(HandshakeType, byte[])>();
                // Rounds: the sender (re)transmits every message not yet delivered, fragmented,
                // duplicated and shuffled; fragments the buffer refuses are lost, as on a network.
                for (int round = 0; round < 50 && delivered.Count < messages.Length; round++)
                {
                    var flight = new List<Fragment>();
                    for (int i = delivered.Count; i < messages.Length; i++)
                        flight.AddRange(Fragments(firstSequence + i, (HandshakeType)messages[i].Item1, messages[i].Item2, random));
                    if (delivered.Count > 0) // stale retransmissions of messages already handed out
                        flight.AddRange(Fragments(firstSequence + delivered.Count - 1, (HandshakeType)messages[delivered.Count - 1].Item1, messages[delivered.Count - 1].Item2, random));
                    foreach (Fragment f in flight.OrderBy(_ => random.Next()))
                    {
                        var header = new HandshakeHeader(f.Type, f.Length, f.Sequence) { FragmentOffset = f.Offset, FragmentLength = f.Data.Length };
                        var buffer = new byte[3 + f.Data.Length];
                        f.Data.CopyTo(buffer, 3);
                        FragmentResult result = reassembler.Add(header, buffer, 3);
                        if (f.Sequence < firstSequence + delivered.Count) Assert.Equal(FragmentResult.Old, result);
                        Assert.InRange((int)BufferedBytes.GetValue(reassembler), 0, MaxBytes);
                        while (reassembler.TryTakeNext(out HandshakeType type, out byte[] body)) delivered.Add((type, body));
                    }
                }
                Assert.Equal(messages.Length, delivered.Count);
                for (int i = 0; i < messages.Length; i++)
                {
                    Assert.Equal((HandshakeType)messages[i].Item1, delivered[i].Item1);
                    Assert.Equal(messages[i].Item2, delivered[i].Item2);
                }
                Assert.Equal(firstSequence + messages.Length, reassembler.NextSequence);
                Assert.Equal(0, (int)BufferedBytes.GetValue(reassembler));
            }, iter: ModelIterations);
        }
    }
}
