using System;
using System.Diagnostics;

namespace OpenMvSsl.Bench
{
    /// <summary>
    /// Handshake rates of two stacks measured in alternating samples (ours, theirs, ours, ...), so
    /// that load from other processes on a shared machine hits both alike. The ratio is the median
    /// of the per-pair ratios, which is steadier than the ratio of two medians taken seconds apart.
    /// </summary>
    internal static class PairedHandshakes
    {
        public struct Result
        {
            public double Ours, Theirs, OursSpread, TheirsSpread, Ratio;
            /// <summary>Process CPU time per handshake (all threads), median over the samples; steadier than rates under load.</summary>
            public double OursCpuMicroseconds, TheirsCpuMicroseconds;
        }

        public static Result Measure(Action ours, Action theirs)
        {
            int warm = Harness.Quick ? 3 : 30;
            for (int i = 0; i < warm; i++) { ours(); if (theirs != null) theirs(); }
            int samples = Harness.Quick ? 5 : 9;
            int sampleMs = Harness.Quick ? 100 : 300;
            var oursRates = new double[samples];
            var theirRates = new double[samples];
            var ratios = new double[samples];
            var oursCpu = new double[samples];
            var theirCpu = new double[samples];
            for (int s = 0; s < samples; s++)
            {
                oursRates[s] = Rate(ours, sampleMs, out oursCpu[s]);
                theirRates[s] = theirs == null ? double.NaN : Rate(theirs, sampleMs, out theirCpu[s]);
                ratios[s] = oursRates[s] / theirRates[s];
            }
            Result result = new Result();
            result.Ours = Median(oursRates, out result.OursSpread);
            result.Theirs = Median(theirRates, out result.TheirsSpread);
            result.Ratio = Median(ratios, out _);
            result.OursCpuMicroseconds = Median(oursCpu, out _);
            result.TheirsCpuMicroseconds = theirs == null ? double.NaN : Median(theirCpu, out _);
            return result;
        }

        private static double Rate(Action handshake, int sampleMs, out double cpuMicrosecondsEach)
        {
            var process = Process.GetCurrentProcess();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            int n = 0;
            while (clock.ElapsedMilliseconds < sampleMs) { handshake(); n++; }
            double seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            cpuMicrosecondsEach = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / n;
            return n / seconds;
        }

        private static double Median(double[] values, out double spread)
        {
            Array.Sort(values);
            double median = values[values.Length / 2];
            spread = (values[values.Length - 1] - values[0]) / median;
            return median;
        }
    }
}
