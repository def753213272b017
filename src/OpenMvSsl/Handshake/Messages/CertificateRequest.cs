using System;
using System.Collections;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// CertificateRequest. TLS/DTLS 1.2 (RFC 5246 7.4.4): ClientCertificateType
    /// certificate_types&lt;1..2^8-1&gt;, SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;,
    /// DistinguishedName certificate_authorities&lt;0..2^16-1&gt; (each &lt;1..2^16-1&gt;).
    /// TLS 1.3 (RFC 8446 4.3.2): certificate_request_context&lt;0..2^8-1&gt;, extensions&lt;2..2^16-1&gt;
    /// (signature_algorithms must be among them; the engine checks that).
    /// </summary>
    public sealed class CertificateRequest : HandshakeMessage
    {
        public const byte RsaSign = 1;
        public const byte EcdsaSign = 64;

        public bool IsTls13;

        /// <summary>TLS 1.2: accepted client certificate types (rsa_sign 1, ecdsa_sign 64).</summary>
        public byte[] CertificateTypes;

        /// <summary>TLS 1.2: accepted signature schemes.</summary>
        public SignatureScheme[] SignatureAlgorithms;

        /// <summary>TLS 1.2: DER-encoded distinguished names of acceptable CAs (may be empty).</summary>
        public byte[][] CertificateAuthorities;

        /// <summary>TLS 1.3: an opaque value the client echoes in its Certificate.</summary>
        public byte[] RequestContext;

        /// <summary>TLS 1.3: the request's extensions.</summary>
        public ExtensionList Extensions;

        private CertificateRequest(bool isTls13)
        {
            IsTls13 = isTls13;
        }

        public static CertificateRequest ForTls12(byte[] certificateTypes, SignatureScheme[] signatureAlgorithms,
            byte[][] certificateAuthorities)
        {
            CertificateRequest m = new CertificateRequest(false);
            m.CertificateTypes = certificateTypes;
            m.SignatureAlgorithms = signatureAlgorithms;
            m.CertificateAuthorities = certificateAuthorities == null ? new byte[0][] : certificateAuthorities;
            return m;
        }

        public static CertificateRequest ForTls13(byte[] requestContext, ExtensionList extensions)
        {
            CertificateRequest m = new CertificateRequest(true);
            m.RequestContext = requestContext == null ? new byte[0] : requestContext;
            m.Extensions = extensions == null ? new ExtensionList() : extensions;
            return m;
        }

        public override HandshakeType Type { get { return HandshakeType.CertificateRequest; } }

        public static CertificateRequest Parse(ByteReader body, bool isTls13)
        {
            CertificateRequest m;
            if (isTls13)
            {
                byte[] context = body.ReadVector8("CertificateRequest certificate_request_context");
                m = ForTls13(context, ExtensionList.Parse(body, "CertificateRequest extensions"));
            }
            else
            {
                byte[] types = body.ReadVector8("CertificateRequest certificate_types", 1, 0xFF);
                SignatureScheme[] schemes = SignatureAlgorithmsExtension.ReadList(body, "CertificateRequest supported_signature_algorithms");
                ByteReader list = body.ReadBlock16("CertificateRequest certificate_authorities");
                ArrayList names = new ArrayList();
                while (!list.IsAtEnd) names.Add(list.ReadVector16("CertificateRequest distinguished name", 1, 0xFFFF));
                byte[][] authorities = new byte[names.Count][];
                for (int i = 0; i < authorities.Length; i++) authorities[i] = (byte[])names[i];
                m = ForTls12(types, schemes, authorities);
            }
            body.EnsureEnd("CertificateRequest");
            return m;
        }

        public override void Write(ByteWriter w)
        {
            if (IsTls13)
            {
                w.WriteVector8(RequestContext);
                Extensions.Write(w);
                return;
            }
            if (CertificateTypes == null || CertificateTypes.Length == 0) throw WireError.Argument("CertificateRequest needs a certificate type");
            w.WriteVector8(CertificateTypes);
            SignatureAlgorithmsExtension.WriteList(w, SignatureAlgorithms, "CertificateRequest supported_signature_algorithms");
            int list = w.BeginVector16();
            for (int i = 0; i < CertificateAuthorities.Length; i++)
            {
                if (CertificateAuthorities[i] == null || CertificateAuthorities[i].Length == 0)
                    throw WireError.Argument("CertificateRequest distinguished name is empty");
                w.WriteVector16(CertificateAuthorities[i]);
            }
            w.EndVector16(list);
        }
    }
}
