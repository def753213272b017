using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>psk_key_exchange_modes (RFC 8446 4.2.9): PskKeyExchangeMode ke_modes&lt;1..255&gt;.</summary>
    public sealed class PskKeyExchangeModesExtension : ExtensionBody
    {
        /// <summary>PSK-only key establishment.</summary>
        public const byte PskKe = 0;

        /// <summary>PSK with (EC)DHE key establishment.</summary>
        public const byte PskDheKe = 1;

        public byte[] Modes;

        public PskKeyExchangeModesExtension(byte[] modes)
        {
            Modes = modes;
        }

        public override ExtensionType Type { get { return ExtensionType.PskKeyExchangeModes; } }

        public bool Contains(byte mode)
        {
            for (int i = 0; i < Modes.Length; i++)
                if (Modes[i] == mode) return true;
            return false;
        }

        public static PskKeyExchangeModesExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            byte[] modes = r.ReadVector8("psk_key_exchange_modes ke_modes", 1, 0xFF);
            r.EnsureEnd("psk_key_exchange_modes extension");
            return new PskKeyExchangeModesExtension(modes);
        }

        public override void Write(ByteWriter w)
        {
            if (Modes == null || Modes.Length == 0) throw WireError.Argument("psk_key_exchange_modes needs at least one mode");
            w.WriteVector8(Modes);
        }
    }
}
