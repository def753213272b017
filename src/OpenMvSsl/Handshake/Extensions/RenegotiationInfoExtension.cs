using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// renegotiation_info (RFC 5746 3.2): opaque renegotiated_connection&lt;0..255&gt;. This library
    /// never renegotiates, so it always sends the empty form and only checks received ones.
    /// </summary>
    public sealed class RenegotiationInfoExtension : ExtensionBody
    {
        /// <summary>Empty on an initial handshake; the previous verify_data when renegotiating.</summary>
        public byte[] RenegotiatedConnection;

        public RenegotiationInfoExtension(byte[] renegotiatedConnection)
        {
            RenegotiatedConnection = renegotiatedConnection;
        }

        public static RenegotiationInfoExtension Empty()
        {
            return new RenegotiationInfoExtension(new byte[0]);
        }

        public override ExtensionType Type { get { return ExtensionType.RenegotiationInfo; } }

        public bool IsEmpty { get { return RenegotiatedConnection.Length == 0; } }

        public static RenegotiationInfoExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            byte[] value = r.ReadVector8("renegotiation_info renegotiated_connection");
            r.EnsureEnd("renegotiation_info extension");
            return new RenegotiationInfoExtension(value);
        }

        public override void Write(ByteWriter w)
        {
            if (RenegotiatedConnection == null) throw WireError.Argument("renegotiated_connection is null");
            w.WriteVector8(RenegotiatedConnection);
        }
    }
}
