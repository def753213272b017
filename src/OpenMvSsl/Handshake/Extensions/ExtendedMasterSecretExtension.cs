using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>extended_master_secret (RFC 7627 5.1): present or absent, with empty extension_data.</summary>
    public sealed class ExtendedMasterSecretExtension : ExtensionBody
    {
        public override ExtensionType Type { get { return ExtensionType.ExtendedMasterSecret; } }

        public static ExtendedMasterSecretExtension Parse(byte[] data)
        {
            if (data.Length != 0)
                throw WireError.Decode("extended_master_secret extension must be empty, has " + data.Length + " bytes");
            return new ExtendedMasterSecretExtension();
        }

        public override void Write(ByteWriter w)
        {
        }
    }
}
