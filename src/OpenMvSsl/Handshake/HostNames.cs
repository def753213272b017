using System;

namespace OpenMvSsl.Handshake
{
    internal static class HostNames
    {
        /// <summary>True for an IPv4 dotted quad or anything with a colon (IPv6): SNI never carries addresses (RFC 6066 3).</summary>
        internal static bool IsIpAddress(string name)
        {
            if (name.IndexOf(':') >= 0) return true;
            int dots = 0;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '.') dots++;
                else if (c < '0' || c > '9') return false;
            }
            return dots == 3;
        }
    }
}
