using System;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>EncryptedExtensions (RFC 8446 4.3.1): Extension extensions&lt;0..2^16-1&gt;.</summary>
    public sealed class EncryptedExtensions : HandshakeMessage
    {
        public ExtensionList Extensions;

        public EncryptedExtensions(ExtensionList extensions)
        {
            Extensions = extensions == null ? new ExtensionList() : extensions;
        }

        public override HandshakeType Type { get { return HandshakeType.EncryptedExtensions; } }

        public static EncryptedExtensions Parse(ByteReader body)
        {
            ExtensionList extensions = ExtensionList.Parse(body, "EncryptedExtensions extensions");
            body.EnsureEnd("EncryptedExtensions");
            return new EncryptedExtensions(extensions);
        }

        public override void Write(ByteWriter w)
        {
            Extensions.Write(w);
        }
    }
}
