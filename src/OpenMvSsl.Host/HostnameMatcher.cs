using System;
using System.Net;
using System.Net.Sockets;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// RFC 6125 hostname check. DNS names compare case-insensitively with the dNSName entries;
    /// a wildcard is allowed only as the whole left-most label, matches exactly one label, and
    /// needs at least two labels after it. An IP address compares with the iPAddress entries
    /// and never with a wildcard. The subject CN counts only when there is no subjectAltName.
    /// </summary>
    internal static class HostnameMatcher
    {
        public static bool Matches(string hostname, PresentedIdentities identities)
        {
            if (string.IsNullOrEmpty(hostname)) return false;

            IPAddress address = ParseIpAddress(hostname);
            if (address != null)
            {
                if (identities.HasSubjectAltName)
                {
                    foreach (IPAddress presented in identities.IpAddresses)
                    {
                        if (presented.Equals(address)) return true;
                    }
                    return false;
                }
                // Old self-signed device certificates often carry their address only in the CN.
                IPAddress commonNameAddress = identities.CommonName != null ? ParseIpAddress(identities.CommonName) : null;
                return commonNameAddress != null && commonNameAddress.Equals(address);
            }

            string host = TrimFinalDot(hostname);
            if (!IsPlainDnsName(host)) return false;

            if (identities.HasSubjectAltName)
            {
                foreach (string name in identities.DnsNames)
                {
                    if (MatchesDnsName(host, name)) return true;
                }
                return false;
            }
            return identities.CommonName != null && MatchesDnsName(host, identities.CommonName);
        }

        /// <summary>One presented DNS name (maybe a wildcard) against a hostname without a final dot.</summary>
        public static bool MatchesDnsName(string host, string pattern)
        {
            if (pattern == null) return false;
            pattern = TrimFinalDot(pattern);
            if (pattern.Length == 0) return false;

            if (pattern.IndexOf('*') < 0)
            {
                return string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
            }

            // Only "*.rest" with at least two labels in rest: no "f*.example.com", no "*.com".
            if (!pattern.StartsWith("*.", StringComparison.Ordinal)) return false;
            string rest = pattern.Substring(2);
            if (rest.IndexOf('*') >= 0 || rest.IndexOf('.') <= 0 || !IsPlainDnsName(rest)) return false;

            int firstDot = host.IndexOf('.');
            if (firstDot <= 0) return false;
            return string.Equals(host.Substring(firstDot + 1), rest, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>
        /// An IPv4 address only in dotted-quad form (IPAddress.TryParse would also take "10" or
        /// "10.1"), or any IPv6 address; null for anything else.
        /// </summary>
        public static IPAddress ParseIpAddress(string text)
        {
            IPAddress address;
            if (text.IndexOf(':') >= 0)
            {
                string inner = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']'
                    ? text.Substring(1, text.Length - 2)
                    : text;
                if (IPAddress.TryParse(inner, out address) && address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    // A zone ("%eth0") is local routing information, not part of the identity.
                    return new IPAddress(address.GetAddressBytes());
                }
                return null;
            }

            string[] parts = text.Split('.');
            if (parts.Length != 4) return null;
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                string part = parts[i];
                if (part.Length == 0 || part.Length > 3) return null;
                int value = 0;
                foreach (char c in part)
                {
                    if (c < '0' || c > '9') return null;
                    value = value * 10 + (c - '0');
                }
                if (value > 255) return null;
                bytes[i] = (byte)value;
            }
            return new IPAddress(bytes);
        }

        private static string TrimFinalDot(string name)
        {
            return name.Length > 1 && name[name.Length - 1] == '.' ? name.Substring(0, name.Length - 1) : name;
        }

        // Non-empty labels and no wildcard characters.
        private static bool IsPlainDnsName(string name)
        {
            if (name.Length == 0 || name.IndexOf('*') >= 0) return false;
            return name[0] != '.' && name[name.Length - 1] != '.' && name.IndexOf("..", StringComparison.Ordinal) < 0;
        }
    }
}
