using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// CertificateVerify (RFC 8446 4.4.3; RFC 5246 7.4.8 has the same layout in 1.2):
    /// SignatureScheme algorithm; opaque signature&lt;0..2^16-1&gt;.
    /// </summary>
    public sealed class CertificateVerify : HandshakeMessage
    {
        public SignatureScheme Scheme;

        public byte[] Signature;

        public CertificateVerify(SignatureScheme scheme, byte[] signature)
        {
            Scheme = scheme;
            Signature = signature;
        }

        public override HandshakeType Type { get { return HandshakeType.CertificateVerify; } }

        public static CertificateVerify Parse(ByteReader body)
        {
            SignatureScheme scheme = (SignatureScheme)body.ReadUInt16("CertificateVerify algorithm");
            byte[] signature = body.ReadVector16("CertificateVerify signature");
            body.EnsureEnd("CertificateVerify");
            return new CertificateVerify(scheme, signature);
        }

        public override void Write(ByteWriter w)
        {
            if (Signature == null) throw WireError.Argument("CertificateVerify signature is null");
            w.WriteUInt16((int)Scheme);
            w.WriteVector16(Signature);
        }
    }
}
