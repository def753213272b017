using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>cookie (RFC 8446 4.2.2): opaque cookie&lt;1..2^16-1&gt;, echoed by the client after a HelloRetryRequest.</summary>
    public sealed class CookieExtension : ExtensionBody
    {
        public byte[] Cookie;

        public CookieExtension(byte[] cookie)
        {
            Cookie = cookie;
        }

        public override ExtensionType Type { get { return ExtensionType.Cookie; } }

        public static CookieExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            byte[] cookie = r.ReadVector16("cookie", 1, 0xFFFF);
            r.EnsureEnd("cookie extension");
            return new CookieExtension(cookie);
        }

        public override void Write(ByteWriter w)
        {
            if (Cookie == null || Cookie.Length == 0) throw WireError.Argument("cookie is empty");
            w.WriteVector16(Cookie);
        }
    }
}
