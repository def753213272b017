using System;
using System.Collections.Generic;
using OpenMvSsl.Record;
using Xunit;

namespace OpenMvSsl.Tests.Record
{
    /// <summary>The anti-replay window against a plain reference model of RFC 6347 4.1.2.6.</summary>
    public class ReplayWindowTests
    {
        /// <summary>Reference: remembers every number ever accepted; fresh = unseen and within 64 of the highest.</summary>
        private sealed class ReferenceWindow
        {
            private readonly HashSet<ulong> seen = new HashSet<ulong>();
            private ulong highest;

            public bool IsFresh(ulong s) =>
                seen.Count == 0 || s > highest || (highest - s < 64 && !seen.Contains(s));

            public void Mark(ulong s)
            {
                seen.Add(s);
                if (s > highest) highest = s;
            }
        }

        [Theory]
        [InlineData(1, 10)]      // dense: mostly reordering inside the window
        [InlineData(2, 80)]      // jumps larger than the window
        [InlineData(3, 3)]       // heavy duplication
        [InlineData(4, 1000)]    // sparse
        public void AgreesWithReferenceOverLongRandomSequences(int seed, int spread)
        {
            var random = new Random(seed);
            var window = new DtlsReplayWindow();
            var model = new ReferenceWindow();
            ulong @base = 0;
            for (int i = 0; i < 200_000; i++)
            {
                @base += (ulong)random.Next(0, 2);
                long offset = random.Next(-spread, spread + 1);
                ulong s = (ulong)Math.Max(0, (long)@base + offset);
                bool expected = model.IsFresh(s);
                Assert.True(expected == window.IsFresh(s), $"step {i}: sequence {s}, model says fresh={expected}");
                // Only authenticated records are marked; model a 10% forgery rate that is not.
                if (expected && random.Next(10) != 0)
                {
                    window.Mark(s);
                    model.Mark(s);
                }
            }
        }

        [Fact]
        public void EdgesOfTheWindow()
        {
            var w = new DtlsReplayWindow();
            Assert.True(w.IsFresh(0));
            w.Mark(100);
            Assert.False(w.IsFresh(100));
            Assert.True(w.IsFresh(37));   // 100 - 63: still inside
            Assert.False(w.IsFresh(36));  // 100 - 64: left of the window
            w.Mark(37);
            Assert.False(w.IsFresh(37));
            w.Mark(100 + 64);             // slides by exactly the window size
            Assert.False(w.IsFresh(100)); // now left of the window
            Assert.True(w.IsFresh(101));
            w.Mark(RecordLimits.MaxDtlsSequence);
            Assert.False(w.IsFresh(RecordLimits.MaxDtlsSequence));
            Assert.True(w.IsFresh(RecordLimits.MaxDtlsSequence - 1));
            w.Reset();
            Assert.True(w.IsFresh(100));
        }
    }
}
