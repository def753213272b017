using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>supported_groups (RFC 8446 4.2.7, RFC 8422 5.1.1): NamedGroup named_group_list&lt;2..2^16-1&gt;.</summary>
    public sealed class SupportedGroupsExtension : ExtensionBody
    {
        /// <summary>Offered groups in preference order; unknown code points are kept as numbers.</summary>
        public NamedGroup[] Groups;

        public SupportedGroupsExtension(NamedGroup[] groups)
        {
            Groups = groups;
        }

        public override ExtensionType Type { get { return ExtensionType.SupportedGroups; } }

        public bool Contains(NamedGroup group)
        {
            for (int i = 0; i < Groups.Length; i++)
                if (Groups[i] == group) return true;
            return false;
        }

        public static SupportedGroupsExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            ByteReader list = r.ReadBlock16("supported_groups list");
            r.EnsureEnd("supported_groups extension");
            if (list.Length == 0) throw WireError.Decode("supported_groups list is empty");
            if ((list.Length & 1) != 0) throw WireError.Decode("supported_groups list has an odd length " + list.Length);
            NamedGroup[] groups = new NamedGroup[list.Length / 2];
            for (int i = 0; i < groups.Length; i++) groups[i] = (NamedGroup)list.ReadUInt16("supported_groups entry");
            return new SupportedGroupsExtension(groups);
        }

        public override void Write(ByteWriter w)
        {
            if (Groups == null || Groups.Length == 0) throw WireError.Argument("supported_groups needs at least one group");
            int mark = w.BeginVector16();
            for (int i = 0; i < Groups.Length; i++) w.WriteUInt16((int)Groups[i]);
            w.EndVector16(mark);
        }
    }
}
