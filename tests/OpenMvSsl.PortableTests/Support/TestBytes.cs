using System;

namespace OpenMvSsl.PortableTests
{
    /// <summary>Small byte helpers that work without System.Text (not in nanoFramework's mscorlib).</summary>
    public static class TestBytes
    {
        /// <summary>Decodes hex, ignoring spaces and line breaks (RFC vectors are pasted as printed).</summary>
        public static byte[] FromHex(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
                if (Nibble(hex[i]) >= 0) digits++;
            byte[] result = new byte[digits / 2];
            int count = 0;
            int high = -1;
            for (int i = 0; i < hex.Length; i++)
            {
                int value = Nibble(hex[i]);
                if (value < 0) continue;
                if (high < 0)
                {
                    high = value;
                }
                else
                {
                    result[count++] = (byte)((high << 4) | value);
                    high = -1;
                }
            }
            return result;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>ASCII text as bytes (the tests only use ASCII).</summary>
        public static byte[] Ascii(string text)
        {
            byte[] result = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) result[i] = (byte)text[i];
            return result;
        }

        /// <summary>ASCII bytes as text.</summary>
        public static string Text(byte[] data, int offset, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = (char)data[offset + i];
            return new string(chars);
        }

        /// <summary>A deterministic, non-repeating-looking pattern for payloads and keys.</summary>
        public static byte[] Pattern(int length, int seed)
        {
            byte[] result = new byte[length];
            for (int i = 0; i < length; i++) result[i] = (byte)(seed + i * 7 + (i >> 8));
            return result;
        }

        public static byte[] Slice(byte[] data, int offset, int length)
        {
            byte[] result = new byte[length];
            Array.Copy(data, offset, result, 0, length);
            return result;
        }

        public static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] result = new byte[a.Length + b.Length];
            Array.Copy(a, 0, result, 0, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
        }

        public static byte[] Copy(byte[] data)
        {
            return Slice(data, 0, data.Length);
        }
    }
}
