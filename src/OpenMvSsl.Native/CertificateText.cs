using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// Reads a certificate's subject, issuer and presented names as text from the C library
    /// (omv_x509_describe) and formats them as the .NET provider does: distinguished names most
    /// specific first ("CN=leaf, O=Org"), names comma-separated with IP addresses in .NET's notation.
    /// </summary>
    internal static unsafe class CertificateText
    {
        private const int Subject = 0;
        private const int Issuer = 1;
        private const int PresentedNames = 2;

        public static string SubjectOf(byte[] der) { return DistinguishedName(Describe(der, Subject)); }

        public static string IssuerOf(byte[] der) { return DistinguishedName(Describe(der, Issuer)); }

        /// <summary>The names a hostname is matched against, one entry each (SAN DNS names, then IPs; else the CN).</summary>
        public static string[] PresentedNamesOf(byte[] der)
        {
            string text = Describe(der, PresentedNames);
            if (text.Length == 0) return new string[0];
            string[] names = text.Split('\n');
            for (int i = 0; i < names.Length; i++)
            {
                IPAddress address;
                if (names[i].IndexOf(':') >= 0 && IPAddress.TryParse(names[i], out address)) names[i] = address.ToString();
            }
            return names;
        }

        private static string Describe(byte[] der, int which)
        {
            byte[] buffer = new byte[1024];
            while (true)
            {
                int result;
                fixed (byte* d = der)
                fixed (byte* o = buffer)
                {
                    result = NativeMethods.omv_x509_describe(NonNull.Pointer(d), (nuint)der.Length, which, o, (nuint)buffer.Length);
                }
                if (result == NativeStatus.BufferTooSmall && buffer.Length < 1 << 20)
                {
                    buffer = new byte[buffer.Length * 4];
                    continue;
                }
                NativeStatus.Check(result, "Describing a certificate");
                return Encoding.UTF8.GetString(buffer, 0, result);
            }
        }

        // "NAME=value" lines in DER order (least specific first) -> "CN=..., O=..., C=..." like X500DistinguishedName.Name.
        private static string DistinguishedName(string lines)
        {
            if (lines.Length == 0) return "";
            string[] attributes = lines.Split('\n');
            StringBuilder text = new StringBuilder();
            for (int i = attributes.Length - 1; i >= 0; i--)
            {
                int equals = attributes[i].IndexOf('=');
                string name = equals < 0 ? attributes[i] : attributes[i].Substring(0, equals);
                string value = equals < 0 ? "" : attributes[i].Substring(equals + 1);
                if (text.Length > 0) text.Append(", ");
                text.Append(DotNetName(name)).Append('=').Append(Quote(value));
            }
            return text.ToString();
        }

        private static string DotNetName(string mbedTlsName)
        {
            switch (mbedTlsName)
            {
                case "ST": return "S";
                case "emailAddress": return "E";
                case "serialNumber": return "SERIALNUMBER";
                default:
                    // Unknown attributes come as dotted OIDs; .NET prints them as "OID.1.2.3".
                    if (mbedTlsName.Length > 0 && char.IsDigit(mbedTlsName[0])) return "OID." + mbedTlsName;
                    return mbedTlsName;
            }
        }

        private static string Quote(string value)
        {
            bool needsQuotes = value.Length > 0 && (value[0] == ' ' || value[value.Length - 1] == ' ' || value[0] == '#');
            foreach (char c in value)
            {
                if (c == ',' || c == '+' || c == '=' || c == '"' || c == '<' || c == '>' || c == ';' || c == '\\') needsQuotes = true;
            }
            return needsQuotes ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
        }

        public static DateTime ToUtc(long unixSeconds)
        {
            return DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(unixSeconds), DateTimeKind.Utc);
        }

        public static string Format(DateTime utc)
        {
            return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
    }
}
