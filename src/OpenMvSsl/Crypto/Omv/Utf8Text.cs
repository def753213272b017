using System;

namespace OpenMvSsl.Crypto.Omv
{
    /// <summary>UTF-8 bytes to a string without System.Text.Encoding (not in nanoFramework's mscorlib).</summary>
    internal static class Utf8Text
    {
        /// <summary>Decodes 1- to 3-byte sequences; anything else (4-byte, malformed) becomes '?'.</summary>
        public static string Decode(byte[] bytes, int offset, int length)
        {
            char[] chars = new char[length];
            int count = 0;
            int end = offset + length;
            int i = offset;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[count++] = (char)b;
                    i++;
                }
                else if ((b & 0xE0) == 0xC0 && i + 1 < end && IsContinuation(bytes[i + 1]))
                {
                    chars[count++] = (char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
                    i += 2;
                }
                else if ((b & 0xF0) == 0xE0 && i + 2 < end && IsContinuation(bytes[i + 1]) && IsContinuation(bytes[i + 2]))
                {
                    chars[count++] = (char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
                    i += 3;
                }
                else
                {
                    chars[count++] = '?';
                    i++;
                    while (i < end && IsContinuation(bytes[i])) i++;
                }
            }
            return new string(chars, 0, count);
        }

        private static bool IsContinuation(byte b)
        {
            return (b & 0xC0) == 0x80;
        }
    }
}
