using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// ClientKeyExchange (TLS/DTLS 1.2 only). ECDHE (RFC 8422 5.7): ECPoint ecdh_Yc&lt;1..2^8-1&gt;.
    /// PSK (RFC 4279 2): psk_identity&lt;0..2^16-1&gt;.
    /// </summary>
    public sealed class ClientKeyExchange : HandshakeMessage
    {
        public KeyExchange KeyExchange;

        /// <summary>ECDHE: the client's ephemeral public value.</summary>
        public byte[] PublicKey;

        /// <summary>PSK: the identity whose key the server should use.</summary>
        public byte[] PskIdentity;

        private ClientKeyExchange(KeyExchange keyExchange)
        {
            KeyExchange = keyExchange;
        }

        public static ClientKeyExchange ForEcdhe(KeyExchange keyExchange, byte[] publicKey)
        {
            CheckEcdhe(keyExchange);
            ClientKeyExchange m = new ClientKeyExchange(keyExchange);
            m.PublicKey = publicKey;
            return m;
        }

        public static ClientKeyExchange ForPsk(byte[] identity)
        {
            ClientKeyExchange m = new ClientKeyExchange(KeyExchange.Psk);
            m.PskIdentity = identity;
            return m;
        }

        public override HandshakeType Type { get { return HandshakeType.ClientKeyExchange; } }

        public static ClientKeyExchange Parse(ByteReader body, KeyExchange keyExchange)
        {
            ClientKeyExchange m = new ClientKeyExchange(keyExchange);
            if (keyExchange == KeyExchange.Psk)
            {
                m.PskIdentity = body.ReadVector16("ClientKeyExchange psk_identity");
            }
            else
            {
                CheckEcdhe(keyExchange);
                m.PublicKey = body.ReadVector8("ClientKeyExchange ecdh_Yc", 1, 0xFF);
            }
            body.EnsureEnd("ClientKeyExchange");
            return m;
        }

        public override void Write(ByteWriter w)
        {
            if (KeyExchange == KeyExchange.Psk)
            {
                if (PskIdentity == null) throw WireError.Argument("ClientKeyExchange PSK identity is null");
                w.WriteVector16(PskIdentity);
                return;
            }
            CheckEcdhe(KeyExchange);
            if (PublicKey == null || PublicKey.Length == 0) throw WireError.Argument("ClientKeyExchange public point is empty");
            w.WriteVector8(PublicKey);
        }

        private static void CheckEcdhe(KeyExchange keyExchange)
        {
            if (keyExchange != KeyExchange.EcdheEcdsa && keyExchange != KeyExchange.EcdheRsa)
                throw WireError.Argument("ClientKeyExchange has no form for key exchange " + (int)keyExchange);
        }
    }
}
