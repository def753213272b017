using System;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// NewSessionTicket. TLS 1.3 (RFC 8446 4.6.1): ticket_lifetime, ticket_age_add,
    /// ticket_nonce&lt;0..255&gt;, ticket&lt;1..2^16-1&gt;, extensions&lt;0..2^16-2&gt;.
    /// TLS 1.2 (RFC 5077 3.3): ticket_lifetime_hint, ticket&lt;0..2^16-1&gt;; a peer may send it even
    /// unasked, so it is parsed to be skipped cleanly.
    /// </summary>
    public sealed class NewSessionTicket : HandshakeMessage
    {
        /// <summary>RFC 8446 4.6.1: servers must not use a lifetime above 7 days.</summary>
        public const uint MaxLifetimeSeconds = 604800;

        public bool IsTls13;

        /// <summary>Seconds the ticket may be used (1.3) or a hint of it (1.2).</summary>
        public uint LifetimeSeconds;

        /// <summary>TLS 1.3: added to the ticket age the client reports.</summary>
        public uint AgeAdd;

        /// <summary>TLS 1.3: per-ticket value for the PSK derivation.</summary>
        public byte[] Nonce;

        public byte[] Ticket;

        /// <summary>TLS 1.3: the ticket's extensions (early_data is the only one defined).</summary>
        public ExtensionList Extensions;

        private NewSessionTicket(bool isTls13)
        {
            IsTls13 = isTls13;
            Nonce = new byte[0];
            Ticket = new byte[0];
            Extensions = new ExtensionList();
        }

        public static NewSessionTicket ForTls13(uint lifetimeSeconds, uint ageAdd, byte[] nonce, byte[] ticket, ExtensionList extensions)
        {
            NewSessionTicket m = new NewSessionTicket(true);
            m.LifetimeSeconds = lifetimeSeconds;
            m.AgeAdd = ageAdd;
            m.Nonce = nonce;
            m.Ticket = ticket;
            if (extensions != null) m.Extensions = extensions;
            return m;
        }

        public static NewSessionTicket ForTls12(uint lifetimeHintSeconds, byte[] ticket)
        {
            NewSessionTicket m = new NewSessionTicket(false);
            m.LifetimeSeconds = lifetimeHintSeconds;
            m.Ticket = ticket;
            return m;
        }

        public override HandshakeType Type { get { return HandshakeType.NewSessionTicket; } }

        public static NewSessionTicket Parse(ByteReader body, bool isTls13)
        {
            NewSessionTicket m = new NewSessionTicket(isTls13);
            m.LifetimeSeconds = body.ReadUInt32("NewSessionTicket ticket_lifetime");
            if (isTls13)
            {
                m.AgeAdd = body.ReadUInt32("NewSessionTicket ticket_age_add");
                m.Nonce = body.ReadVector8("NewSessionTicket ticket_nonce");
                m.Ticket = body.ReadVector16("NewSessionTicket ticket", 1, 0xFFFF);
                m.Extensions = ExtensionList.Parse(body, "NewSessionTicket extensions");
            }
            else
            {
                m.Ticket = body.ReadVector16("NewSessionTicket ticket");
            }
            body.EnsureEnd("NewSessionTicket");
            return m;
        }

        public override void Write(ByteWriter w)
        {
            if (Ticket == null) throw WireError.Argument("NewSessionTicket ticket is null");
            w.WriteUInt32(LifetimeSeconds);
            if (!IsTls13)
            {
                w.WriteVector16(Ticket);
                return;
            }
            if (Ticket.Length == 0) throw WireError.Argument("a TLS 1.3 ticket cannot be empty");
            w.WriteUInt32(AgeAdd);
            w.WriteVector8(Nonce == null ? new byte[0] : Nonce);
            w.WriteVector16(Ticket);
            Extensions.Write(w);
        }
    }
}
