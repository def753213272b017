using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// pre_shared_key (RFC 8446 4.2.11). ClientHello: PskIdentity identities&lt;7..2^16-1&gt; then
    /// PskBinderEntry binders&lt;33..2^16-1&gt; (each &lt;32..255&gt;), one binder per identity; it must be
    /// the last extension. ServerHello: uint16 selected_identity.
    /// The binders are computed over the ClientHello up to (not including) the binders list, so
    /// <see cref="BindersLength"/> tells a writer how many trailing bytes to leave out.
    /// </summary>
    public sealed class PreSharedKeyExtension : ExtensionBody
    {
        /// <summary>Client form: the offered identities (null in the server form).</summary>
        public PskIdentity[] Identities;

        /// <summary>Client form: one HMAC binder per identity, in the same order.</summary>
        public byte[][] Binders;

        /// <summary>Server form: index of the identity the server accepted.</summary>
        public int SelectedIdentity;

        private PreSharedKeyExtension()
        {
        }

        public static PreSharedKeyExtension ForClient(PskIdentity[] identities, byte[][] binders)
        {
            PreSharedKeyExtension e = new PreSharedKeyExtension();
            e.Identities = identities;
            e.Binders = binders;
            return e;
        }

        public static PreSharedKeyExtension ForServer(int selectedIdentity)
        {
            PreSharedKeyExtension e = new PreSharedKeyExtension();
            e.SelectedIdentity = selectedIdentity;
            return e;
        }

        public bool IsServerForm { get { return Identities == null; } }

        public override ExtensionType Type { get { return ExtensionType.PreSharedKey; } }

        /// <summary>Encoded size of the binders list including its 2-byte length (client form).</summary>
        public int BindersLength
        {
            get
            {
                int length = 2;
                for (int i = 0; i < Binders.Length; i++) length += 1 + Binders[i].Length;
                return length;
            }
        }

        public static PreSharedKeyExtension ParseClient(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            ByteReader identityList = r.ReadBlock16("pre_shared_key identities");
            ByteReader binderList = r.ReadBlock16("pre_shared_key binders");
            r.EnsureEnd("pre_shared_key extension");
            if (identityList.IsAtEnd) throw WireError.Decode("pre_shared_key identities list is empty");
            if (binderList.IsAtEnd) throw WireError.Decode("pre_shared_key binders list is empty");

            // An identity takes at least 7 bytes and a binder at least 33, which bounds the counts.
            PskIdentity[] identities = new PskIdentity[identityList.Length / 7];
            int identityCount = 0;
            while (!identityList.IsAtEnd) identities[identityCount++] = PskIdentity.Read(identityList);

            byte[][] binders = new byte[binderList.Length / 33][];
            int binderCount = 0;
            while (!binderList.IsAtEnd) binders[binderCount++] = binderList.ReadVector8("pre_shared_key binder", 32, 0xFF);

            if (identityCount != binderCount)
                throw WireError.Illegal("pre_shared_key has " + identityCount + " identities but " + binderCount + " binders");

            PskIdentity[] ids = new PskIdentity[identityCount];
            Array.Copy(identities, ids, identityCount);
            byte[][] bs = new byte[binderCount][];
            Array.Copy(binders, bs, binderCount);
            return ForClient(ids, bs);
        }

        public static PreSharedKeyExtension ParseServer(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            int selected = r.ReadUInt16("pre_shared_key selected_identity");
            r.EnsureEnd("pre_shared_key extension");
            return ForServer(selected);
        }

        public override void Write(ByteWriter w)
        {
            if (Identities == null)
            {
                w.WriteUInt16(SelectedIdentity);
                return;
            }
            if (Identities.Length == 0 || Binders == null || Binders.Length != Identities.Length)
                throw WireError.Argument("pre_shared_key needs one binder per identity and at least one identity");
            int ids = w.BeginVector16();
            for (int i = 0; i < Identities.Length; i++) Identities[i].Write(w);
            w.EndVector16(ids);
            int binders = w.BeginVector16();
            for (int i = 0; i < Binders.Length; i++)
            {
                if (Binders[i] == null || Binders[i].Length < 32) throw WireError.Argument("a PSK binder must be 32..255 bytes");
                w.WriteVector8(Binders[i]);
            }
            w.EndVector16(binders);
        }
    }
}
