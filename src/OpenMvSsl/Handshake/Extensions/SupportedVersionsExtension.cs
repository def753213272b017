using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// supported_versions (RFC 8446 4.2.1). ClientHello: ProtocolVersion versions&lt;2..254&gt;.
    /// ServerHello and HelloRetryRequest: a single selected_version.
    /// </summary>
    public sealed class SupportedVersionsExtension : ExtensionBody
    {
        /// <summary>Client form: offered versions in preference order (null in the server form).</summary>
        public int[] Versions;

        /// <summary>Server form: the chosen version (0 in the client form).</summary>
        public int SelectedVersion;

        private SupportedVersionsExtension()
        {
        }

        public static SupportedVersionsExtension ForClient(int[] versions)
        {
            SupportedVersionsExtension e = new SupportedVersionsExtension();
            e.Versions = versions;
            return e;
        }

        public static SupportedVersionsExtension ForServer(int selectedVersion)
        {
            SupportedVersionsExtension e = new SupportedVersionsExtension();
            e.SelectedVersion = selectedVersion;
            return e;
        }

        public bool IsServerForm { get { return Versions == null; } }

        public override ExtensionType Type { get { return ExtensionType.SupportedVersions; } }

        public bool Offers(int version)
        {
            if (Versions == null) return SelectedVersion == version;
            for (int i = 0; i < Versions.Length; i++)
                if (Versions[i] == version) return true;
            return false;
        }

        public static SupportedVersionsExtension ParseClient(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            ByteReader list = r.ReadBlock8("supported_versions list");
            r.EnsureEnd("supported_versions extension");
            if (list.Length < 2) throw WireError.Decode("supported_versions list is empty");
            if ((list.Length & 1) != 0) throw WireError.Decode("supported_versions list has an odd length " + list.Length);
            int[] versions = new int[list.Length / 2];
            for (int i = 0; i < versions.Length; i++) versions[i] = list.ReadUInt16("supported_versions entry");
            return ForClient(versions);
        }

        public static SupportedVersionsExtension ParseServer(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            int version = r.ReadUInt16("supported_versions selected_version");
            r.EnsureEnd("supported_versions extension");
            return ForServer(version);
        }

        public override void Write(ByteWriter w)
        {
            if (Versions == null)
            {
                w.WriteUInt16(SelectedVersion);
                return;
            }
            if (Versions.Length == 0 || Versions.Length > 127) throw WireError.Argument("supported_versions needs 1..127 versions");
            int mark = w.BeginVector8();
            for (int i = 0; i < Versions.Length; i++) w.WriteUInt16(Versions[i]);
            w.EndVector8(mark);
        }
    }
}
