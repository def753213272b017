using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// HelloVerifyRequest (RFC 6347 4.2.1): server_version, cookie&lt;0..2^8-1&gt;. DTLS 1.2 servers
    /// should send version 0xFEFF here whatever they will negotiate.
    /// </summary>
    public sealed class HelloVerifyRequest : HandshakeMessage
    {
        public int ServerVersion;

        public byte[] Cookie;

        public HelloVerifyRequest(int serverVersion, byte[] cookie)
        {
            ServerVersion = serverVersion;
            Cookie = cookie;
        }

        public override HandshakeType Type { get { return HandshakeType.HelloVerifyRequest; } }

        public static HelloVerifyRequest Parse(ByteReader body)
        {
            int version = body.ReadUInt16("HelloVerifyRequest server_version");
            byte[] cookie = body.ReadVector8("HelloVerifyRequest cookie");
            body.EnsureEnd("HelloVerifyRequest");
            return new HelloVerifyRequest(version, cookie);
        }

        public override void Write(ByteWriter w)
        {
            if (Cookie == null) throw WireError.Argument("HelloVerifyRequest cookie is null");
            w.WriteUInt16(ServerVersion);
            w.WriteVector8(Cookie);
        }
    }
}
