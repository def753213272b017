using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// application_layer_protocol_negotiation (RFC 7301 3.1):
    /// ProtocolName protocol_name_list&lt;2..2^16-1&gt;, each ProtocolName&lt;1..2^8-1&gt;.
    /// The client offers a list; the server's answer holds exactly one name.
    /// </summary>
    public sealed class AlpnExtension : ExtensionBody
    {
        /// <summary>Protocol names as bytes (they are opaque on the wire; usually ASCII like "h2").</summary>
        public byte[][] Protocols;

        public AlpnExtension(byte[][] protocols)
        {
            Protocols = protocols;
        }

        /// <summary>Builds the extension from ASCII protocol names such as "http/1.1".</summary>
        public static AlpnExtension FromNames(string[] names)
        {
            if (names == null) throw WireError.Argument("ALPN protocol names are null");
            byte[][] protocols = new byte[names.Length][];
            for (int i = 0; i < names.Length; i++) protocols[i] = Ascii.Encode(names[i], "ALPN protocol name");
            return new AlpnExtension(protocols);
        }

        public override ExtensionType Type { get { return ExtensionType.ApplicationLayerProtocolNegotiation; } }

        /// <summary>Protocol <paramref name="index"/> as text (printable ASCII only, else illegal_parameter).</summary>
        public string NameAt(int index)
        {
            if (index < 0 || index >= Protocols.Length) throw WireError.Argument("ALPN index " + index + " is out of range");
            return Ascii.Decode(Protocols[index], "ALPN protocol name");
        }

        /// <summary>Parses the client's list (at least one name).</summary>
        public static AlpnExtension ParseClient(byte[] data)
        {
            return new AlpnExtension(ParseList(data));
        }

        /// <summary>Parses the server's answer, which must name exactly one protocol.</summary>
        public static AlpnExtension ParseServer(byte[] data)
        {
            byte[][] protocols = ParseList(data);
            if (protocols.Length != 1)
                throw WireError.Decode("ALPN answer from the server names " + protocols.Length + " protocols instead of one");
            return new AlpnExtension(protocols);
        }

        public override void Write(ByteWriter w)
        {
            if (Protocols == null || Protocols.Length == 0) throw WireError.Argument("ALPN needs at least one protocol");
            int mark = w.BeginVector16();
            for (int i = 0; i < Protocols.Length; i++)
            {
                if (Protocols[i] == null || Protocols[i].Length == 0 || Protocols[i].Length > 0xFF)
                    throw WireError.Argument("ALPN protocol names must be 1..255 bytes");
                w.WriteVector8(Protocols[i]);
            }
            w.EndVector16(mark);
        }

        private static byte[][] ParseList(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            ByteReader list = r.ReadBlock16("ALPN protocol_name_list");
            r.EnsureEnd("ALPN extension");
            if (list.IsAtEnd) throw WireError.Decode("ALPN protocol_name_list is empty");
            // Each name takes at least two bytes, which bounds the count before allocating.
            byte[][] names = new byte[list.Length / 2][];
            int count = 0;
            while (!list.IsAtEnd) names[count++] = list.ReadVector8("ALPN protocol name", 1, 0xFF);
            byte[][] result = new byte[count][];
            Array.Copy(names, result, count);
            return result;
        }
    }
}
