using System;

namespace OpenMvSsl
{
    /// <summary>UTF-8 and hex conversions without System.Text (which nanoFramework's mscorlib lacks).</summary>
    internal static class TextBytes
    {
        /// <summary>UTF-8 bytes of <paramref name="text"/>; unpaired surrogates become U+FFFD.</summary>
        public static byte[] Utf8(string text)
        {
            if (text == null) return null;
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int codePoint = CodePointAt(text, ref i);
                length += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            }
            byte[] bytes = new byte[length];
            int at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = CodePointAt(text, ref i);
                if (c < 0x80)
                {
                    bytes[at++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[at++] = (byte)(0xC0 | (c >> 6));
                    bytes[at++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c < 0x10000)
                {
                    bytes[at++] = (byte)(0xE0 | (c >> 12));
                    bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[at++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    bytes[at++] = (byte)(0xF0 | (c >> 18));
                    bytes[at++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    bytes[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[at++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return bytes;
        }

        // Reads the code point at index (advancing past a surrogate pair).
        private static int CodePointAt(string text, ref int index)
        {
            char c = text[index];
            if (c >= 0xD800 && c <= 0xDBFF && index + 1 < text.Length)
            {
                char low = text[index + 1];
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    index++;
                    return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                }
            }
            if (c >= 0xD800 && c <= 0xDFFF) return 0xFFFD;
            return c;
        }

        /// <summary>
        /// Parses hex digits (upper or lower case; spaces and colons between bytes are allowed).
        /// Throws InvalidArgument naming <paramref name="what"/> on anything else.
        /// </summary>
        public static byte[] ParseHex(string hex, string what)
        {
            if (hex == null) throw new SslException(SslError.InvalidArgument, what + " is missing");
            char[] digits = new char[hex.Length];
            int count = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                char c = hex[i];
                if (c == ' ' || c == ':' || c == '\t') continue;
                if (HexValue(c) < 0)
                    throw new SslException(SslError.InvalidArgument,
                        what + " must be hex digits; found '" + c + "' at position " + i);
                digits[count++] = c;
            }
            if (count == 0) throw new SslException(SslError.InvalidArgument, what + " is empty");
            if ((count & 1) != 0)
                throw new SslException(SslError.InvalidArgument, what + " has an odd number of hex digits (" + count + ")");
            byte[] bytes = new byte[count / 2];
            for (int i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)((HexValue(digits[2 * i]) << 4) | HexValue(digits[2 * i + 1]));
            return bytes;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>True when both arrays hold the same bytes (not constant time: for identities, not secrets).</summary>
        public static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null) return a == b;
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (a[i] != b[i]) return false;
            return true;
        }

        public static byte[] Copy(byte[] source)
        {
            if (source == null) return null;
            byte[] copy = new byte[source.Length];
            Array.Copy(source, copy, source.Length);
            return copy;
        }
    }
}
