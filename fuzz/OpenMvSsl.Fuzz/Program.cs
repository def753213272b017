using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace OpenMvSsl.Fuzz
{
    /// <summary>
    /// Usage: OpenMvSsl.Fuzz TARGET --afl                    (under afl-fuzz, SharpFuzz-instrumented)
    ///        OpenMvSsl.Fuzz TARGET --replay DIR             (run every file in DIR once)
    ///        OpenMvSsl.Fuzz TARGET|all --random SEED SECONDS [--corpus ROOT] [--crashes ROOT]
    ///        OpenMvSsl.Fuzz --write-seeds ROOT              (write seed inputs from our own encoders and engines)
    ///        OpenMvSsl.Fuzz --list
    /// Exit code 1 when any input crashed.
    /// </summary>
    public static class Program
    {
        private static readonly Dictionary<string, FuzzTarget> Targets =
            ParserTargets.All().Concat(EngineTargets.All()).ToDictionary(t => t.Name);

        public static int Main(string[] args)
        {
            if (args.Length >= 1 && args[0] == "--list")
            {
                foreach (string name in Targets.Keys) Console.WriteLine(name);
                return 0;
            }
            if (args.Length >= 2 && args[0] == "--write-seeds")
            {
                SeedWriter.WriteAll(args[1]);
                return 0;
            }
            if (args.Length < 2) return Usage();
            string corpusRoot = Option(args, "--corpus") ?? Path.Combine("fuzz", "corpus");
            string crashRoot = Option(args, "--crashes") ?? Path.Combine("fuzz", "crashes");
            string[] names = args[0] == "all" ? Targets.Keys.ToArray() : new[] { args[0] };
            foreach (string name in names)
                if (!Targets.ContainsKey(name))
                {
                    Console.Error.WriteLine("unknown target " + name + " (try --list)");
                    return 2;
                }

            switch (args[1])
            {
                case "--afl":
                    FuzzTarget target = Targets[names[0]];
                    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
                    {
                        using var memory = new MemoryStream();
                        stream.CopyTo(memory);
                        target.Run(memory.ToArray());
                    });
                    return 0;
                case "--replay":
                    return names.Sum(n => Replay(Targets[n], args.Length > 2 ? args[2] : Path.Combine(corpusRoot, n))) > 0 ? 1 : 0;
                case "--random":
                    if (args.Length < 4) return Usage();
                    int seed = int.Parse(args[2]);
                    double seconds = double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
                    int crashed = 0;
                    foreach (string n in names)
                        crashed += RandomRun(Targets[n], Path.Combine(corpusRoot, n), Path.Combine(crashRoot, n), seed, seconds);
                    return crashed > 0 ? 1 : 0;
                default:
                    return Usage();
            }
        }

        private static int Usage()
        {
            Console.Error.WriteLine("usage: OpenMvSsl.Fuzz TARGET --afl | TARGET --replay DIR | TARGET|all --random SEED SECONDS [--corpus ROOT] [--crashes ROOT] | --write-seeds ROOT | --list");
            return 2;
        }

        private static string Option(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static List<byte[]> Load(string directory)
        {
            var inputs = new List<byte[]>();
            if (Directory.Exists(directory))
                foreach (string file in Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal))
                    inputs.Add(File.ReadAllBytes(file));
            return inputs;
        }

        private static int Replay(FuzzTarget target, string directory)
        {
            int crashes = 0, count = 0;
            if (!Directory.Exists(directory))
            {
                Console.Error.WriteLine(target.Name + ": no directory " + directory);
                return 1;
            }
            foreach (string file in Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal))
            {
                count++;
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
                catch (Exception e)
                {
                    crashes++;
                    Console.WriteLine("CRASH " + target.Name + " " + file + ": " + Describe(e));
                }
            }
            Console.WriteLine(target.Name + ": replayed " + count + " inputs, " + crashes + " crashes");
            return crashes;
        }

        private static int RandomRun(FuzzTarget target, string corpusDir, string crashDir, int seed, double seconds)
        {
            List<byte[]> corpus = Load(corpusDir);
            if (corpus.Count == 0) corpus.Add(new byte[] { 0 });
            var mutator = new Mutator(seed, corpus);
            var seenCrashes = new HashSet<string>();
            long executions = 0, crashes = 0, slowest = 0;
            var clock = Stopwatch.StartNew();
            long limit = (long)(seconds * 1000);
            foreach (byte[] entry in corpus) Execute(target, entry, crashDir, seenCrashes, ref executions, ref crashes, ref slowest);
            while (clock.ElapsedMilliseconds < limit)
            {
                for (int i = 0; i < 16; i++)
                    Execute(target, mutator.Next(), crashDir, seenCrashes, ref executions, ref crashes, ref slowest);
            }
            double rate = executions / Math.Max(0.001, clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "{0,-26} corpus {1,4}  executions {2,10}  {3,9:F0} exec/s  crashes {4} (unique {5})  slowest {6} ms",
                target.Name, corpus.Count, executions, rate, crashes, seenCrashes.Count, slowest));
            return (int)Math.Min(int.MaxValue, crashes);
        }

        private static void Execute(FuzzTarget target, byte[] input, string crashDir, HashSet<string> seen,
            ref long executions, ref long crashes, ref long slowest)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                crashes++;
                string key = Signature(e);
                if (seen.Add(key))
                {
                    Directory.CreateDirectory(crashDir);
                    string file = Path.Combine(crashDir, "crash-" + Convert.ToHexString(SHA1.HashData(input)).ToLowerInvariant());
                    File.WriteAllBytes(file, input);
                    Console.WriteLine("CRASH " + target.Name + " saved " + file + "\n" + Describe(e));
                }
            }
            executions++;
            long ms = (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (ms > slowest) slowest = ms;
        }

        private static Exception Root(Exception e) => e is FuzzFinding && e.InnerException != null ? e.InnerException : e;

        /// <summary>Exception type plus throwing frame: crashes with the same signature are one bug.</summary>
        private static string Signature(Exception e)
        {
            Exception root = Root(e);
            string frame = root.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
            return root.GetType().FullName + "|" + frame;
        }

        private static string Describe(Exception e) => e.Message + "\n" + Root(e);
    }
}
