using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>ServerHelloDone (RFC 5246 7.4.5): an empty body that ends the TLS 1.2 server flight.</summary>
    public sealed class ServerHelloDone : HandshakeMessage
    {
        public override HandshakeType Type { get { return HandshakeType.ServerHelloDone; } }

        public static ServerHelloDone Parse(ByteReader body)
        {
            body.EnsureEnd("ServerHelloDone");
            return new ServerHelloDone();
        }

        public override void Write(ByteWriter w)
        {
        }
    }
}
