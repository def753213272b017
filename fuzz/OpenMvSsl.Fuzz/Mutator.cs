using System;
using System.Collections.Generic;

namespace OpenMvSsl.Fuzz
{
    /// <summary>A small AFL-style byte mutator driven by a seeded RNG (so a run can be repeated).</summary>
    public sealed class Mutator
    {
        private static readonly int[] Interesting = { 0, 1, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x4000, 0x7fff, 0x8000, 0xffff, 0x10000 };
        private readonly Random random;
        private readonly List<byte[]> corpus;

        public Mutator(int seed, List<byte[]> corpus)
        {
            random = new Random(seed);
            this.corpus = corpus;
        }

        public byte[] Next()
        {
            var data = new List<byte>(corpus[random.Next(corpus.Count)]);
            int rounds = 1 + random.Next(random.Next(8) == 0 ? 16 : 4);
            for (int i = 0; i < rounds; i++) MutateOnce(data);
            if (data.Count > 65536) data.RemoveRange(65536, data.Count - 65536);
            return data.ToArray();
        }

        private void MutateOnce(List<byte> data)
        {
            int at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(10))
            {
                case 0: // flip a bit
                    if (data.Count > 0) data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // random byte
                    if (data.Count > 0) data[at] = (byte)random.Next(256);
                    break;
                case 2: // interesting 8/16/24-bit value, as length fields are
                {
                    int value = Interesting[random.Next(Interesting.Length)] + random.Next(3) - 1;
                    int width = 1 + random.Next(3);
                    for (int b = 0; b < width && at + b < data.Count; b++)
                        data[at + b] = (byte)(value >> (8 * (width - 1 - b)));
                    break;
                }
                case 3: // small arithmetic
                    if (data.Count > 0) data[at] = (byte)(data[at] + random.Next(-16, 17));
                    break;
                case 4: // delete a run
                    if (data.Count > 0) data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                    break;
                case 5: // insert random bytes
                {
                    int n = 1 + random.Next(16);
                    for (int b = 0; b < n; b++) data.Insert(at, (byte)random.Next(256));
                    break;
                }
                case 6: // duplicate a run
                    if (data.Count > 0)
                    {
                        int n = Math.Min(data.Count - at, 1 + random.Next(64));
                        data.InsertRange(at, data.GetRange(at, n));
                    }
                    break;
                case 7: // splice in a piece of another entry
                {
                    byte[] other = corpus[random.Next(corpus.Count)];
                    if (other.Length == 0) break;
                    int from = random.Next(other.Length);
                    int n = Math.Min(other.Length - from, 1 + random.Next(128));
                    data.InsertRange(at, new ArraySegment<byte>(other, from, n));
                    break;
                }
                case 8: // truncate
                    if (data.Count > 1) data.RemoveRange(at, data.Count - at);
                    break;
                default: // copy a byte range over another place
                    if (data.Count > 2)
                    {
                        int from = random.Next(data.Count);
                        int n = Math.Min(Math.Min(data.Count - from, data.Count - at), 1 + random.Next(8));
                        byte[] piece = data.GetRange(from, n).ToArray();
                        for (int b = 0; b < n; b++) data[at + b] = piece[b];
                    }
                    break;
            }
        }
    }
}
