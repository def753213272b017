using System;
using System.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using Org.BouncyCastle.Crypto;
using BcVersion = Org.BouncyCastle.Tls.ProtocolVersion;

namespace OpenMvSsl.Bench
{
    /// <summary>
    /// Issue 6 figures in one process: application-data throughput, handshake rate, allocation per
    /// record and retained bytes per connection, ours against BouncyCastle 2.7, SslStream and the
    /// provider's raw AEAD. `dotnet run -c Release --project bench/OpenMvSsl.Bench -- [quick] [throughput|handshakes|retained]`, or `-- aead` (raw AEAD ns per call), or `-- profile` (engine steps of a 64-byte record)
    /// (naming tables runs only those). OPENMVSSL_HOST_AEAD=bcl makes the provider use the BCL AEAD classes.
    /// </summary>
    internal static class Program
    {
        private const int Tls12 = 0x0303, Tls13 = 0x0304;
        private const int DtlsBigMtu = 16384 + 200;

        private sealed class Suite
        {
            public string Protocol, Name;
            public int Code;
            public bool Dtls, Psk;
            public int Version;
            public AeadAlgorithm Aead;
        }

        private static readonly Suite[] Suites =
        {
            new Suite { Protocol = "DTLS 1.2", Name = "PSK AES-128-CCM-8", Code = 0xC0A8, Dtls = true, Psk = true, Aead = AeadAlgorithm.Aes128Ccm8 },
            new Suite { Protocol = "DTLS 1.2", Name = "ECDHE-ECDSA AES-128-GCM", Code = 0xC02B, Dtls = true, Aead = AeadAlgorithm.Aes128Gcm },
            new Suite { Protocol = "TLS 1.2", Name = "ECDHE-ECDSA AES-128-GCM", Code = 0xC02B, Version = Tls12, Aead = AeadAlgorithm.Aes128Gcm },
            new Suite { Protocol = "TLS 1.2", Name = "ECDHE-ECDSA CHACHA20-POLY1305", Code = 0xCCA9, Version = Tls12, Aead = AeadAlgorithm.ChaCha20Poly1305 },
            new Suite { Protocol = "TLS 1.3", Name = "AES-128-GCM", Code = 0x1301, Version = Tls13, Aead = AeadAlgorithm.Aes128Gcm },
            new Suite { Protocol = "TLS 1.3", Name = "CHACHA20-POLY1305", Code = 0x1303, Version = Tls13, Aead = AeadAlgorithm.ChaCha20Poly1305 },
        };

        private static Credentials creds;
        private static AsymmetricKeyParameter bcKey;
        private static readonly StringBuilder notes = new StringBuilder();

        private static int Main(string[] args)
        {
            Harness.Quick = Array.IndexOf(args, "quick") >= 0;
            if (Array.IndexOf(args, "aead") >= 0) { AeadMicro.Run(); return 0; }
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            creds = Credentials.Create();
            bcKey = Bc.Key(creds);
            if (Array.IndexOf(args, "profile") >= 0) { RecordProfile.Run(creds, 64); return 0; }
            var started = DateTime.UtcNow;

            Console.WriteLine("# OpenMvSsl benchmark (" + (Harness.Quick ? "quick" : "full") + ")");
            Console.WriteLine();
            Console.WriteLine("Machine: " + Environment.ProcessorCount + " cores, " + CpuModel() + ", " + RuntimeInformation.FrameworkDescription
                + ", " + RuntimeInformation.OSDescription + ", " + DateTime.UtcNow.ToString("yyyy-MM-dd") + ".");
            Console.WriteLine();
            bool all = Array.IndexOf(args, "throughput") < 0 && Array.IndexOf(args, "handshakes") < 0 && Array.IndexOf(args, "retained") < 0;
            Console.WriteLine("AEAD implementation: " + (OpenMvSsl.Host.DotNetAead.UsesManagedCode(AeadAlgorithm.Aes128Gcm) ? "managed intrinsics" : "BCL")
                + " (" + OpenMvSsl.Host.DotNetAead.ImplementationVariable + "=" + Environment.GetEnvironmentVariable(OpenMvSsl.Host.DotNetAead.ImplementationVariable) + ").");
            Console.WriteLine();
            if (all || Array.IndexOf(args, "throughput") >= 0) ThroughputTable();
            if (all || Array.IndexOf(args, "handshakes") >= 0) HandshakeTable();
            if (all || Array.IndexOf(args, "retained") >= 0) RetainedTable();
            if (notes.Length > 0) { Console.WriteLine("Notes:"); Console.WriteLine(); Console.Write(notes); Console.WriteLine(); }
            Console.WriteLine("Total run time: " + (DateTime.UtcNow - started).TotalSeconds.ToString("F0") + " s.");
            return 0;
        }

