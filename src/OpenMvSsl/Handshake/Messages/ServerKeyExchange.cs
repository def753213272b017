using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// ServerKeyExchange (TLS/DTLS 1.2 only) in the two forms this library uses.
    /// ECDHE (RFC 8422 5.4): ServerECDHParams { curve_type = named_curve(3), NamedCurve, ECPoint
    /// point&lt;1..2^8-1&gt; } followed by a digitally-signed struct { SignatureScheme, signature&lt;0..2^16-1&gt; }.
    /// PSK (RFC 4279 2): psk_identity_hint&lt;0..2^16-1&gt;.
    /// </summary>
    public sealed class ServerKeyExchange : HandshakeMessage
    {
        /// <summary>ECCurveType named_curve; explicit curves are deprecated (RFC 8422 5.4) and refused.</summary>
        public const int NamedCurveType = 3;

        public KeyExchange KeyExchange;

        /// <summary>ECDHE: the group of <see cref="PublicKey"/>.</summary>
        public NamedGroup Group;

        /// <summary>ECDHE: the server's ephemeral public value (uncompressed point, or 32 bytes for X25519).</summary>
        public byte[] PublicKey;

        /// <summary>ECDHE: the scheme of <see cref="Signature"/>.</summary>
        public SignatureScheme SignatureScheme;

        /// <summary>ECDHE: signature over client_random + server_random + <see cref="EncodeEcdhParams"/>.</summary>
        public byte[] Signature;

        /// <summary>PSK: the server's hint for which identity to use (often empty).</summary>
        public byte[] PskIdentityHint;

        private ServerKeyExchange(KeyExchange keyExchange)
        {
            KeyExchange = keyExchange;
        }

        public static ServerKeyExchange ForEcdhe(KeyExchange keyExchange, NamedGroup group, byte[] publicKey,
            SignatureScheme scheme, byte[] signature)
        {
            CheckEcdhe(keyExchange);
            ServerKeyExchange m = new ServerKeyExchange(keyExchange);
            m.Group = group;
            m.PublicKey = publicKey;
            m.SignatureScheme = scheme;
            m.Signature = signature;
            return m;
        }

        public static ServerKeyExchange ForPsk(byte[] identityHint)
        {
            ServerKeyExchange m = new ServerKeyExchange(KeyExchange.Psk);
            m.PskIdentityHint = identityHint;
            return m;
        }

        public override HandshakeType Type { get { return HandshakeType.ServerKeyExchange; } }

        private bool IsEcdhe { get { return KeyExchange == KeyExchange.EcdheEcdsa || KeyExchange == KeyExchange.EcdheRsa; } }

        /// <summary>Parses the form that the negotiated suite's <paramref name="keyExchange"/> implies.</summary>
        public static ServerKeyExchange Parse(ByteReader body, KeyExchange keyExchange)
        {
            ServerKeyExchange m = new ServerKeyExchange(keyExchange);
            if (keyExchange == KeyExchange.Psk)
            {
                m.PskIdentityHint = body.ReadVector16("ServerKeyExchange psk_identity_hint");
            }
            else
            {
                CheckEcdhe(keyExchange);
                int curveType = body.ReadUInt8("ServerKeyExchange curve_type");
                if (curveType != NamedCurveType)
                    throw WireError.Illegal("ServerKeyExchange curve_type " + curveType + " is not named_curve (3)");
                m.Group = (NamedGroup)body.ReadUInt16("ServerKeyExchange named_curve");
                m.PublicKey = body.ReadVector8("ServerKeyExchange public point", 1, 0xFF);
                m.SignatureScheme = (SignatureScheme)body.ReadUInt16("ServerKeyExchange signature algorithm");
                m.Signature = body.ReadVector16("ServerKeyExchange signature");
            }
            body.EnsureEnd("ServerKeyExchange");
            return m;
        }

        /// <summary>ECDHE: the ServerECDHParams bytes, which the signature covers after the two randoms.</summary>
        public byte[] EncodeEcdhParams()
        {
            if (!IsEcdhe) throw WireError.Argument("ServerKeyExchange has no ECDH parameters in the PSK form");
            ByteWriter counter = ByteWriter.CreateCounter();
            WriteEcdhParams(counter);
            byte[] bytes = new byte[counter.Position];
            WriteEcdhParams(new ByteWriter(bytes));
            return bytes;
        }

        public override void Write(ByteWriter w)
        {
            if (KeyExchange == KeyExchange.Psk)
            {
                w.WriteVector16(PskIdentityHint == null ? new byte[0] : PskIdentityHint);
                return;
            }
            CheckEcdhe(KeyExchange);
            if (Signature == null) throw WireError.Argument("ServerKeyExchange signature is null");
            WriteEcdhParams(w);
            w.WriteUInt16((int)SignatureScheme);
            w.WriteVector16(Signature);
        }

        private void WriteEcdhParams(ByteWriter w)
        {
            if (PublicKey == null || PublicKey.Length == 0) throw WireError.Argument("ServerKeyExchange public point is empty");
            w.WriteUInt8(NamedCurveType);
            w.WriteUInt16((int)Group);
            w.WriteVector8(PublicKey);
        }

        private static void CheckEcdhe(KeyExchange keyExchange)
        {
            if (keyExchange != KeyExchange.EcdheEcdsa && keyExchange != KeyExchange.EcdheRsa)
                throw WireError.Argument("ServerKeyExchange has no form for key exchange " + (int)keyExchange);
        }
    }
}
