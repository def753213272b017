using System;
using System.Collections.Generic;
using System.Reflection;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using Xunit;
using Xunit.Abstractions;

namespace OpenMvSsl.Tests.Engine
{
    /// <summary>
    /// record_size_limit (RFC 8449) and max_fragment_length (RFC 6066) between our own client and
    /// server, in memory: the agreed limits, the records on the wire, record_overflow for a peer
    /// that ignores them, the buffers they size, and the bytes a connection retains.
    /// </summary>
    [Collection(ProcessWideMeasurements.Name)]
    public class RecordLimitTests
    {
        private readonly ITestOutputHelper output;

        public RecordLimitTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        private static readonly TestCredentials Credentials = TestCredentials.Valid("device.test");

        private static (EngineSettings client, EngineSettings server) TlsSettings(int version, int clientMax, int serverMax)
        {
            EngineSettings client = DtlsEngineTests.CertClient(0);
            client.CipherSuites = version == ProtocolVersion.Tls13
                ? new[] { CipherSuites.TlsAes128GcmSha256 }
                : new[] { CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256 };
            client.MaxVersion = version;
            client.MaxRecordSize = clientMax;
            EngineSettings server = DtlsEngineTests.CertServer(Credentials);
            server.MaxRecordSize = serverMax;
            return (client, server);
        }

        private static (TlsEngine client, TlsEngine server) ConnectTls(EngineSettings clientSettings, EngineSettings serverSettings)
        {
            var c = new TlsEngine(clientSettings);
            var s = new TlsEngine(serverSettings);
            c.Start();
            s.Start();
            TlsEngineTests.Pump(c, s, () => (c.IsHandshakeComplete && s.IsHandshakeComplete) || c.State == EngineState.Failed || s.State == EngineState.Failed);
            Assert.True(c.State == EngineState.Established, "client: " + c.Failure?.Message);
            Assert.True(s.State == EngineState.Established, "server: " + s.Failure?.Message);
            // Let any trailing handshake bytes through so the buffers settle.
            TlsEngineTests.Pump(c, s, () => !c.HasOutgoing && !s.HasOutgoing);
            return (c, s);
        }

        /// <summary>Drains what <paramref name="from"/> has to send and returns the fragment lengths of its TLS records.</summary>
        private static List<int> TakeRecords(TlsEngine from, out byte[] wire)
        {
            var bytes = new List<byte>();
            var buffer = new byte[4096];
            int n;
            while ((n = from.TakeOutgoing(buffer)) > 0) bytes.AddRange(buffer.AsSpan(0, n).ToArray());
            wire = bytes.ToArray();
            var lengths = new List<int>();
            for (int at = 0; at + 5 <= wire.Length;)
            {
                int length = (wire[at + 3] << 8) | wire[at + 4];
                lengths.Add(length);
                at += 5 + length;
            }
            return lengths;
        }

        private static byte[] ReadAll(TlsEngine from, TlsEngine to, byte[] wire, int expected)
        {
            var received = new byte[expected];
            int got = 0, fed = 0;
            var buffer = new byte[expected];
            while (got < expected)
            {
                fed += to.Feed(wire.AsSpan(fed));
                int n;
                while ((n = to.Read(buffer)) > 0) { Array.Copy(buffer, 0, received, got, n); got += n; }
                Assert.NotEqual(EngineState.Failed, to.State);
            }
            return received;
        }

