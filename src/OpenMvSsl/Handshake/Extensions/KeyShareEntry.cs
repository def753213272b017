using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>KeyShareEntry (RFC 8446 4.2.8): NamedGroup group; opaque key_exchange&lt;1..2^16-1&gt;.</summary>
    public sealed class KeyShareEntry
    {
        public NamedGroup Group;

        /// <summary>The public value: 32 bytes for X25519, an uncompressed point (65 bytes) for secp256r1.</summary>
        public byte[] KeyExchange;

        public KeyShareEntry(NamedGroup group, byte[] keyExchange)
        {
            Group = group;
            KeyExchange = keyExchange;
        }

        public static KeyShareEntry Read(ByteReader r)
        {
            NamedGroup group = (NamedGroup)r.ReadUInt16("key_share group");
            byte[] key = r.ReadVector16("key_share key_exchange", 1, 0xFFFF);
            return new KeyShareEntry(group, key);
        }

        public void Write(ByteWriter w)
        {
            if (KeyExchange == null || KeyExchange.Length == 0) throw WireError.Argument("key_share key_exchange is empty");
            w.WriteUInt16((int)Group);
            w.WriteVector16(KeyExchange);
        }
    }
}
