using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>PskIdentity (RFC 8446 4.2.11): opaque identity&lt;1..2^16-1&gt;; uint32 obfuscated_ticket_age.</summary>
    public sealed class PskIdentity
    {
        public byte[] Identity;

        /// <summary>Ticket age plus ticket_age_add for resumption; 0 for external PSKs.</summary>
        public uint ObfuscatedTicketAge;

        public PskIdentity(byte[] identity, uint obfuscatedTicketAge)
        {
            Identity = identity;
            ObfuscatedTicketAge = obfuscatedTicketAge;
        }

        public static PskIdentity Read(ByteReader r)
        {
            byte[] identity = r.ReadVector16("pre_shared_key identity", 1, 0xFFFF);
            uint age = r.ReadUInt32("pre_shared_key obfuscated_ticket_age");
            return new PskIdentity(identity, age);
        }

        public void Write(ByteWriter w)
        {
            if (Identity == null || Identity.Length == 0) throw WireError.Argument("PSK identity is empty");
            w.WriteVector16(Identity);
            w.WriteUInt32(ObfuscatedTicketAge);
        }
    }
}
