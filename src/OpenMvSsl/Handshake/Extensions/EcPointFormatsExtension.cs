using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>ec_point_formats (RFC 8422 5.1.2): ECPointFormat ec_point_format_list&lt;1..2^8-1&gt;.</summary>
    public sealed class EcPointFormatsExtension : ExtensionBody
    {
        public const byte Uncompressed = 0;

        public byte[] Formats;

        public EcPointFormatsExtension(byte[] formats)
        {
            Formats = formats;
        }

        /// <summary>The only form anyone should send: uncompressed points.</summary>
        public static EcPointFormatsExtension UncompressedOnly()
        {
            return new EcPointFormatsExtension(new byte[] { Uncompressed });
        }

        public override ExtensionType Type { get { return ExtensionType.EcPointFormats; } }

        /// <summary>RFC 8422 5.1.2: a list without uncompressed is illegal_parameter; the engine decides when to check.</summary>
        public bool ContainsUncompressed
        {
            get
            {
                for (int i = 0; i < Formats.Length; i++)
                    if (Formats[i] == Uncompressed) return true;
                return false;
            }
        }

        public static EcPointFormatsExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            byte[] formats = r.ReadVector8("ec_point_formats list", 1, 0xFF);
            r.EnsureEnd("ec_point_formats extension");
            return new EcPointFormatsExtension(formats);
        }

        public override void Write(ByteWriter w)
        {
            if (Formats == null || Formats.Length == 0) throw WireError.Argument("ec_point_formats needs at least one format");
            w.WriteVector8(Formats);
        }
    }
}
