using System;
using System.Diagnostics;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;

namespace OpenMvSsl.Bench
{
    /// <summary>
    /// `-- profile`: where one small record's time goes in our engines. Each engine call of the
    /// client -> server path is timed on its own (Stopwatch timestamps around it, the timer's own cost
    /// subtracted), next to the raw AEAD seal and open of the same size. Median of several runs.
    /// </summary>
    internal static class RecordProfile
    {
        private const int Iterations = 20000;
        private const int Runs = 9;

        public static void Run(Credentials creds, int size)
        {
            Console.WriteLine("## Where a " + size + "-byte record's time goes (ns per record, median of " + Runs + " runs)");
            Console.WriteLine();
            Console.WriteLine("| Connection | step | ns |");
            Console.WriteLine("|---|---|---:|");
            var payload = new byte[size];
            var scratch = new byte[70000];
            var received = new byte[70000];

            foreach (var (name, code, version, aead) in new[]
            {
                ("DTLS 1.2 ECDHE-ECDSA AES-128-GCM", 0xC02B, 0, AeadAlgorithm.Aes128Gcm),
                ("TLS 1.2 ECDHE-ECDSA AES-128-GCM", 0xC02B, 0x0303, AeadAlgorithm.Aes128Gcm),
                ("TLS 1.3 CHACHA20-POLY1305", 0x1303, 0x0304, AeadAlgorithm.ChaCha20Poly1305),
            })
            {
                var steps = new (string, double[])[] { ("send (seal)", new double[Runs]), ("take outgoing", new double[Runs]),
                    ("feed / process (open)", new double[Runs]), ("read", new double[Runs]), ("timer itself", new double[Runs]) };
                if (version == 0)
                {
                    var (c, s) = Ours.ConnectDtls(Ours.Client(code, false, 1400), Ours.Server(creds, false, 1400), scratch);
                    long now = 100_000;
                    for (int run = -1; run < Runs; run++)
                    {
                        long send = 0, take = 0, process = 0, read = 0, empty = 0;
                        for (int i = 0; i < Iterations; i++)
                        {
                            long t0 = Stopwatch.GetTimestamp();
                            c.SendApplicationData(payload);
                            long t1 = Stopwatch.GetTimestamp();
                            int n = c.TakeOutgoingDatagram(scratch);
                            long t2 = Stopwatch.GetTimestamp();
                            s.ProcessDatagram(scratch.AsSpan(0, n), ++now);
                            long t3 = Stopwatch.GetTimestamp();
                            int got = s.ReadApplicationData(received);
                            long t4 = Stopwatch.GetTimestamp();
                            long t5 = Stopwatch.GetTimestamp();
                            if (got != size) throw new InvalidOperationException("record lost");
                            send += t1 - t0; take += t2 - t1; process += t3 - t2; read += t4 - t3; empty += t5 - t4;
                        }
                        Record(steps, run, send, take, process, read, empty);
                    }
                }
                else
                {
                    var (c, s) = Ours.ConnectTls(Ours.Client(code, false, 1400, version), Ours.Server(creds, false, 1400, version), scratch);
                    for (int run = -1; run < Runs; run++)
                    {
                        long send = 0, take = 0, process = 0, read = 0, empty = 0;
                        for (int i = 0; i < Iterations; i++)
                        {
                            long t0 = Stopwatch.GetTimestamp();
                            c.Write(payload);
                            long t1 = Stopwatch.GetTimestamp();
                            int n = c.TakeOutgoing(scratch);
                            long t2 = Stopwatch.GetTimestamp();
                            s.Feed(scratch.AsSpan(0, n));
                            long t3 = Stopwatch.GetTimestamp();
                            int got = s.Read(received);
                            long t4 = Stopwatch.GetTimestamp();
                            long t5 = Stopwatch.GetTimestamp();
                            if (got != size) throw new InvalidOperationException("record lost");
                            send += t1 - t0; take += t2 - t1; process += t3 - t2; read += t4 - t3; empty += t5 - t4;
                        }
                        Record(steps, run, send, take, process, read, empty);
                    }
                }

                double timer = Median(steps[4].Item2);
                double total = 0;
                for (int k = 0; k < 4; k++)
                {
                    double ns = Math.Max(0, Median(steps[k].Item2) - timer);
                    total += ns;
                    Console.WriteLine("| " + name + " | " + steps[k].Item1 + " | " + ns.ToString("F0") + " |");
                }
                Console.WriteLine("| " + name + " | total | " + total.ToString("F0") + " |");
                using (IAead raw = Ours.Provider.CreateAead(aead, new byte[AeadSizes.KeyLength(aead)]))
                {
                    double seal = 0, open = 0;
                    var nonce = new byte[12];
                    var aad = new byte[13];
                    var buffer = new byte[size + 16];
                    var sealedCopy = new byte[size + 16];
                    raw.Seal(nonce, aad, payload, sealedCopy);
                    var sealRuns = new double[Runs];
                    var openRuns = new double[Runs];
                    for (int run = -1; run < Runs; run++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        for (int i = 0; i < Iterations; i++) raw.Seal(nonce, aad, buffer.AsSpan(0, size), buffer);
                        long t1 = Stopwatch.GetTimestamp();
                        for (int i = 0; i < Iterations; i++) raw.Open(nonce, aad, sealedCopy, buffer);
                        long t2 = Stopwatch.GetTimestamp();
                        if (run >= 0) { sealRuns[run] = Ns(t1 - t0); openRuns[run] = Ns(t2 - t1); }
                    }
                    seal = Median(sealRuns);
                    open = Median(openRuns);
                    Console.WriteLine("| " + name + " | raw AEAD seal + open | " + (seal + open).ToString("F0") + " |");
                    Console.WriteLine("| " + name + " | engine overhead (total - AEAD) | " + (total - seal - open).ToString("F0") + " |");
                }
            }
            Console.WriteLine();
        }

        private static void Record((string, double[])[] steps, int run, long send, long take, long process, long read, long empty)
        {
            if (run < 0) return; // warm-up
            steps[0].Item2[run] = Ns(send);
            steps[1].Item2[run] = Ns(take);
            steps[2].Item2[run] = Ns(process);
            steps[3].Item2[run] = Ns(read);
            steps[4].Item2[run] = Ns(empty);
        }

        private static double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency / Iterations;

        private static double Median(double[] values)
        {
            var copy = (double[])values.Clone();
            Array.Sort(copy);
            return copy[copy.Length / 2];
        }
    }
}
