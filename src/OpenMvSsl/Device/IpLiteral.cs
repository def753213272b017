using System;

namespace OpenMvSsl.Device
{
    /// <summary>
    /// Strict IP literals as the other providers treat hostnames: four dotted decimals (IPv4, so
    /// "127.1" stays a DNS name) or hex groups with ':' and at most one "::" (IPv6). nanoFramework's
    /// IPAddress lives outside mscorlib, hence this small parser.
    /// </summary>
    internal static class IpLiteral
    {
        /// <summary>The address bytes (4 or 16), or null when <paramref name="text"/> is not an IP literal.</summary>
        public static byte[] Parse(string text)
        {
            if (text == null || text.Length == 0) return null;
            return text.IndexOf(':') >= 0 ? ParseV6(text) : ParseV4(text);
        }

        public static bool Same(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        private static byte[] ParseV4(string text)
        {
            string[] parts = text.Split('.');
            if (parts.Length != 4) return null;
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                string part = parts[i];
                if (part.Length == 0 || part.Length > 3) return null;
                int value = 0;
                for (int j = 0; j < part.Length; j++)
                {
                    char c = part[j];
                    if (c < '0' || c > '9') return null;
                    value = value * 10 + (c - '0');
                }
                if (value > 255) return null;
                address[i] = (byte)value;
            }
            return address;
        }

        private static byte[] ParseV6(string text)
        {
            int gap = text.IndexOf("::");
            if (gap >= 0 && text.IndexOf("::", gap + 1) >= 0) return null;
            int[] head = gap >= 0 ? Groups(text.Substring(0, gap)) : Groups(text);
            int[] tail = gap >= 0 ? Groups(text.Substring(gap + 2)) : new int[0];
            if (head == null || tail == null) return null;
            int total = head.Length + tail.Length;
            if (gap < 0 ? total != 8 : total > 7) return null;
            byte[] address = new byte[16];
            for (int i = 0; i < head.Length; i++) Put(address, i, head[i]);
            for (int i = 0; i < tail.Length; i++) Put(address, 8 - tail.Length + i, tail[i]);
            return address;
        }

        private static void Put(byte[] address, int group, int value)
        {
            address[group * 2] = (byte)(value >> 8);
            address[group * 2 + 1] = (byte)value;
        }

        // "a:b:c" -> {a, b, c}; "" -> {}; null when a group is empty or not 1-4 hex digits.
        private static int[] Groups(string text)
        {
            if (text.Length == 0) return new int[0];
            string[] parts = text.Split(':');
            int[] values = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i];
                if (part.Length == 0 || part.Length > 4) return null;
                int value = 0;
                for (int j = 0; j < part.Length; j++)
                {
                    int digit = HexDigit(part[j]);
                    if (digit < 0) return null;
                    value = value * 16 + digit;
                }
                values[i] = value;
            }
            return values;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
