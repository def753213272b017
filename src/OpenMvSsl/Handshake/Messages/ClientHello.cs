using System;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// ClientHello (RFC 8446 4.1.2, RFC 5246 7.4.1.2, RFC 6347 4.2.1 for the DTLS cookie):
    /// legacy_version, random[32], legacy_session_id&lt;0..32&gt;, [DTLS: cookie&lt;0..2^8-1&gt;],
    /// cipher_suites&lt;2..2^16-2&gt;, legacy_compression_methods&lt;1..2^8-1&gt;, extensions&lt;0..2^16-1&gt;
    /// (absent altogether in old TLS 1.2 clients).
    /// Compression is never used: Parse records whether null compression was offered, and Write
    /// always offers exactly null.
    /// </summary>
    public sealed class ClientHello : HandshakeMessage
    {
        public const int RandomLength = 32;
        public const int MaxSessionIdLength = 32;

        /// <summary>True for the DTLS form, which carries <see cref="Cookie"/>.</summary>
        public bool IsDtls;

        /// <summary>0x0303 for TLS 1.2 and 1.3; 0xFEFD for DTLS 1.2.</summary>
        public int LegacyVersion;

        public byte[] Random;

        /// <summary>0..32 bytes; TLS 1.3 clients in compatibility mode send 32 random bytes.</summary>
        public byte[] SessionId;

        /// <summary>DTLS only: empty on the first flight, the HelloVerifyRequest cookie on the second.</summary>
        public byte[] Cookie;

        /// <summary>Offered cipher suite code points, including signalling values such as 0x00FF.</summary>
        public int[] CipherSuites;

        /// <summary>Whether legacy_compression_methods contained null (0). Always true for messages we write.</summary>
        public bool OffersNullCompression;

        /// <summary>Whether the compression list held anything besides null (TLS 1.3 forbids that).</summary>
        public bool OffersOtherCompression;

        public ExtensionList Extensions;

        /// <summary>
        /// Whether the extensions vector was on the wire. Write emits it when this is set or when
        /// there are extensions, so an empty-but-present block survives a round trip.
        /// </summary>
        public bool HasExtensionBlock;

        /// <summary>
        /// When the last extension is pre_shared_key: offset, from the start of the body, of its
        /// binders list (the transcript for binders stops there). -1 otherwise.
        /// </summary>
        public int PskBindersOffset = -1;

        public ClientHello()
        {
            SessionId = new byte[0];
            Cookie = new byte[0];
            CipherSuites = new int[0];
            Extensions = new ExtensionList();
            OffersNullCompression = true;
        }

        public override HandshakeType Type { get { return HandshakeType.ClientHello; } }

        public bool OffersCipherSuite(int code)
        {
            for (int i = 0; i < CipherSuites.Length; i++)
                if (CipherSuites[i] == code) return true;
            return false;
        }

        /// <summary>Parses a ClientHello body; <paramref name="isDtls"/> selects the form with the cookie.</summary>
        public static ClientHello Parse(ByteReader body, bool isDtls)
        {
            int bodyStart = body.AbsolutePosition;
            ClientHello m = new ClientHello();
            m.IsDtls = isDtls;
            m.LegacyVersion = body.ReadUInt16("ClientHello legacy_version");
            m.Random = body.ReadBytes(RandomLength, "ClientHello random");
            m.SessionId = body.ReadVector8("ClientHello legacy_session_id", 0, MaxSessionIdLength);
            m.Cookie = isDtls ? body.ReadVector8("ClientHello cookie") : new byte[0];

            ByteReader suites = body.ReadBlock16("ClientHello cipher_suites");
            if (suites.Length == 0) throw WireError.Decode("ClientHello cipher_suites list is empty");
            if ((suites.Length & 1) != 0) throw WireError.Decode("ClientHello cipher_suites list has an odd length " + suites.Length);
            m.CipherSuites = new int[suites.Length / 2];
            for (int i = 0; i < m.CipherSuites.Length; i++) m.CipherSuites[i] = suites.ReadUInt16("ClientHello cipher suite");

            byte[] compression = body.ReadVector8("ClientHello legacy_compression_methods", 1, 0xFF);
            m.OffersNullCompression = false;
            for (int i = 0; i < compression.Length; i++)
            {
                if (compression[i] == 0) m.OffersNullCompression = true;
                else m.OffersOtherCompression = true;
            }

            if (!body.IsAtEnd)
            {
                m.Extensions = ExtensionList.Parse(body, "ClientHello extensions");
                m.HasExtensionBlock = true;
                m.PskBindersOffset = FindBindersOffset(m.Extensions, bodyStart);
            }
            body.EnsureEnd("ClientHello");
            return m;
        }

        public override void Write(ByteWriter w)
        {
            if (Random == null || Random.Length != RandomLength) throw WireError.Argument("ClientHello random must be 32 bytes");
            if (SessionId == null || SessionId.Length > MaxSessionIdLength) throw WireError.Argument("ClientHello session id must be 0..32 bytes");
            if (CipherSuites == null || CipherSuites.Length == 0) throw WireError.Argument("ClientHello needs at least one cipher suite");
            w.WriteUInt16(LegacyVersion);
            w.WriteBytes(Random);
            w.WriteVector8(SessionId);
            if (IsDtls) w.WriteVector8(Cookie == null ? new byte[0] : Cookie);
            int suites = w.BeginVector16();
            for (int i = 0; i < CipherSuites.Length; i++) w.WriteUInt16(CipherSuites[i]);
            w.EndVector16(suites);
            w.WriteUInt8(1); // one compression method:
            w.WriteUInt8(0); // null
            if (Extensions != null && (Extensions.Count > 0 || HasExtensionBlock)) Extensions.Write(w);
        }

        // RFC 8446 4.2.11: pre_shared_key must come last; its binders close the message.
        private static int FindBindersOffset(ExtensionList extensions, int bodyStart)
        {
            int index = extensions.IndexOf(ExtensionType.PreSharedKey);
            if (index < 0) return -1;
            if (index != extensions.Count - 1)
                throw WireError.Illegal("ClientHello pre_shared_key is not the last extension");
            byte[] data = extensions.DataAt(index);
            ByteReader r = new ByteReader(data);
            int identitiesLength = r.ReadUInt16("pre_shared_key identities length");
            if (identitiesLength > r.Remaining) throw WireError.Decode("pre_shared_key identities are truncated");
            return extensions.DataOffsetAt(index) + 2 + identitiesLength - bodyStart;
        }
    }
}
