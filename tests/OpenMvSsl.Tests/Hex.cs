using System;
using System.Text.RegularExpressions;

namespace OpenMvSsl.Tests
{
    /// <summary>Hex as RFCs print it: spaces, line breaks and colons are ignored.</summary>
    internal static class Hex
    {
        public static byte[] Decode(string text) => Convert.FromHexString(Regex.Replace(text, "[\\s:]", ""));

        public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
