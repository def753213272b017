using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// KeyUpdate (RFC 8446 4.6.3): KeyUpdateRequest request_update, 0 update_not_requested or
    /// 1 update_requested; any other value is illegal_parameter.
    /// </summary>
    public sealed class KeyUpdate : HandshakeMessage
    {
        public const int UpdateNotRequested = 0;
        public const int UpdateRequested = 1;

        /// <summary>Whether the sender asks the receiver to update its own sending keys too.</summary>
        public bool RequestUpdate;

        public KeyUpdate(bool requestUpdate)
        {
            RequestUpdate = requestUpdate;
        }

        public override HandshakeType Type { get { return HandshakeType.KeyUpdate; } }

        public static KeyUpdate Parse(ByteReader body)
        {
            int value = body.ReadUInt8("KeyUpdate request_update");
            body.EnsureEnd("KeyUpdate");
            if (value != UpdateNotRequested && value != UpdateRequested)
                throw WireError.Illegal("KeyUpdate request_update " + value + " is neither 0 nor 1");
            return new KeyUpdate(value == UpdateRequested);
        }

        public override void Write(ByteWriter w)
        {
            w.WriteUInt8(RequestUpdate ? UpdateRequested : UpdateNotRequested);
        }
    }
}
