using System;

namespace OpenMvSsl.Crypto.Omv
{
    /// <summary>
    /// Strict IP literals as the .NET provider treats hostnames: four dotted decimals (IPv4, so
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

        /// <summary>
        /// An address (4 or 16 bytes) as .NET's IPAddress prints it: dotted decimal, or lowercase hex
        /// groups with the longest run of two or more zero groups as "::" (the first such run on a tie),
        /// and the last 32 bits in dotted form for IPv4-compatible, -mapped, SIIT and ISATAP addresses.
        /// </summary>
        public static string Format(byte[] address)
        {
            if (address.Length == 4) return Dotted(address, 0);
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) groups[i] = (address[i * 2] << 8) | address[i * 2 + 1];
            bool embedsV4 = EmbedsIpv4(groups);
            int hexGroups = embedsV4 ? 6 : 8;

            int runStart = -1, runLength = 0, current = 0;
            for (int i = 0; i < hexGroups; i++)
            {
                current = groups[i] == 0 ? current + 1 : 0;
                if (current > runLength)
                {
                    runLength = current;
                    runStart = i - current + 1;
                }
            }
            if (runLength < 2) runStart = -1;

            string text = "";
            for (int i = 0; i < hexGroups; i++)
            {
                if (i == runStart)
                {
                    text += "::";
                    i += runLength - 1;
                    continue;
                }
                if (text.Length > 0 && text[text.Length - 1] != ':') text += ":";
                text += Hex(groups[i]);
            }
            if (embedsV4)
            {
                if (text.Length > 0 && text[text.Length - 1] != ':') text += ":";
                text += Dotted(address, 12);
            }
            return text;
        }

        public static bool Same(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        // The forms .NET prints with a dotted tail: ::a.b.c.d (compatible, not ::0.0.x.x), ::ffff:a.b.c.d,
        // ::ffff:0:a.b.c.d (SIIT), and ISATAP (x:x:x:x:0:5efe:a.b.c.d).
        private static bool EmbedsIpv4(int[] groups)
        {
            if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[6] != 0)
            {
                if (groups[4] == 0 && (groups[5] == 0 || groups[5] == 0xFFFF)) return true;
                if (groups[4] == 0xFFFF && groups[5] == 0) return true;
            }
            return groups[4] == 0 && groups[5] == 0x5EFE;
        }

        private static string Dotted(byte[] address, int offset)
        {
            return address[offset] + "." + address[offset + 1] + "." + address[offset + 2] + "." + address[offset + 3];
        }

        private static string Hex(int value)
        {
            const string Digits = "0123456789abcdef";
            string text = "";
            do
            {
                text = Digits[value & 0xF] + text;
                value >>= 4;
            }
            while (value != 0);
            return text;
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
