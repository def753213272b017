using System;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Engine;
using Xunit;
using Xunit.Abstractions;

namespace OpenMvSsl.Tests.Performance
{
    /// <summary>
    /// Issue 6: sending and receiving application data allocates nothing in steady state, on both
    /// sides. Each engine call is counted on its own (GC.GetAllocatedBytesForCurrentThread), so a
    /// failure names the call that allocates.
    /// </summary>
    [Collection(ProcessWideMeasurements.Name)]
    public class AllocationTests
    {
        private const int RecordSize = 1024;
        private const int Warmup = 300;
        private const int Measured = 1000;

        private readonly ITestOutputHelper output;

        public AllocationTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        /// <summary>Bytes allocated by each step of one DTLS record, client to server and back, summed over Measured records.</summary>
        private sealed class DtlsSteps
        {
            public long Send, Take, Process, Read;
            public long Total => Send + Take + Process + Read;
            public override string ToString() =>
                "SendApplicationData " + Send + " B, TakeOutgoingDatagram " + Take + " B, ProcessDatagram " + Process + " B, ReadApplicationData " + Read + " B over " + Measured + " records";
        }

        private static void DtlsRecord(DtlsEngine from, DtlsEngine to, byte[] payload, byte[] datagram, byte[] received, ref long now, DtlsSteps steps)
        {
            long a = GC.GetAllocatedBytesForCurrentThread();
            from.SendApplicationData(payload);
            long b = GC.GetAllocatedBytesForCurrentThread();
            int n = from.TakeOutgoingDatagram(datagram);
            long c = GC.GetAllocatedBytesForCurrentThread();
            to.ProcessDatagram(datagram.AsSpan(0, n), ++now);
            long d = GC.GetAllocatedBytesForCurrentThread();
            int got = to.ReadApplicationData(received);
            long e = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(payload.Length, got);
            if (steps == null) return;
            steps.Send += b - a;
            steps.Take += c - b;
            steps.Process += d - c;
            steps.Read += e - d;
        }

        private (DtlsSteps clientToServer, DtlsSteps serverToClient) MeasureDtls(EngineSettings clientSettings, EngineSettings serverSettings)
        {
            var pipe = DtlsEngineTests.Connect(clientSettings, serverSettings);
            Assert.True(pipe.RunUntil(() => pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete), "handshake did not complete");
            var payload = new byte[RecordSize];
            new Random(1).NextBytes(payload);
            var datagram = new byte[4096];
            var received = new byte[4096];
            long now = pipe.Now;
            for (int i = 0; i < Warmup; i++)
            {
                DtlsRecord(pipe.Client, pipe.Server, payload, datagram, received, ref now, null);
                DtlsRecord(pipe.Server, pipe.Client, payload, datagram, received, ref now, null);
            }
            var up = new DtlsSteps();
            var down = new DtlsSteps();
            for (int i = 0; i < Measured; i++)
            {
                DtlsRecord(pipe.Client, pipe.Server, payload, datagram, received, ref now, up);
                DtlsRecord(pipe.Server, pipe.Client, payload, datagram, received, ref now, down);
            }
            output.WriteLine("client -> server: " + up);
            output.WriteLine("server -> client: " + down);
            return (up, down);
        }

        [Fact]
        public void DtlsPskCcm8RecordsAllocateNothing()
        {
            var (up, down) = MeasureDtls(DtlsEngineTests.PskClient(CipherSuites.TlsPskWithAes128Ccm8), DtlsEngineTests.PskServer());
            Assert.True(up.Total == 0, "client -> server allocates: " + up);
            Assert.True(down.Total == 0, "server -> client allocates: " + down);
        }

        [Fact]
        public void DtlsEcdsaGcmRecordsAllocateNothing()
        {
            var creds = TestCredentials.Valid("device.test");
            var (up, down) = MeasureDtls(DtlsEngineTests.CertClient(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256), DtlsEngineTests.CertServer(creds));
            Assert.True(up.Total == 0, "client -> server allocates: " + up);
            Assert.True(down.Total == 0, "server -> client allocates: " + down);
        }

        /// <summary>Bytes allocated by each step of one TLS record, summed over Measured records.</summary>
        private sealed class TlsSteps
        {
            public long Write, Take, Feed, Read;
            public long Total => Write + Take + Feed + Read;
            public override string ToString() =>
                "Write " + Write + " B, TakeOutgoing " + Take + " B, Feed " + Feed + " B, Read " + Read + " B over " + Measured + " records";
        }