        [Theory]
        [InlineData(ProtocolVersion.Tls13, 1024, 2048)]
        [InlineData(ProtocolVersion.Tls12, 1024, 2048)]
        [InlineData(ProtocolVersion.Tls13, 512, 16384)]
        [InlineData(ProtocolVersion.Tls12, 4096, 300)]
        public void TlsRecordsFollowTheAgreedLimitsBothWays(int version, int clientMax, int serverMax)
        {
            var (cs, ss) = TlsSettings(version, clientMax, serverMax);
            var (c, s) = ConnectTls(cs, ss);
            Assert.Equal(ProtocolVersion.Name(version), c.VersionName);
            // TLS 1.3 protection adds type + tag (17); TLS 1.2 AES-GCM adds explicit nonce + tag (24).
            int expansion = version == ProtocolVersion.Tls13 ? 17 : 24;

            Assert.Equal(clientMax, c.ReadPlaintextLimit);
            Assert.Equal(clientMax, s.WritePlaintextLimit);
            Assert.Equal(serverMax, s.ReadPlaintextLimit);
            Assert.Equal(serverMax, c.WritePlaintextLimit);
            Assert.True(c.InputCapacityBytes < 5 + clientMax + 64, "client input buffer " + c.InputCapacityBytes);

            var data = new byte[4000];
            new Random(7).NextBytes(data);

            // Server to client: records of at most clientMax content bytes, on the wire.
            s.Write(data);
            List<int> records = TakeRecords(s, out byte[] wire);
            Assert.Equal((4000 + clientMax - 1) / clientMax, records.Count);
            foreach (int length in records) Assert.InRange(length - expansion, 1, clientMax);
            Assert.Equal(data, ReadAll(s, c, wire, data.Length));

            // Client to server: at most serverMax.
            c.Write(data);
            records = TakeRecords(c, out wire);
            Assert.Equal((4000 + serverMax - 1) / serverMax, records.Count);
            foreach (int length in records) Assert.InRange(length - expansion, 1, serverMax);
            Assert.Equal(data, ReadAll(c, s, wire, data.Length));
        }

