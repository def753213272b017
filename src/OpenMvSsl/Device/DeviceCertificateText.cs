using System;

namespace OpenMvSsl.Device
{
    /// <summary>
    /// A certificate's subject, issuer, presented names and validity from the firmware
    /// (omv_x509_describe, omv_x509_validity), formatted like the other providers: names most
    /// specific first ("CN=leaf, O=Org"), times as "yyyy-MM-dd HH:mm:ss".
    /// </summary>
    internal static class DeviceCertificateText
    {
        private const int Subject = 0;
        private const int Issuer = 1;
        private const int PresentedNames = 2;
        private const long UnixEpochTicks = 621355968000000000L;
        private const long TicksPerSecond = 10000000L;

        public static string SubjectOf(byte[] der) { return DistinguishedName(Describe(der, Subject)); }

        public static string IssuerOf(byte[] der) { return DistinguishedName(Describe(der, Issuer)); }

        /// <summary>SAN DNS names then IP addresses, one entry each; the CN when there is no SAN.</summary>
        public static string[] PresentedNamesOf(byte[] der)
        {
            string text = Describe(der, PresentedNames);
            if (text.Length == 0) return new string[0];
            return text.Split('\n');
        }

        public static void Validity(byte[] der, out DateTime notBefore, out DateTime notAfter)
        {
            byte[] times = new byte[16];
            DeviceStatus.Check(NativeCrypto.X509Validity(der, 0, der.Length, times, 0), "Reading a validity period");
            notBefore = FromUnix(ReadInt64(times, 0));
            notAfter = FromUnix(ReadInt64(times, 8));
        }

        public static long ToUnix(DateTime utc)
        {
            long ticks = utc.Ticks - UnixEpochTicks;
            long seconds = ticks / TicksPerSecond;
            if (ticks < 0 && ticks % TicksPerSecond != 0) seconds--; // floor, as the other providers do
            return seconds;
        }

        public static DateTime FromUnix(long seconds)
        {
            long ticks = UnixEpochTicks + seconds * TicksPerSecond;
            if (ticks < 0) ticks = 0;
            if (ticks > DateTime.MaxValue.Ticks) ticks = DateTime.MaxValue.Ticks;
            return new DateTime(ticks);
        }

        public static string Format(DateTime utc)
        {
            return utc.Year + "-" + Two(utc.Month) + "-" + Two(utc.Day) + " " + Two(utc.Hour) + ":" + Two(utc.Minute) + ":" + Two(utc.Second);
        }

        private static string Two(int value)
        {
            return value < 10 ? "0" + value : value.ToString();
        }

        private static long ReadInt64(byte[] buffer, int offset)
        {
            long value = 0;
            for (int i = 0; i < 8; i++) value = (value << 8) | buffer[offset + i];
            return value;
        }

        private static string Describe(byte[] der, int which)
        {
            int size = 1024;
            while (true)
            {
                byte[] buffer = new byte[size];
                int result = NativeCrypto.X509Describe(der, 0, der.Length, which, buffer, 0, buffer.Length);
                if (result == DeviceStatus.BufferTooSmall && size < 65536)
                {
                    size *= 4;
                    continue;
                }
                DeviceStatus.Check(result, "Describing a certificate");
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