        private static void TlsRecord(TlsEngine from, TlsEngine to, byte[] payload, byte[] wire, byte[] received, TlsSteps steps)
        {
            long a = GC.GetAllocatedBytesForCurrentThread();
            from.Write(payload);
            long b = GC.GetAllocatedBytesForCurrentThread();
            int n = from.TakeOutgoing(wire);
            long c = GC.GetAllocatedBytesForCurrentThread();
            int fed = to.Feed(wire.AsSpan(0, n));
            long d = GC.GetAllocatedBytesForCurrentThread();
            int got = 0, r;
            while ((r = to.Read(received.AsSpan(got))) > 0) got += r;
            long e = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(n, fed);
            Assert.False(from.HasOutgoing);
            Assert.Equal(payload.Length, got);
            if (steps == null) return;
            steps.Write += b - a;
            steps.Take += c - b;
            steps.Feed += d - c;
            steps.Read += e - d;
        }

        private (TlsSteps up, TlsSteps down) MeasureTls(int suite, int version)
        {
            var creds = TestCredentials.Valid("device.test");
            var clientSettings = DtlsEngineTests.CertClient(suite);
            var serverSettings = DtlsEngineTests.CertServer(creds);
            clientSettings.MaxVersion = clientSettings.MinVersion = version;
            serverSettings.MaxVersion = serverSettings.MinVersion = version;
            var client = new TlsEngine(clientSettings);
            var server = new TlsEngine(serverSettings);
            client.Start();
            server.Start();
            Assert.True(TlsEngineTests.Pump(client, server, () => client.IsHandshakeComplete && server.IsHandshakeComplete), "handshake did not complete");
            TlsEngineTests.Pump(client, server, () => !client.HasOutgoing && !server.HasOutgoing); // tickets, last Finished

            var payload = new byte[RecordSize];
            new Random(1).NextBytes(payload);
            var wire = new byte[4096];
            var received = new byte[4096];
            for (int i = 0; i < Warmup; i++)
            {
                TlsRecord(client, server, payload, wire, received, null);
                TlsRecord(server, client, payload, wire, received, null);
            }
            var up = new TlsSteps();
            var down = new TlsSteps();
            for (int i = 0; i < Measured; i++)
            {
                TlsRecord(client, server, payload, wire, received, up);
                TlsRecord(server, client, payload, wire, received, down);
            }
            output.WriteLine("client -> server: " + up);
            output.WriteLine("server -> client: " + down);
            return (up, down);
        }

        [Theory]
        [InlineData(CipherSuites.TlsEcdheEcdsaWithAes128GcmSha256, OpenMvSsl.Record.ProtocolVersion.Tls12)]
        [InlineData(CipherSuites.TlsAes128GcmSha256, OpenMvSsl.Record.ProtocolVersion.Tls13)]
        public void TlsRecordsAllocateNothing(int suite, int version)
        {
            var (up, down) = MeasureTls(suite, version);
            Assert.True(up.Total == 0, "client -> server allocates: " + up);
            Assert.True(down.Total == 0, "server -> client allocates: " + down);
        }

        /// <summary>
        /// Issue 6 target: a DTLS PSK connection with 1 KiB records retains at most 8 KB. Printed,
        /// not asserted yet (record size negotiation is still to come).
        /// </summary>
        [Fact]
        public void DtlsPskRetainedBytesPerConnection()
        {
            const int Pairs = 50;
            var clients = new DtlsEngine[Pairs];
            var servers = new DtlsEngine[Pairs];
            var payload = new byte[RecordSize];
            var datagram = new byte[4096];
            var received = new byte[4096];
            DtlsEngine[] Make()
            {
                var pipe = DtlsEngineTests.Connect(DtlsEngineTests.PskClient(CipherSuites.TlsPskWithAes128Ccm8), DtlsEngineTests.PskServer());
                Assert.True(pipe.RunUntil(() => pipe.Client.IsHandshakeComplete && pipe.Server.IsHandshakeComplete));
                long now = pipe.Now;
                DtlsRecord(pipe.Client, pipe.Server, payload, datagram, received, ref now, null);
                DtlsRecord(pipe.Server, pipe.Client, payload, datagram, received, ref now, null);
                return new[] { pipe.Client, pipe.Server };
            }
            Make(); // first-use costs out of the measurement
            long before = GC.GetTotalMemory(true);
            for (int i = 0; i < Pairs; i++)
            {
                var pair = Make();
                clients[i] = pair[0];
                servers[i] = pair[1];
            }
            long both = GC.GetTotalMemory(true);
            Array.Clear(servers);
            long clientsOnly = GC.GetTotalMemory(true);
            GC.KeepAlive(clients);
            GC.KeepAlive(servers);
            long perClient = (clientsOnly - before) / Pairs;
            long perServer = (both - clientsOnly) / Pairs;
            output.WriteLine("DTLS PSK AES-128-CCM-8, 1 KiB records, MTU 1400: retained per client " + perClient + " B, per server " + perServer
                + " B (issue 6 target: <= 8192 B per connection)");
            Assert.True(perClient > 0 && perServer > 0, "the measurement saw no retained memory at all");
        }
    }
}
