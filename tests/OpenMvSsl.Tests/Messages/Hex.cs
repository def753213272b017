using System;
using System.Text;

namespace OpenMvSsl.Tests.Messages
{
    /// <summary>Hex text (spaces and newlines allowed, as printed in RFCs) to bytes and back.</summary>
    internal static class Hex
    {
        public static byte[] Parse(string text)
        {
            StringBuilder clean = new StringBuilder(text.Length);
            foreach (char c in text)
                if (!char.IsWhiteSpace(c)) clean.Append(c);
            return Convert.FromHexString(clean.ToString());
        }

        public static string Of(byte[] bytes)
        {
            return Convert.ToHexString(bytes).ToLowerInvariant();
        }
    }
}
