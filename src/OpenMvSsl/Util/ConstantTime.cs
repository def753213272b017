using System;

namespace OpenMvSsl.Util
{
    /// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
    public static class ConstantTime
    {
        /// <summary>True when both spans have the same length and the same bytes.</summary>
        public static bool AreEqual(SpanByte a, SpanByte b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }
}