        [Theory]
        [InlineData(ProtocolVersion.Tls13)]
        [InlineData(ProtocolVersion.Tls12)]
        public void TlsPeerIgnoringTheLimitGetsRecordOverflow(int version)
        {
            var (cs, ss) = TlsSettings(version, 1024, 16384);
            var (c, s) = ConnectTls(cs, ss);
            // Make the server misbehave: lift its write limit behind the negotiation's back.
            var records = (TlsRecordLayer)typeof(TlsEngine).GetField("records", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(s);
            records.WritePlaintextLimit = RecordLimits.MaxPlaintext;
            s.Write(new byte[1100]);
            TakeRecords(s, out byte[] wire);
            int fed = 0;
            while (fed < wire.Length && c.State != EngineState.Failed) fed += c.Feed(wire.AsSpan(fed));
            Assert.Equal(EngineState.Failed, c.State);
            Assert.Equal(SslError.RecordOverflow, c.Failure.Error);
            Assert.Equal(AlertDescription.RecordOverflow, c.Failure.Alert);
        }

        [Fact]
        public void TlsClientOfferingBothVersionsToATls12ServerReadsTheOneByteLargerLimit()
        {
            // RFC 8449 4: the value offered with TLS 1.3 counts the content type; a TLS 1.2 server reads it as content.
            var (cs, ss) = TlsSettings(ProtocolVersion.Tls13, 1024, 512);
            cs.CipherSuites = new[] { CipherSuites.TlsAes128GcmSha256, CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256 };
            ss.MaxVersion = ProtocolVersion.Tls12;
            var (c, s) = ConnectTls(cs, ss);
            Assert.Equal("TLSv1.2", c.VersionName);
            Assert.Equal(1025, c.ReadPlaintextLimit);
            Assert.Equal(1025, s.WritePlaintextLimit);
            Assert.Equal(512, c.WritePlaintextLimit);
            Assert.Equal(512, s.ReadPlaintextLimit);
        }

        [Fact]
        public void TlsWithoutLimitsKeepsFullRecords()
        {
            var (cs, ss) = TlsSettings(ProtocolVersion.Tls13, 16384, 16384);
            var (c, s) = ConnectTls(cs, ss);
            Assert.Equal(16384, c.ReadPlaintextLimit);
            Assert.Equal(16384, s.WritePlaintextLimit);
            s.Write(new byte[20000]);
            List<int> records = TakeRecords(s, out _);
            Assert.Equal(2, records.Count);
            Assert.Equal(16384 + 17, records[0]);
        }

        [Theory]
        [InlineData(512, 1024)]
        [InlineData(1024, 16384)]
        [InlineData(16384, 2048)]
        public void DtlsRecordsFollowTheAgreedLimitsBothWays(int clientMax, int serverMax)
        {
            EngineSettings cs = DtlsEngineTests.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128Ccm8);
            cs.MaxRecordSize = clientMax;
            EngineSettings ss = DtlsEngineTests.CertServer(Credentials);
            ss.MaxRecordSize = serverMax;
            var pipe = DtlsEngineTests.Connect(cs, ss);
            int largestFromServer = 0;
            pipe.Tap = (toServer, datagram) =>
            {
                if (toServer) return;
                for (int at = 0; at + 13 <= datagram.Length;)
                {
                    int length = (datagram[at + 11] << 8) | datagram[at + 12];
                    largestFromServer = Math.Max(largestFromServer, length);
                    at += 13 + length;
                }
            };
            Assert.True(pipe.RunUntil(() => pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete), "handshake did not complete");
            int clientLimit = clientMax < 16384 ? clientMax : 16384;
            // With no client limit the server's own choice does not matter: a client that offers nothing gets nothing.
            int serverLimit = clientMax < 16384 ? serverMax : 16384;
            Assert.Equal(clientLimit, pipe.Client.ReadPlaintextLimit);
            Assert.Equal(clientLimit, pipe.Server.WritePlaintextLimit);
            Assert.Equal(serverLimit, pipe.Server.ReadPlaintextLimit);
            Assert.Equal(serverLimit, pipe.Client.WritePlaintextLimit);
            if (clientLimit < 16384)
            {
                // Every server record (the certificate flight too) fits the client's limit; CCM-8 adds 16.
                Assert.InRange(largestFromServer, 1, clientLimit + 16);
                Assert.Equal(2 * (clientLimit + 2), pipe.Client.ReceiveQueueBytes);
            }

            int serverMaxPayload = pipe.Server.MaxApplicationDataLength;
            Assert.Equal(Math.Min(clientLimit, 1400 - 13 - 16), serverMaxPayload);
            var payload = new byte[serverMaxPayload];
            new Random(3).NextBytes(payload);
            pipe.Server.SendApplicationData(payload);
            Assert.True(pipe.RunUntil(() => pipe.Client.HasApplicationData, 1000));
            var buffer = new byte[20000];
            Assert.Equal(payload, buffer.AsSpan(0, pipe.Client.ReadApplicationData(buffer)).ToArray());
            Assert.Equal(Math.Min(serverLimit, 1400 - 13 - 16), pipe.Client.MaxApplicationDataLength);
        }

