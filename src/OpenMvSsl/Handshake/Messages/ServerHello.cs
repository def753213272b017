using System;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// ServerHello (RFC 8446 4.1.3, RFC 5246 7.4.1.3; DTLS 1.2 uses the same layout):
    /// legacy_version, random[32], legacy_session_id_echo&lt;0..32&gt;, cipher_suite,
    /// legacy_compression_method (must be 0), extensions (may be absent in TLS 1.2).
    /// A HelloRetryRequest is a ServerHello whose random is <see cref="HelloRetryRequestRandom"/>.
    /// </summary>
    public sealed class ServerHello : HandshakeMessage
    {
        public const int RandomLength = 32;

        // RFC 8446 4.1.3: SHA-256("HelloRetryRequest").
        private static readonly byte[] HrrRandom = new byte[]
        {
            0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
            0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
        };

        // RFC 8446 4.1.3: "DOWNGRD" then 01 (TLS 1.2 negotiated) or 00 (TLS 1.1 or below).
        private static readonly byte[] DowngradePrefix = new byte[] { 0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44 };

        public int LegacyVersion;

        public byte[] Random;

        public byte[] SessionId;

        public int CipherSuite;

        public ExtensionList Extensions;

        /// <summary>
        /// Whether the extensions vector was on the wire. Write emits it when this is set or when
        /// there are extensions, so an empty-but-present block survives a round trip.
        /// </summary>
        public bool HasExtensionBlock;

        public ServerHello()
        {
            SessionId = new byte[0];
            Extensions = new ExtensionList();
        }

        public override HandshakeType Type { get { return HandshakeType.ServerHello; } }

        /// <summary>A copy of the fixed random that marks a HelloRetryRequest.</summary>
        public static byte[] HelloRetryRequestRandom
        {
            get
            {
                byte[] copy = new byte[RandomLength];
                Array.Copy(HrrRandom, copy, RandomLength);
                return copy;
            }
        }

        public bool IsHelloRetryRequest { get { return IsHelloRetryRequestRandom(Random); } }

        public static bool IsHelloRetryRequestRandom(byte[] random)
        {
            if (random == null || random.Length != RandomLength) return false;
            for (int i = 0; i < RandomLength; i++)
                if (random[i] != HrrRandom[i]) return false;
            return true;
        }

        /// <summary>Which downgrade sentinel, if any, ends <see cref="Random"/> (a TLS 1.3 client must refuse one).</summary>
        public DowngradeSentinel Downgrade { get { return DetectDowngrade(Random); } }

        public static DowngradeSentinel DetectDowngrade(byte[] random)
        {
            if (random == null || random.Length != RandomLength) return DowngradeSentinel.None;
            int start = RandomLength - 8;
            for (int i = 0; i < DowngradePrefix.Length; i++)
                if (random[start + i] != DowngradePrefix[i]) return DowngradeSentinel.None;
            switch (random[RandomLength - 1])
            {
                case 1: return DowngradeSentinel.Tls12;
                case 0: return DowngradeSentinel.Tls11OrBelow;
                default: return DowngradeSentinel.None;
            }
        }

        /// <summary>
        /// Overwrites the last 8 bytes of a server random with a sentinel: what a TLS 1.3-capable
        /// server does when it negotiates an older version.
        /// </summary>
        public static void ApplyDowngradeSentinel(byte[] random, DowngradeSentinel sentinel)
        {
            if (random == null || random.Length != RandomLength) throw WireError.Argument("server random must be 32 bytes");
            if (sentinel == DowngradeSentinel.None) return;
            int start = RandomLength - 8;
            Array.Copy(DowngradePrefix, 0, random, start, DowngradePrefix.Length);
            random[RandomLength - 1] = (byte)(sentinel == DowngradeSentinel.Tls12 ? 1 : 0);
        }

        public static ServerHello Parse(ByteReader body)
        {
            ServerHello m = new ServerHello();
            m.LegacyVersion = body.ReadUInt16("ServerHello legacy_version");
            m.Random = body.ReadBytes(RandomLength, "ServerHello random");
            m.SessionId = body.ReadVector8("ServerHello legacy_session_id_echo", 0, 32);
            m.CipherSuite = body.ReadUInt16("ServerHello cipher_suite");
            int compression = body.ReadUInt8("ServerHello legacy_compression_method");
            if (compression != 0)
                throw WireError.Illegal("ServerHello selected compression method " + compression + "; only null (0) is allowed");
            if (!body.IsAtEnd)
            {
                m.Extensions = ExtensionList.Parse(body, "ServerHello extensions");
                m.HasExtensionBlock = true;
            }
            body.EnsureEnd("ServerHello");
            return m;
        }

        public override void Write(ByteWriter w)
        {
            if (Random == null || Random.Length != RandomLength) throw WireError.Argument("ServerHello random must be 32 bytes");
            if (SessionId == null || SessionId.Length > 32) throw WireError.Argument("ServerHello session id must be 0..32 bytes");
            w.WriteUInt16(LegacyVersion);
            w.WriteBytes(Random);
            w.WriteVector8(SessionId);
            w.WriteUInt16(CipherSuite);
            w.WriteUInt8(0);
            if (Extensions != null && (Extensions.Count > 0 || HasExtensionBlock)) Extensions.Write(w);
        }
    }
}
