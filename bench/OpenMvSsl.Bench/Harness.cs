using System;
using System.Diagnostics;

namespace OpenMvSsl.Bench
{
    internal struct Throughput
    {
        public double RecordsPerSecond, MegabytesPerSecond, Spread, AllocatedPerRecord;
    }

    /// <summary>
    /// Warm-up, then N timed samples of a batch sized to last about SampleMs; reports the median and
    /// the spread ((max - min) / median). Allocation is counted over one extra steady-state batch.
    /// </summary>
    internal static class Harness
    {
        public static bool Quick;
        private static int WarmupMs => Quick ? 40 : 300;
        private static int SampleMs => Quick ? 15 : 100;
        private static int Samples => Quick ? 5 : 11;

        public static Throughput Measure(IRecordChannel channel, int size)
        {
            var payload = new byte[size];
            new Random(size).NextBytes(payload);
            var clock = Stopwatch.StartNew();
            long batch = 0;
            while (clock.ElapsedMilliseconds < WarmupMs) { channel.Transfer(payload, size); batch++; }
            batch = Math.Max(1, batch * SampleMs / Math.Max(1, clock.ElapsedMilliseconds));

            var rates = new double[Samples];
            for (int s = 0; s < Samples; s++)
            {
                long start = Stopwatch.GetTimestamp();
                for (long i = 0; i < batch; i++) channel.Transfer(payload, size);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                rates[s] = batch / seconds;
            }
            Array.Sort(rates);
            double median = rates[rates.Length / 2];

            long count = Math.Min(batch, 2000);
            long before = Allocated(channel);
            for (long i = 0; i < count; i++) channel.Transfer(payload, size);
            long allocated = Allocated(channel) - before;

            return new Throughput
            {
                RecordsPerSecond = median,
                MegabytesPerSecond = median * size / 1e6,
                Spread = (rates[rates.Length - 1] - rates[0]) / median,
                AllocatedPerRecord = (double)allocated / count,
            };
        }

        private static long Allocated(IRecordChannel channel) =>
            channel.UsesThreads ? GC.GetTotalAllocatedBytes(true) : GC.GetAllocatedBytesForCurrentThread();

        /// <summary>
        /// Bytes retained per established client and per server: N pairs are kept alive, the heap
        /// is measured after a full collection (so the handshake's garbage is gone), then the
        /// servers are dropped and it is measured again.
        /// </summary>
        public static (double client, double server) Retained(Func<(object client, object server)> create, int count)
        {
            var clients = new object[count];
            var servers = new object[count];
            create(); // first-use costs (JIT, statics) out of the measurement
            long before = GC.GetTotalMemory(true);
            for (int i = 0; i < count; i++) (clients[i], servers[i]) = create();
            long both = GC.GetTotalMemory(true);
            Array.Clear(servers);
            long clientsOnly = GC.GetTotalMemory(true);
            GC.KeepAlive(clients);
            GC.KeepAlive(servers);
            return ((double)(clientsOnly - before) / count, (double)(both - clientsOnly) / count);
        }
    }
}