        [Fact]
        public void DtlsRecordOverTheLimitIsDroppedAndCounted()
        {
            // DTLS discards invalid records instead of ending the association (RFC 6347 4.1.2.7).
            EngineSettings cs = DtlsEngineTests.PskClient(CipherSuites.TlsPskWithAes128Ccm8);
            cs.MaxRecordSize = 512;
            var pipe = DtlsEngineTests.Connect(cs, DtlsEngineTests.PskServer());
            Assert.True(pipe.RunUntil(() => pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete));
            var records = (DtlsRecordLayer)typeof(DtlsEngine).GetField("records", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(pipe.Server);
            records.WritePlaintextLimit = RecordLimits.MaxPlaintext;
            var datagram = new byte[1400];
            int length = records.WriteRecord(ContentType.ApplicationData, records.WriteEpoch, new byte[600], datagram);
            long dropped = pipe.Client.DroppedRecords;
            pipe.Client.ProcessDatagram(datagram.AsSpan(0, length), pipe.Now + 1);
            Assert.False(pipe.Client.HasApplicationData);
            Assert.Equal(dropped + 1, pipe.Client.DroppedRecords);
        }

        [Theory]
        [InlineData(63)]
        [InlineData(16385)]
        public void MaxRecordSizeOutsideTheRangeIsRefused(int size)
        {
            EngineSettings cs = DtlsEngineTests.PskClient(0);
            cs.MaxRecordSize = size;
            var e = Assert.Throws<SslException>(() => new DtlsEngine(cs));
            Assert.Equal(SslError.InvalidArgument, e.Error);
            var context = new SslContext(SslProtocol.TlsClient);
            Assert.Throws<SslException>(() => context.MaxRecordSize = size);
        }

        [Fact]
        public void ContextMaxRecordSizeReachesTheEngineSettings()
        {
            var context = new SslContext(SslProtocol.DtlsClient) { MaxRecordSize = 1024 };
            Assert.Equal(1024, context.CreateEngineSettings(false, null, null).MaxRecordSize);
        }

        [Theory]
        [InlineData(ProtocolVersion.Tls13)]
        [InlineData(ProtocolVersion.Tls12)]
        public void TlsSmallRecordsAllocateNothingInSteadyState(int version)
        {
            var (cs, ss) = TlsSettings(version, 1024, 1024);
            var (c, s) = ConnectTls(cs, ss);
            var payload = new byte[3000]; // three records each way
            var wire = new byte[8192];
            var received = new byte[4096];
            long allocated = 0;
            var pairs = new[] { (c, s), (s, c) };
            for (int round = 0; round < 300; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                foreach (var (from, to) in pairs)
                {
                    from.Write(payload);
                    int n = from.TakeOutgoing(wire);
                    int fed = 0, got = 0;
                    while (got < payload.Length)
                    {
                        fed += to.Feed(wire.AsSpan(fed, n - fed));
                        int r;
                        while ((r = to.Read(received)) > 0) got += r;
                    }
                }
                if (round >= 100) allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Assert.Equal(0, allocated);
            Assert.True(c.InputCapacityBytes < 1024 + 64);
        }

        [Fact]
        public void DtlsSmallRecordsAllocateNothingInSteadyState()
        {
            EngineSettings cs = DtlsEngineTests.PskClient(CipherSuites.TlsPskWithAes128GcmSha256);
            cs.MaxRecordSize = 1024;
            EngineSettings ss = DtlsEngineTests.PskServer();
            ss.MaxRecordSize = 1024;
            var pipe = DtlsEngineTests.Connect(cs, ss);
            Assert.True(pipe.RunUntil(() => pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete));
            DtlsEngineTests.Exchange(pipe, 1);
            var payload = new byte[1024];
            var datagram = new byte[2048];
            var received = new byte[2048];
            long now = pipe.Now, allocated = 0;
            int lost = 0;
            var pairs = new[] { (pipe.Client, pipe.Server), (pipe.Server, pipe.Client) };
            for (int round = 0; round < 600; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                foreach (var (from, to) in pairs)
                {
                    from.SendApplicationData(payload);
                    int n = from.TakeOutgoingDatagram(datagram);
                    to.ProcessDatagram(datagram.AsSpan(0, n), ++now);
                    if (to.ReadApplicationData(received) != payload.Length) lost++; // Assert.Equal would allocate here
                }
                if (round >= 300) allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Assert.Equal(0, lost);
            Assert.Equal(0, allocated);
        }

        private sealed class LimitChannel : OpenMvSsl.Handshake.IHandshakeChannel
        {
            public int Read = -1, Write = -1;
            public bool IsDatagram => false;
            public RecordFamily Family => RecordFamily.Tls12;
            public OpenMvSsl.Handshake.Transcript Transcript => null;
            public DateTime WallClockUtc => DateTime.UtcNow;
            public void Send(HandshakeMessage message) { }
            public void SendChangeCipherSpec() { }
            public void ActivateWriteProtection(RecordProtection protection) { }
            public void ActivateReadProtection(RecordProtection protection) { }
            public void FlightReady(bool expectsReply) { }
            public void LimitRecords(int readLimit, int writeLimit) { Read = readLimit; Write = writeLimit; }
            public void HandshakeComplete() { }
        }

        private static OpenMvSsl.Handshake.Extensions.ExtensionList Extensions(params (OpenMvSsl.Handshake.Extensions.ExtensionType type, string hex)[] entries)
        {
            var list = new OpenMvSsl.Handshake.Extensions.ExtensionList();
            foreach (var (type, hex) in entries) list.Add(type, Convert.FromHexString(hex));
            return list;
        }

        [Fact]
        public void NegotiationRulesAndIllegalAnswers()
        {
            const OpenMvSsl.Handshake.Extensions.ExtensionType Rsl = OpenMvSsl.Handshake.Extensions.ExtensionType.RecordSizeLimit;
            const OpenMvSsl.Handshake.Extensions.ExtensionType Mfl = OpenMvSsl.Handshake.Extensions.ExtensionType.MaxFragmentLength;
            var settings = new EngineSettings { MaxRecordSize = 1024 };
            var channel = new LimitChannel();

            // Server: record_size_limit wins over max_fragment_length and is answered with our own (TLS 1.3: +1).
            var answer = new OpenMvSsl.Handshake.Extensions.ExtensionList();
            OpenMvSsl.Handshake.RecordSizePolicy.AnswerClient(settings, true, Extensions((Rsl, "0201"), (Mfl, "02")), answer, channel);
            Assert.Equal("0401", Convert.ToHexString(answer.Find(Rsl)));
            Assert.False(answer.Contains(Mfl));
            Assert.Equal((1024, 512), (channel.Read, channel.Write));

            // Server: max_fragment_length alone is echoed and binds both ways.
            answer = new OpenMvSsl.Handshake.Extensions.ExtensionList();
            OpenMvSsl.Handshake.RecordSizePolicy.AnswerClient(settings, false, Extensions((Mfl, "03")), answer, channel);
            Assert.Equal("03", Convert.ToHexString(answer.Find(Mfl)));
            Assert.Equal((2048, 2048), (channel.Read, channel.Write));

            SslError Fails(Action a) => Assert.Throws<SslException>(a).Error;
            // Client asks for nothing: neither extension may come back.
            var plain = new EngineSettings();
            Assert.Equal(SslError.HandshakeFailure, Fails(() => OpenMvSsl.Handshake.RecordSizePolicy.AcceptServerAnswer(plain, 0, false, Extensions((Rsl, "4000")), channel)));
            // Illegal values and combinations (RFC 8449 4 and 5, RFC 6066 4).
            Assert.Equal(SslError.IllegalParameter, Fails(() => OpenMvSsl.Handshake.RecordSizePolicy.AcceptServerAnswer(settings, 1024, false, Extensions((Rsl, "003f")), channel)));
            Assert.Equal(SslError.IllegalParameter, Fails(() => OpenMvSsl.Handshake.RecordSizePolicy.AcceptServerAnswer(settings, 1024, false, Extensions((Rsl, "0400"), (Mfl, "02")), channel)));
            Assert.Equal(SslError.IllegalParameter, Fails(() => OpenMvSsl.Handshake.RecordSizePolicy.AcceptServerAnswer(settings, 1024, false, Extensions((Mfl, "03")), channel)));
            Assert.Equal(SslError.IllegalParameter, Fails(() => OpenMvSsl.Handshake.RecordSizePolicy.AnswerClient(settings, false, Extensions((Mfl, "05")), new OpenMvSsl.Handshake.Extensions.ExtensionList(), channel)));
            Assert.Equal(SslError.IllegalParameter, Fails(() => OpenMvSsl.Handshake.RecordSizePolicy.AnswerClient(settings, false, Extensions((Rsl, "0000")), new OpenMvSsl.Handshake.Extensions.ExtensionList(), channel)));

            // TLS 1.3 client: a peer value of 64 leaves 63 content bytes; 2^14+1 and more cap at 2^14.
            OpenMvSsl.Handshake.RecordSizePolicy.AcceptServerAnswer(settings, 1025, true, Extensions((Rsl, "0040")), channel);
            Assert.Equal((1024, 63), (channel.Read, channel.Write));
            OpenMvSsl.Handshake.RecordSizePolicy.AcceptServerAnswer(settings, 1025, true, Extensions((Rsl, "ffff")), channel);
            Assert.Equal(16384, channel.Write);
        }

        // ---- retained bytes per connection ----

        private const int Pairs = 40;

        private static long Retained(Func<object> connect)
        {
            var keep = new object[Pairs];
            keep[0] = connect(); // warm up code paths and caches outside the measurement
            keep[0] = null;
            long before = GC.GetTotalMemory(true);
            for (int i = 0; i < Pairs; i++) keep[i] = connect();
            long after = GC.GetTotalMemory(true);
            GC.KeepAlive(keep);
            return (after - before) / Pairs;
        }

        private static object DtlsPskPair(int size, int suite)
        {
            EngineSettings cs = DtlsEngineTests.PskClient(suite);
            cs.MaxRecordSize = size;
            EngineSettings ss = DtlsEngineTests.PskServer();
            ss.MaxRecordSize = size;
            var pipe = DtlsEngineTests.Connect(cs, ss);
            Assert.True(pipe.RunUntil(() => pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete));
            DtlsEngineTests.Exchange(pipe, 1); // the server drops its last flight once the client is heard from
            return new object[] { pipe.Client, pipe.Server };
        }

        private static object Tls13Pair(int size)
        {
            var (cs, ss) = TlsSettings(ProtocolVersion.Tls13, size, size);
            var (c, s) = ConnectTls(cs, ss);
            return new object[] { c, s };
        }

        [Fact]
        public void RetainedBytesPerConnectionShrinkWithTheRecordSize()
        {
            int[] sizes = { 512, 1024, 4096, 16384 };
            var dtls = new long[sizes.Length];
            var dtlsGcm = new long[sizes.Length];
            var tls = new long[sizes.Length];
            for (int i = 0; i < sizes.Length; i++)
            {
                int size = sizes[i];
                dtls[i] = Retained(() => DtlsPskPair(size, CipherSuites.TlsPskWithAes128Ccm8));
                dtlsGcm[i] = Retained(() => DtlsPskPair(size, CipherSuites.TlsPskWithAes128GcmSha256));
                tls[i] = Retained(() => Tls13Pair(size));
                output.WriteLine("records " + size + " B: DTLS 1.2 PSK AES-128-CCM-8 client+server " + dtls[i]
                    + " B (" + dtls[i] / 2 + " B per side), DTLS 1.2 PSK AES-128-GCM " + dtlsGcm[i] + " B (" + dtlsGcm[i] / 2
                    + " B per side), TLS 1.3 ECDSA AES-128-GCM client+server " + tls[i] + " B (" + tls[i] / 2 + " B per side)");
            }
            // Smaller agreed records must mean smaller connections.
            Assert.True(dtlsGcm[1] + 4096 < dtlsGcm[3], "DTLS GCM 1 KB " + dtlsGcm[1] + " vs 16 KB " + dtlsGcm[3]);
            Assert.True(dtls[1] + 4096 < dtls[3], "DTLS 1 KB " + dtls[1] + " vs 16 KB " + dtls[3]);
            Assert.True(tls[1] + 16384 < tls[3], "TLS 1.3 1 KB " + tls[1] + " vs 16 KB " + tls[3]);
        }
    }
}
