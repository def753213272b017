using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// server_name (RFC 6066 3). The client sends a list with one host_name; the server answers
    /// with empty extension_data when it used the name (then <see cref="HostName"/> is null).
    /// </summary>
    public sealed class ServerNameExtension : ExtensionBody
    {
        private const int HostNameType = 0;

        /// <summary>The DNS host name (ASCII, no trailing dot), or null for the server's empty acknowledgement.</summary>
        public string HostName;

        public ServerNameExtension(string hostName)
        {
            HostName = hostName;
        }

        public override ExtensionType Type { get { return ExtensionType.ServerName; } }

        public static ServerNameExtension Parse(byte[] data)
        {
            if (data.Length == 0) return new ServerNameExtension(null);
            ByteReader r = new ByteReader(data);
            ByteReader list = r.ReadBlock16("server_name list");
            r.EnsureEnd("server_name extension");
            if (list.IsAtEnd) throw WireError.Decode("server_name list is empty");
            string host = null;
            while (!list.IsAtEnd)
            {
                int nameType = list.ReadUInt8("server_name name_type");
                byte[] name = list.ReadVector16("server_name name", 1, 0xFFFF);
                if (nameType != HostNameType) continue; // unknown name types are ignored (RFC 6066 3)
                if (host != null) throw WireError.Illegal("server_name contains more than one host_name");
                host = Ascii.Decode(name, "server_name host_name");
            }
            return new ServerNameExtension(host);
        }

        public override void Write(ByteWriter w)
        {
            if (HostName == null) return;
            if (HostName.Length == 0) throw WireError.Argument("server_name host name is empty");
            int list = w.BeginVector16();
            w.WriteUInt8(HostNameType);
            w.WriteVector16(Ascii.Encode(HostName, "server_name host name"));
            w.EndVector16(list);
        }
    }
}
