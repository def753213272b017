using System;

namespace OpenMvSsl.Record
{
    /// <summary>
    /// The 64-record sliding anti-replay window of RFC 6347 4.1.2.6. A record is checked with
    /// <see cref="IsFresh"/> before it is decrypted and marked with <see cref="Mark"/> only after
    /// it authenticated, so forged records cannot move the window.
    /// </summary>
    public sealed class DtlsReplayWindow
    {
        public const int Size = 64;

        private ulong highest;
        private ulong seen; // bit i set: highest - i was received
        private bool empty = true;

        /// <summary>False when the record was seen already or lies left of the window.</summary>
        public bool IsFresh(ulong sequence)
        {
            if (empty || sequence > highest) return true;
            ulong distance = highest - sequence;
            if (distance >= Size) return false;
            return (seen & (1UL << (int)distance)) == 0;
        }

        public void Mark(ulong sequence)
        {
            if (empty)
            {
                highest = sequence;
                seen = 1;
                empty = false;
            }
            else if (sequence > highest)
            {
                ulong shift = sequence - highest;
                seen = shift >= Size ? 1UL : (seen << (int)shift) | 1UL;
                highest = sequence;
            }
            else
            {
                ulong distance = highest - sequence;
                if (distance < Size) seen |= 1UL << (int)distance;
            }
        }

        /// <summary>Forgets everything (a new epoch starts with its own window).</summary>
        public void Reset()
        {
            highest = 0;
            seen = 0;
            empty = true;
        }
    }
}
