using System.Text;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Collapses a run of identical output lines to a few copies and one counting note. Needed
    /// because gnutls-serv 3.7 in --udp mode, after a handshake that fails midway, loops printing
    /// "Waiting for connection..." about half a million times a second: without this the capped
    /// buffer would drop the error line a test wants to assert on within a fraction of a second.
    /// Text that cannot be the start of a repeat is passed on at once, so prompts and data
    /// without a trailing newline are not delayed.
    /// </summary>
    public sealed class RepeatedLineFilter
    {
        /// <summary>Identical consecutive lines passed on before the rest are only counted.</summary>
        public const int KeptRepeats = 3;

        private readonly StringBuilder line = new StringBuilder();
        private int emittedOfLine;
        private string lastLine = "";
        private int repeats;
        private long suppressed;

        /// <summary>Feeds a chunk of output; returns the text to keep (possibly empty).</summary>
        public string Process(string chunk)
        {
            var output = new StringBuilder();
            foreach (char c in chunk)
            {
                line.Append(c);
                if (c != '\n') continue;
                string complete = line.ToString();
                if (complete == lastLine)
                {
                    repeats++;
                }
                else
                {
                    lastLine = complete;
                    repeats = 1;
                }
                if (repeats > KeptRepeats && emittedOfLine == 0)
                {
                    suppressed++;
                }
                else
                {
                    Emit(output, complete.Substring(emittedOfLine), repeats == 1);
                }
                line.Clear();
                emittedOfLine = 0;
            }
            // Hold back an unfinished line only while it could still turn into a repeat.
            if (line.Length > emittedOfLine)
            {
                string partial = line.ToString();
                if (emittedOfLine > 0 || !lastLine.StartsWith(partial, System.StringComparison.Ordinal))
                {
                    Emit(output, partial.Substring(emittedOfLine), true);
                    emittedOfLine = partial.Length;
                }
            }
            return output.ToString();
        }

        /// <summary>End of stream: returns whatever was held back and the last count.</summary>
        public string Flush()
        {
            var output = new StringBuilder();
            if (line.Length > emittedOfLine) Emit(output, line.ToString().Substring(emittedOfLine), true);
            line.Clear();
            emittedOfLine = 0;
            AppendNote(output);
            return output.ToString();
        }

        private void Emit(StringBuilder output, string text, bool differsFromRun)
        {
            if (differsFromRun) AppendNote(output);
            output.Append(text);
        }

        private void AppendNote(StringBuilder output)
        {
            if (suppressed == 0) return;
            output.Append("[harness: previous line repeated ").Append(suppressed).Append(" more times]\n");
            suppressed = 0;
        }
    }
}