        private static string CpuModel()
        {
            try
            {
                foreach (string line in System.IO.File.ReadAllLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name")) return line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (Exception) { }
            return "unknown CPU";
        }

        // ---- throughput ----

        private static void ThroughputTable()
        {
            Console.WriteLine("## Application data, one record client -> server (sealed, carried in memory, opened, read)");
            Console.WriteLine();
            Console.WriteLine("| Protocol, suite | Record | Stack | MB/s | records/s | spread | B alloc/record | ours / BC | / AEAD ceiling |");
            Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
            foreach (Suite suite in Suites)
            {
                foreach (int wanted in new[] { 64, 1024, 16384 })
                {
                    bool big = wanted == 16384;
                    int mtu = big ? DtlsBigMtu : 1400;
                    int size = wanted;
                    var rows = new List<(string stack, Throughput t)>();

                    IRecordChannel ours = OurChannel(suite, mtu);
                    if (suite.Dtls && big)
                    {
                        size = Math.Min(size, ours.MaxRecord);
                        try { ours.Transfer(new byte[size], size); }
                        catch (InvalidOperationException)
                        {
                            Note("DTLS " + suite.Name + ": a " + size + "-byte record is sealed but never delivered (the receive queue, DtlsEngine.DefaultReceiveQueueBytes = 8192, drops it); the large DTLS row uses 8190 bytes, the most that queue takes.");
                            size = 8190;
                            ours = OurChannel(suite, mtu);
                        }
                    }
                    var oursT = Run(ours, size);
                    rows.Add(("ours", oursT));
                    // The two halves of the ours row, each against the one AEAD operation it performs: the
                    // sending side measured alone, the receiving side timed inside the transfers.
                    var sending = Run(new OurSendingSide(OurChannel(suite, mtu)), size);
                    var receiving = ReceivingSide(suite, mtu, size);
                    Throughput? bcT = null;
                    try
                    {
                        var (c, s) = Bc.Peers(suite.Psk, suite.Code, BcVersions(suite), creds, bcKey);
                        IRecordChannel bc = suite.Dtls ? new BcDtlsChannel(c, s, mtu) : new BcTlsChannel(c, s);
                        bcT = Run(bc, size);
                        rows.Add(("BouncyCastle 2.7", bcT.Value));
                    }
                    catch (Exception e) { Note("BouncyCastle " + suite.Protocol + " " + suite.Name + " " + size + " B: " + e.GetType().Name + ": " + e.Message); }
                    if (!suite.Dtls)
                    {
                        try
                        {
                            var ssl = new SslStreamChannel(creds, suite.Version == Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12, (System.Net.Security.TlsCipherSuite)suite.Code);
                            rows.Add(("SslStream (OpenSSL), loopback TCP", Run(ssl, size)));
                        }
                        catch (Exception e) { Note("SslStream " + suite.Protocol + " " + suite.Name + ": " + e.GetType().Name + ": " + e.Message); }
                    }
                    var seal = Run(new AeadChannel(suite.Aead, false), size);
                    var open = Run(new AeadChannel(suite.Aead, true), size);
                    double ceiling = Math.Min(seal.MegabytesPerSecond, open.MegabytesPerSecond);
                    rows.Add(("AEAD seal only", seal));
                    rows.Add(("AEAD open only", open));

                    rows.Add(("ours, sending side only", sending));
                    rows.Add(("ours, receiving side only", receiving));

                    foreach (var (stack, t) in rows)
                    {
                        // Each half is compared with the one AEAD operation it performs.
                        double against = stack.StartsWith("ours, sending") ? seal.MegabytesPerSecond
                            : stack.StartsWith("ours, receiving") ? open.MegabytesPerSecond : ceiling;
                        string vsBc = stack == "ours" && bcT.HasValue ? (t.MegabytesPerSecond / bcT.Value.MegabytesPerSecond).ToString("F2") + "x"
                            : stack.StartsWith("SslStream") ? "ours/this " + (oursT.MegabytesPerSecond / t.MegabytesPerSecond).ToString("F2") + "x" : "";
                        Console.WriteLine("| " + suite.Protocol + " " + suite.Name + " | " + size + " | " + stack + " | "
                            + t.MegabytesPerSecond.ToString("F1") + " | " + t.RecordsPerSecond.ToString("N0") + " | "
                            + (double.IsNaN(t.Spread) ? "" : (t.Spread * 100).ToString("F0") + "%") + " | "
                            + (double.IsNaN(t.AllocatedPerRecord) ? "" : t.AllocatedPerRecord.ToString("F0")) + " | " + vsBc + " | "
                            + (t.MegabytesPerSecond / against).ToString("F2") + " |");
                    }
                }
            }
            Console.WriteLine();
        }

        // Whole transfers, but only the server's half is on the clock (two Stopwatch reads per record,
        // ~50 ns, are included: noticeable at 64 B only). Median of the harness's sample count.
        private static Throughput ReceivingSide(Suite suite, int mtu, int size)
        {
            IRecordChannel channel = OurChannel(suite, mtu);
            var payload = new byte[size];
            Func<long> ticks = () => channel is OurDtlsChannel d ? d.ReceivingTicks : ((OurTlsChannel)channel).ReceivingTicks;
            for (int i = 0; i < 200; i++) channel.Transfer(payload, size);
            int samples = Harness.Quick ? 3 : 11;
            var rates = new double[samples];
            for (int s = 0; s < samples; s++)
            {
                long before = ticks();
                int count = 0;
                var wall = Stopwatch.StartNew();
                while (wall.ElapsedMilliseconds < (Harness.Quick ? 30 : 100)) { channel.Transfer(payload, size); count++; }
                rates[s] = count / ((ticks() - before) / (double)Stopwatch.Frequency);
            }
            Array.Sort(rates);
            double median = rates[samples / 2];
            return new Throughput
            {
                RecordsPerSecond = median, MegabytesPerSecond = median * size / 1e6,
                Spread = (rates[samples - 1] - rates[0]) / median, AllocatedPerRecord = double.NaN,
            };
        }

        private static Throughput Run(IRecordChannel channel, int size)
        {
            using (channel) return Harness.Measure(channel, size);
        }

        private static IRecordChannel OurChannel(Suite suite, int mtu)
        {
            if (suite.Dtls)
                return new OurDtlsChannel(Ours.Client(suite.Code, suite.Psk, mtu), Ours.Server(creds, suite.Psk, mtu));
            return new OurTlsChannel(Ours.Client(suite.Code, suite.Psk, 1400, suite.Version), Ours.Server(creds, suite.Psk, 1400, suite.Version));
        }

        private static BcVersion[] BcVersions(Suite suite) =>
            suite.Dtls ? BcVersion.DTLSv12.Only() : suite.Version == Tls13 ? BcVersion.TLSv13.Only() : BcVersion.TLSv12.Only();

        private static void Note(string text)
        {
            string line = "- " + text + "\n";
            if (notes.ToString().IndexOf(line, StringComparison.Ordinal) < 0) notes.Append(line);
        }

        // ---- handshakes ----

        private static readonly int[] HandshakeSuites = { 0, 1, 2, 4 };

        private static void HandshakeTable()
        {
            Console.WriteLine("## Full handshakes per second (client and server in one thread; BouncyCastle DTLS needs a second thread)");
            Console.WriteLine();
            Console.WriteLine("Samples alternate between the stacks; ours / BC is the median of the per-pair ratios. CPU us is process CPU time");
            Console.WriteLine("(all threads) per handshake, which load from other processes disturbs less than the rate.");
            Console.WriteLine();
            Console.WriteLine("| Protocol, suite | Stack | handshakes/s | spread | CPU us/handshake | ours / BC | ours / BC by CPU |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (int index in HandshakeSuites)
            {
                Suite suite = Suites[index];
                var scratch = new byte[70000];
                Action ours = () =>
                {
                    if (suite.Dtls) Ours.ConnectDtls(Ours.Client(suite.Code, suite.Psk, 1400), Ours.Server(creds, suite.Psk, 1400), scratch);
                    else Ours.ConnectTls(Ours.Client(suite.Code, suite.Psk, 1400, suite.Version), Ours.Server(creds, suite.Psk, 1400, suite.Version), scratch);
                };
                Action bc = () =>
                {
                    var (c, s) = Bc.Peers(suite.Psk, suite.Code, BcVersions(suite), creds, bcKey);
                    if (suite.Dtls) Bc.ConnectDtls(c, s, 1400);
                    else Bc.ConnectTls(c, s, scratch);
                };
                try { bc(); }
                catch (Exception e) { Note("BouncyCastle handshake " + suite.Protocol + " " + suite.Name + ": " + e.Message); bc = null; }
                // Alternating samples: load from other processes hits both stacks alike.
                var r = PairedHandshakes.Measure(ours, bc);
                string name = suite.Protocol + " " + suite.Name;
                Console.WriteLine("| " + name + " | ours | " + r.Ours.ToString("N0") + " | " + (r.OursSpread * 100).ToString("F0") + "% | "
                    + r.OursCpuMicroseconds.ToString("N0") + " | " + r.Ratio.ToString("F2") + "x | " + (r.TheirsCpuMicroseconds / r.OursCpuMicroseconds).ToString("F2") + "x |");
                Console.WriteLine("| " + name + " | BouncyCastle 2.7 | " + r.Theirs.ToString("N0") + " | " + (r.TheirsSpread * 100).ToString("F0") + "% | "
                    + r.TheirsCpuMicroseconds.ToString("N0") + " | | |");
            }
            Console.WriteLine();
        }

        // ---- retained memory ----

        private static void RetainedTable()
        {
            int count = Harness.Quick ? 30 : 200;
            Console.WriteLine("## Bytes retained per established connection (" + count + " pairs kept alive, one record each way, after a full GC)");
            Console.WriteLine();
            Console.WriteLine("| Protocol, suite | Stack | client B | server B |");
            Console.WriteLine("|---|---|---:|---:|");
            var one = new byte[1024];
            foreach (int index in HandshakeSuites)
            {
                Suite suite = Suites[index];
                string name = suite.Protocol + " " + suite.Name + (suite.Dtls ? " (MTU 1400)" : "");
                var ours = Harness.Retained(() =>
                {
                    if (suite.Dtls)
                    {
                        var ch = new OurDtlsChannel(Ours.Client(suite.Code, suite.Psk, 1400), Ours.Server(creds, suite.Psk, 1400));
                        ch.Transfer(one, one.Length);
                        return (ch.Client, ch.Server);
                    }
                    var t = new OurTlsChannel(Ours.Client(suite.Code, suite.Psk, 1400, suite.Version), Ours.Server(creds, suite.Psk, 1400, suite.Version));
                    t.Transfer(one, one.Length);
                    return (t.Client, t.Server);
                }, count);
                Console.WriteLine("| " + name + " | ours | " + ours.client.ToString("N0") + " | " + ours.server.ToString("N0") + " |");
                if (!suite.Dtls)
                {
                    var bc = Harness.Retained(() =>
                    {
                        var (c, s) = Bc.Peers(suite.Psk, suite.Code, BcVersions(suite), creds, bcKey);
                        var pair = Bc.ConnectTls(c, s, new byte[20000]);
                        return (pair.client, pair.server);
                    }, count);
                    Console.WriteLine("| " + name + " | BouncyCastle 2.7 | " + bc.client.ToString("N0") + " | " + bc.server.ToString("N0") + " |");
                }
            }
            Console.WriteLine();
            RetainedByRecordSize(count);
        }

        // The same measurement with smaller records negotiated (SslContext.MaxRecordSize: record_size_limit /
        // max_fragment_length on both sides), which sizes the per-connection buffers.
        private static void RetainedByRecordSize(int count)
        {
            int[] sizes = { 512, 1024, 4096, 16384 };
            Console.WriteLine("### The same, by negotiated record size (both sides ask for it; one record of up to 1 KiB each way)");
            Console.WriteLine();
            Console.WriteLine("| Protocol, suite | " + string.Join(" | ", Array.ConvertAll(sizes, n => n + " B: client / server")) + " |");
            Console.WriteLine("|---|" + string.Join("|", Array.ConvertAll(sizes, n => "---:")) + "|");
            foreach (int index in HandshakeSuites)
            {
                Suite suite = Suites[index];
                var cells = new List<string>();
                foreach (int size in sizes)
                {
                    var payload = new byte[Math.Min(size, 1024)];
                    var r = Harness.Retained(() =>
                    {
                        EngineSettings cs = Ours.Client(suite.Code, suite.Psk, 1400, suite.Version), ss = Ours.Server(creds, suite.Psk, 1400, suite.Version);
                        cs.MaxRecordSize = size;
                        ss.MaxRecordSize = size;
                        if (suite.Dtls)
                        {
                            var ch = new OurDtlsChannel(cs, ss);
                            ch.Transfer(payload, payload.Length);
                            return (ch.Client, ch.Server);
                        }
                        var t = new OurTlsChannel(cs, ss);
                        t.Transfer(payload, payload.Length);
                        return (t.Client, t.Server);
                    }, count);
                    cells.Add(r.client.ToString("N0") + " / " + r.server.ToString("N0"));
                }
                Console.WriteLine("| " + suite.Protocol + " " + suite.Name + " | " + string.Join(" | ", cells) + " |");
            }
            Console.WriteLine();
        }
    }
}
