using System;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Text collected from a child process, appended by reader threads and read by the test.
    /// Bounded: past <see cref="Capacity"/> characters the oldest half is dropped, so a chatty
    /// peer cannot exhaust memory. Positions are absolute (characters ever appended), so a
    /// caller can remember <see cref="Length"/> and later wait only for output after that point.
    /// </summary>
    public sealed class CapturedOutput
    {
        private readonly object gate = new object();
        private readonly StringBuilder text = new StringBuilder();
        private long droppedCharacters;
        private bool completed;

        public CapturedOutput(int capacity)
        {
            if (capacity < 1024) throw new ArgumentOutOfRangeException(nameof(capacity));
            Capacity = capacity;
        }

        /// <summary>Most characters kept in memory.</summary>
        public int Capacity { get; }

        /// <summary>Characters appended so far, including any dropped ones.</summary>
        public long Length
        {
            get { lock (gate) return droppedCharacters + text.Length; }
        }

        /// <summary>True once every writer has reached end of stream.</summary>
        public bool IsCompleted
        {
            get { lock (gate) return completed; }
        }

        public void Append(string chunk)
        {
            if (string.IsNullOrEmpty(chunk)) return;
            lock (gate)
            {
                text.Append(chunk);
                if (text.Length > Capacity)
                {
                    int drop = text.Length - Capacity / 2;
                    text.Remove(0, drop);
                    droppedCharacters += drop;
                }
                Monitor.PulseAll(gate);
            }
        }

        /// <summary>No more text will come (the process closed its streams).</summary>
        public void Complete()
        {
            lock (gate)
            {
                completed = true;
                Monitor.PulseAll(gate);
            }
        }

        /// <summary>The kept text, prefixed with a marker when older text was dropped.</summary>
        public override string ToString()
        {
            lock (gate)
            {
                if (droppedCharacters == 0) return text.ToString();
                return "[... " + droppedCharacters + " earlier characters dropped ...]\n" + text;
            }
        }

        /// <summary>Kept text appended at or after absolute position <paramref name="since"/>.</summary>
        public string TextSince(long since)
        {
            lock (gate)
            {
                return text.ToString(StartIndex(since), text.Length - StartIndex(since));
            }
        }

        /// <summary>
        /// Waits until the text after <paramref name="since"/> matches, the stream completes
        /// without a match, or the timeout passes. Returns whether it matched.
        /// </summary>
        public bool WaitFor(Regex pattern, TimeSpan timeout, long since)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            DateTime deadline = DateTime.UtcNow + timeout;
            lock (gate)
            {
                long searchedUpTo = -1;
                while (true)
                {
                    // Re-run the match only when something arrived since the last attempt.
                    long total = droppedCharacters + text.Length;
                    if (total != searchedUpTo)
                    {
                        int start = StartIndex(since);
                        if (pattern.IsMatch(text.ToString(start, text.Length - start))) return true;
                        searchedUpTo = total;
                    }
                    if (completed) return false;
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return false;
                    Monitor.Wait(gate, left);
                }
            }
        }

        /// <summary>Waits for a literal substring (ordinal comparison).</summary>
        public bool WaitFor(string literal, TimeSpan timeout, long since)
        {
            if (literal == null) throw new ArgumentNullException(nameof(literal));
            return WaitFor(new Regex(Regex.Escape(literal), RegexOptions.CultureInvariant), timeout, since);
        }

        private int StartIndex(long since)
        {
            long relative = since - droppedCharacters;
            if (relative <= 0) return 0;
            return relative >= text.Length ? text.Length : (int)relative;
        }
    }
}
