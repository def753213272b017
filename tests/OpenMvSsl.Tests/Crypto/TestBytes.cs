using System;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>Hex and small byte helpers for the crypto tests.</summary>
    internal static class TestBytes
    {
        /// <summary>Parses hex, ignoring spaces and line breaks.</summary>
        public static byte[] Hex(string text)
        {
            return Convert.FromHexString(text.Replace(" ", "").Replace("\n", "").Replace("\r", ""));
        }

        public static string ToHex(ReadOnlySpan<byte> bytes)
        {
            return Convert.ToHexStringLower(bytes);
        }

        public static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            a.CopyTo(result, 0);
            b.CopyTo(result, a.Length);
            return result;
        }

        /// <summary>0, 1, 2, ... as bytes, wrapping at 256.</summary>
        public static byte[] Counting(int length, int start)
        {
            byte[] result = new byte[length];
            for (int i = 0; i < length; i++) result[i] = (byte)(start + i);
            return result;
        }
    }
}
