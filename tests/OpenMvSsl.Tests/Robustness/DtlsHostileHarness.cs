using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Tests.Engine;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// A DTLS client and server engine joined in memory, in order and without loss, on a virtual
    /// clock. Every datagram passes through <see cref="Intercept"/> on its way, which may replace
    /// it with any datagrams (or none): that is where the hostile catalogue splices its input.
    /// </summary>
    internal sealed class DtlsHostileHarness
    {
        private static readonly TestCredentials Credentials = TestCredentials.Valid("device.test");
        private readonly DatagramPipe pipe;

        private DtlsHostileHarness(EngineSettings client, EngineSettings server)
        {
            pipe = new DatagramPipe(new DtlsEngine(client), new DtlsEngine(server));
            Client.Start(Now);
            Server.Start(Now);
        }

        public DtlsEngine Client => pipe.Client;
        public DtlsEngine Server => pipe.Server;
        public long Now => pipe.Now;

        /// <summary>How many datagrams <see cref="Intercept"/> replaced: proof that the hostile input went in.</summary>
        public int Replacements => pipe.Replacements;

        /// <summary>(toServer, datagram) => what the network delivers instead; null delivers it unchanged.</summary>
        public Func<bool, byte[], IEnumerable<byte[]>> Intercept { get => pipe.Intercept; set => pipe.Intercept = value; }

        /// <summary>TLS_PSK_WITH_AES_128_CCM_8 with the cookie exchange.</summary>
        public static DtlsHostileHarness Psk(bool cookie = true)
        {
            EngineSettings server = DtlsEngineTests.PskServer();
            server.RequireCookie = cookie;
            return new DtlsHostileHarness(DtlsEngineTests.PskClient(CipherSuites.TlsPskWithAes128Ccm8), server);
        }

        /// <summary>TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, the server certificate checked.</summary>
        public static DtlsHostileHarness Ecdsa()
        {
            return new DtlsHostileHarness(
                DtlsEngineTests.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, Credentials, "device.test"),
                DtlsEngineTests.CertServer(Credentials));
        }

        public bool BothEstablished =>
            Client.State == EngineState.Established && Server.State == EngineState.Established;

        public bool Settled => BothEstablished || Client.State == EngineState.Failed || Server.State == EngineState.Failed;

        /// <summary>Moves datagrams (and, when none are in flight, time) until <paramref name="done"/>; false if it never became true.</summary>
        public bool Run(Func<bool> done, int maxSteps = 2_000) => pipe.RunUntil(done, maxSteps);

        /// <summary>Runs the handshake to its end, asserting that it succeeds.</summary>
        public void Establish()
        {
            Run(() => Settled);
            Assert.True(Client.State == EngineState.Established, "client: " + Client.State + " " + Client.Failure?.Message);
            Assert.True(Server.State == EngineState.Established, "server: " + Server.State + " " + Server.Failure?.Message);
        }

        /// <summary>Runs the handshake until it settles, asserting that it fails (and never hangs or throws).</summary>
        public void RunToFailure()
        {
            Assert.True(Run(() => Client.State == EngineState.Failed || Server.State == EngineState.Failed),
                "neither side failed: client " + Client.State + ", server " + Server.State);
        }

        /// <summary>One application datagram each way, checked.</summary>
        public void AssertStillWorks()
        {
            Intercept = null;
            Exchange(Client, Server, "ping");
            Exchange(Server, Client, "pong");
        }

        private void Exchange(DtlsEngine from, DtlsEngine to, string text)
        {
            byte[] data = System.Text.Encoding.ASCII.GetBytes(text);
            from.SendApplicationData(data);
            Assert.True(Run(() => to.HasApplicationData, 100), text + " did not arrive");
            var read = new byte[100];
            int n = to.ReadApplicationData(read);
            Assert.Equal(data, read.AsSpan(0, n).ToArray());
        }

        /// <summary>Everything the engine wants to send, without delivering it.</summary>
        public List<byte[]> TakeAll(DtlsEngine engine) => pipe.TakeAll(engine);

        // ---- the engines' own record layers (for sealing and opening with the connection's keys) ----

        private static DtlsRecordLayer RecordsOf(DtlsEngine engine) =>
            (DtlsRecordLayer)typeof(DtlsEngine).GetField("records", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(engine);

        /// <summary>A record sealed by <paramref name="sender"/> in its current write epoch, as its peer would receive it.</summary>
        public static byte[] Seal(DtlsEngine sender, ContentType type, byte[] content)
        {
            DtlsRecordLayer records = RecordsOf(sender);
            var record = new byte[records.RecordLength(records.WriteEpoch, content.Length)];
            records.WriteRecord(type, records.WriteEpoch, content, record);
            return record;
        }

        /// <summary>Opens the first record of <paramref name="datagram"/> with <paramref name="receiver"/>'s read keys; null when it does not open.</summary>
        public static byte[] Open(DtlsEngine receiver, byte[] datagram, out ContentType type)
        {
            var view = new RecordView();
            byte[] copy = (byte[])datagram.Clone();
            RecordStatus status = RecordsOf(receiver).ReadRecord(copy, view);
            type = view.Type;
            return status == RecordStatus.Complete ? copy.AsSpan(view.PayloadOffset, view.PayloadLength).ToArray() : null;
        }

        /// <summary>
        /// Asserts that <paramref name="engine"/> failed with <paramref name="error"/> and that the last datagram it
        /// queued is the fatal alert <paramref name="alert"/>, read in clear (epoch 0) or opened with the peer's keys.
        /// </summary>
        public void AssertFailedWithAlert(DtlsEngine engine, SslError error, AlertDescription alert)
        {
            Assert.Equal(EngineState.Failed, engine.State);
            Assert.True(error == engine.Failure.Error, "expected " + error + " but got " + engine.Failure.Error + ": " + engine.Failure.Message);
            Assert.Equal(alert, engine.Failure.Alert);
            List<byte[]> sent = TakeAll(engine);
            Assert.True(sent.Count > 0, "no alert was queued");
            byte[] last = sent[sent.Count - 1];
            Assert.Equal((byte)ContentType.Alert, last[0]);
            byte[] payload = Wire.EpochOf(last) == 0
                ? last.AsSpan(13, last.Length - 13).ToArray()
                : Open(engine == Client ? Server : Client, last, out _);
            Assert.Equal(new byte[] { 2, (byte)alert }, payload);
        }

        /// <summary>The first alert among <paramref name="datagrams"/>, opened with <paramref name="receiver"/>'s keys (null when none).</summary>
        public static byte[] FirstAlert(DtlsEngine receiver, List<byte[]> datagrams)
        {
            foreach (byte[] d in datagrams)
                if (d[0] == (byte)ContentType.Alert) return Wire.EpochOf(d) == 0 ? d.AsSpan(13).ToArray() : Open(receiver, d, out _);
            return null;
        }
    }

    /// <summary>Hand-built DTLS 1.2 bytes (RFC 6347 4.1 record header, 4.2.2 handshake header).</summary>
    internal static class Wire
    {
        public const int Dtls12 = 0xFEFD;

        public static byte[] Record(byte type, int epoch, ulong sequence, byte[] body, int version = Dtls12, int? lengthField = null)
        {
            var record = new byte[13 + body.Length];
            record[0] = type;
            record[1] = (byte)(version >> 8); record[2] = (byte)version;
            record[3] = (byte)(epoch >> 8); record[4] = (byte)epoch;
            for (int i = 0; i < 6; i++) record[5 + i] = (byte)(sequence >> (8 * (5 - i)));
            int length = lengthField ?? body.Length;
            record[11] = (byte)(length >> 8); record[12] = (byte)length;
            body.CopyTo(record, 13);
            return record;
        }

        public static byte[] Handshake(ulong recordSequence, params byte[][] fragments) =>
            Record((byte)ContentType.Handshake, 0, recordSequence, Concat(fragments));

        /// <summary>A handshake fragment header and its bytes; <paramref name="fragmentLengthField"/> may lie about them.</summary>
        public static byte[] Fragment(HandshakeType type, int messageLength, int messageSeq, int fragmentOffset, byte[] bytes, int? fragmentLengthField = null)
        {
            int fragmentLength = fragmentLengthField ?? bytes.Length;
            var header = new byte[]
            {
                (byte)type, (byte)(messageLength >> 16), (byte)(messageLength >> 8), (byte)messageLength,
                (byte)(messageSeq >> 8), (byte)messageSeq,
                (byte)(fragmentOffset >> 16), (byte)(fragmentOffset >> 8), (byte)fragmentOffset,
                (byte)(fragmentLength >> 16), (byte)(fragmentLength >> 8), (byte)fragmentLength,
            };
            return Concat(header, bytes);
        }

        /// <summary>A whole message as one fragment.</summary>
        public static byte[] Message(HandshakeType type, int messageSeq, byte[] body) => Fragment(type, body.Length, messageSeq, 0, body);

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new MemoryStream();
            foreach (byte[] part in parts) all.Write(part, 0, part.Length);
            return all.ToArray();
        }

        public static int EpochOf(byte[] record) => (record[3] << 8) | record[4];

        /// <summary>The records of a datagram, cut by their length fields.</summary>
        public static List<byte[]> Records(byte[] datagram)
        {
            var records = new List<byte[]>();
            int at = 0;
            while (at + 13 <= datagram.Length)
            {
                int length = (datagram[at + 11] << 8) | datagram[at + 12];
                records.Add(datagram.AsSpan(at, 13 + length).ToArray());
                at += 13 + length;
            }
            return records;
        }

        /// <summary>For a clear (epoch 0) handshake record holding one whole message: its type, message_seq and body.</summary>
        public static (HandshakeType type, int seq, byte[] body) OnlyMessage(byte[] record)
        {
            Assert.Equal((byte)ContentType.Handshake, record[0]);
            Assert.Equal(0, EpochOf(record));
            int length = (record[14] << 16) | (record[15] << 8) | record[16];
            int fragmentLength = (record[22] << 16) | (record[23] << 8) | record[24];
            Assert.Equal(length, fragmentLength);
            return ((HandshakeType)record[13], (record[17] << 8) | record[18], record.AsSpan(25, length).ToArray());
        }

        /// <summary>True for a clear handshake record whose (first) message has type <paramref name="type"/>.</summary>
        public static bool IsMessage(byte[] record, HandshakeType type) =>
            record.Length > 25 - 1 && record[0] == (byte)ContentType.Handshake && EpochOf(record) == 0 && record[13] == (byte)type;

        public static ulong SequenceOf(byte[] record)
        {
            ulong s = 0;
            for (int i = 0; i < 6; i++) s = (s << 8) | record[5 + i];
            return s;
        }
    }
}
