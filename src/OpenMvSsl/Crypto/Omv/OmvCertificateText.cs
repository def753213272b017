using System;

namespace OpenMvSsl.Crypto.Omv
{
    /// <summary>
    /// A certificate's subject, issuer, presented names and validity read through the C library,
    /// formatted like the .NET provider: names most specific first ("CN=leaf, O=Org"), IPv6
    /// addresses in .NET's notation, times as "yyyy-MM-dd HH:mm:ss" UTC.
    /// </summary>
    internal static class OmvCertificateText
    {
        private const int Subject = 0;
        private const int Issuer = 1;
        private const int PresentedNames = 2;
        private const int LargestDescription = 65536;
        private const long UnixEpochTicks = 621355968000000000L;
        private const long TicksPerSecond = 10000000L;

        public static string SubjectOf(IOmvX509 x509, byte[] der) { return DistinguishedName(Describe(x509, der, Subject)); }

        public static string IssuerOf(IOmvX509 x509, byte[] der) { return DistinguishedName(Describe(x509, der, Issuer)); }

        /// <summary>SAN DNS names then IP addresses, one entry each; the CN when there is no SAN.</summary>
        public static string[] PresentedNamesOf(IOmvX509 x509, byte[] der)
        {
            string text = Describe(x509, der, PresentedNames);
            if (text.Length == 0) return new string[0];
            string[] names = text.Split('\n');
            for (int i = 0; i < names.Length; i++)
            {
                // The C library prints IPv6 SANs uncompressed; .NET compresses them.
                if (names[i].IndexOf(':') < 0) continue;
                byte[] address = IpLiteral.Parse(names[i]);
                if (address != null) names[i] = IpLiteral.Format(address);
            }
            return names;
        }

        public static void Validity(IOmvX509 x509, byte[] der, out DateTime notBefore, out DateTime notAfter)
        {
            long before, after;
            OmvStatus.Check(x509.Validity(der, out before, out after), "Reading a validity period");
            notBefore = FromUnix(before);
            notAfter = FromUnix(after);
        }

        public static long ToUnix(DateTime utc)
        {
            long ticks = utc.Ticks - UnixEpochTicks;
            long seconds = ticks / TicksPerSecond;
            if (ticks < 0 && ticks % TicksPerSecond != 0) seconds--; // floor, as the .NET provider does
            return seconds;
        }

        public static DateTime FromUnix(long seconds)
        {
            long ticks = UnixEpochTicks + seconds * TicksPerSecond;
            if (ticks < 0) ticks = 0;
            if (ticks > DateTime.MaxValue.Ticks) ticks = DateTime.MaxValue.Ticks;
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        public static string Format(DateTime utc)
        {
            return utc.Year + "-" + Two(utc.Month) + "-" + Two(utc.Day) + " " + Two(utc.Hour) + ":" + Two(utc.Minute) + ":" + Two(utc.Second);
        }

        private static string Two(int value)
        {
            return value < 10 ? "0" + value : value.ToString();
        }

        private static string Describe(IOmvX509 x509, byte[] der, int which)
        {
            int size = 1024;
            while (true)
            {
                byte[] buffer = new byte[size];
                int result = x509.Describe(der, which, buffer);
                if (result == OmvStatus.BufferTooSmall && size < LargestDescription)
                {
                    size *= 4;
                    continue;
                }
                OmvStatus.Check(result, "Describing a certificate");
                return Utf8Text.Decode(buffer, 0, result);
            }
        }

        // "NAME=value" lines in DER order (least specific first) -> "CN=..., O=..., C=...".
        private static string DistinguishedName(string lines)
        {
            if (lines.Length == 0) return "";
            string[] attributes = lines.Split('\n');
            string text = "";
            for (int i = attributes.Length - 1; i >= 0; i--)
            {
                int equals = attributes[i].IndexOf('=');
                string name = equals < 0 ? attributes[i] : attributes[i].Substring(0, equals);
                string value = equals < 0 ? "" : attributes[i].Substring(equals + 1);
                if (text.Length > 0) text += ", ";
                text += DotNetName(name) + "=" + Quote(value);
            }
            return text;
        }

        private static string DotNetName(string mbedTlsName)
        {
            if (mbedTlsName == "ST") return "S";
            if (mbedTlsName == "emailAddress") return "E";
            if (mbedTlsName == "serialNumber") return "SERIALNUMBER";
            // Unknown attributes come as dotted OIDs; .NET prints them as "OID.1.2.3".
            if (mbedTlsName.Length > 0 && mbedTlsName[0] >= '0' && mbedTlsName[0] <= '9') return "OID." + mbedTlsName;
            return mbedTlsName;
        }

        private static string Quote(string value)
        {
            bool needsQuotes = value.Length > 0 && (value[0] == ' ' || value[value.Length - 1] == ' ' || value[0] == '#');
            string doubled = "";
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == ',' || c == '+' || c == '=' || c == '"' || c == '<' || c == '>' || c == ';' || c == '\\') needsQuotes = true;
                doubled += c == '"' ? "\"\"" : c.ToString();
            }
            return needsQuotes ? "\"" + doubled + "\"" : value;
        }
    }
}
