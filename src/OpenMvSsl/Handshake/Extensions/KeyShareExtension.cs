using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// key_share (RFC 8446 4.2.8) in its three forms: the client's list of shares (possibly empty,
    /// to ask for a HelloRetryRequest), the server's single share, and the HelloRetryRequest's
    /// selected group.
    /// </summary>
    public sealed class KeyShareExtension : ExtensionBody
    {
        public KeyShareForm Form;

        /// <summary>ClientHello form: the offered shares, at most one per group.</summary>
        public KeyShareEntry[] ClientShares;

        /// <summary>ServerHello form: the server's share.</summary>
        public KeyShareEntry ServerShare;

        /// <summary>HelloRetryRequest form: the group the client must use next.</summary>
        public NamedGroup SelectedGroup;

        private KeyShareExtension(KeyShareForm form)
        {
            Form = form;
        }

        public static KeyShareExtension ForClientHello(KeyShareEntry[] shares)
        {
            KeyShareExtension e = new KeyShareExtension(KeyShareForm.ClientHello);
            e.ClientShares = shares;
            return e;
        }

        public static KeyShareExtension ForServerHello(KeyShareEntry share)
        {
            KeyShareExtension e = new KeyShareExtension(KeyShareForm.ServerHello);
            e.ServerShare = share;
            return e;
        }

        public static KeyShareExtension ForHelloRetryRequest(NamedGroup selectedGroup)
        {
            KeyShareExtension e = new KeyShareExtension(KeyShareForm.HelloRetryRequest);
            e.SelectedGroup = selectedGroup;
            return e;
        }

        public override ExtensionType Type { get { return ExtensionType.KeyShare; } }

        /// <summary>ClientHello form: the share for <paramref name="group"/>, or null.</summary>
        public KeyShareEntry FindShare(NamedGroup group)
        {
            if (ClientShares == null) return null;
            for (int i = 0; i < ClientShares.Length; i++)
                if (ClientShares[i].Group == group) return ClientShares[i];
            return null;
        }

        public static KeyShareExtension ParseClientHello(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            ByteReader list = r.ReadBlock16("key_share client_shares");
            r.EnsureEnd("key_share extension");
            // Each entry takes at least five bytes, which bounds the count before allocating.
            KeyShareEntry[] entries = new KeyShareEntry[list.Length / 5];
            int count = 0;
            while (!list.IsAtEnd)
            {
                KeyShareEntry entry = KeyShareEntry.Read(list);
                for (int i = 0; i < count; i++)
                {
                    if (entries[i].Group == entry.Group)
                        throw WireError.Illegal("key_share offers group " + WireError.Hex16((int)entry.Group) + " twice");
                }
                entries[count++] = entry;
            }
            KeyShareEntry[] shares = new KeyShareEntry[count];
            Array.Copy(entries, shares, count);
            return ForClientHello(shares);
        }

        public static KeyShareExtension ParseServerHello(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            KeyShareEntry entry = KeyShareEntry.Read(r);
            r.EnsureEnd("key_share extension");
            return ForServerHello(entry);
        }

        public static KeyShareExtension ParseHelloRetryRequest(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            NamedGroup group = (NamedGroup)r.ReadUInt16("key_share selected_group");
            r.EnsureEnd("key_share extension");
            return ForHelloRetryRequest(group);
        }

        public override void Write(ByteWriter w)
        {
            switch (Form)
            {
                case KeyShareForm.ClientHello:
                    if (ClientShares == null) throw WireError.Argument("key_share client shares are null");
                    int mark = w.BeginVector16();
                    for (int i = 0; i < ClientShares.Length; i++) ClientShares[i].Write(w);
                    w.EndVector16(mark);
                    break;
                case KeyShareForm.ServerHello:
                    if (ServerShare == null) throw WireError.Argument("key_share server share is null");
                    ServerShare.Write(w);
                    break;
                case KeyShareForm.HelloRetryRequest:
                    w.WriteUInt16((int)SelectedGroup);
                    break;
                default:
                    throw WireError.Argument("unknown key_share form");
            }
        }
    }
}
