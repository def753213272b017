using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// signature_algorithms and signature_algorithms_cert (RFC 8446 4.2.3, RFC 5246 7.4.1.4.1):
    /// SignatureScheme supported_signature_algorithms&lt;2..2^16-2&gt;.
    /// </summary>
    public sealed class SignatureAlgorithmsExtension : ExtensionBody
    {
        /// <summary>Offered schemes in preference order; unknown code points are kept as numbers.</summary>
        public SignatureScheme[] Schemes;

        private readonly bool _forCertificates;

        public SignatureAlgorithmsExtension(SignatureScheme[] schemes)
            : this(schemes, false)
        {
        }

        /// <param name="schemes">The schemes in preference order.</param>
        /// <param name="forCertificates">True to encode signature_algorithms_cert (50) instead of signature_algorithms (13).</param>
        public SignatureAlgorithmsExtension(SignatureScheme[] schemes, bool forCertificates)
        {
            Schemes = schemes;
            _forCertificates = forCertificates;
        }

        public override ExtensionType Type
        {
            get { return _forCertificates ? ExtensionType.SignatureAlgorithmsCert : ExtensionType.SignatureAlgorithms; }
        }

        public bool Contains(SignatureScheme scheme)
        {
            for (int i = 0; i < Schemes.Length; i++)
                if (Schemes[i] == scheme) return true;
            return false;
        }

        public static SignatureAlgorithmsExtension Parse(byte[] data)
        {
            return new SignatureAlgorithmsExtension(ParseList(data, "signature_algorithms"), false);
        }

        public static SignatureAlgorithmsExtension ParseCert(byte[] data)
        {
            return new SignatureAlgorithmsExtension(ParseList(data, "signature_algorithms_cert"), true);
        }

        /// <summary>Reads the scheme list from <paramref name="r"/> (also used inside TLS 1.2 CertificateRequest).</summary>
        public static SignatureScheme[] ReadList(ByteReader r, string what)
        {
            ByteReader list = r.ReadBlock16(what + " list");
            if (list.Length == 0) throw WireError.Decode(what + " list is empty");
            if ((list.Length & 1) != 0) throw WireError.Decode(what + " list has an odd length " + list.Length);
            SignatureScheme[] schemes = new SignatureScheme[list.Length / 2];
            for (int i = 0; i < schemes.Length; i++) schemes[i] = (SignatureScheme)list.ReadUInt16(what + " entry");
            return schemes;
        }

        public static void WriteList(ByteWriter w, SignatureScheme[] schemes, string what)
        {
            if (schemes == null || schemes.Length == 0) throw WireError.Argument(what + " needs at least one scheme");
            int mark = w.BeginVector16();
            for (int i = 0; i < schemes.Length; i++) w.WriteUInt16((int)schemes[i]);
            w.EndVector16(mark);
        }

        public override void Write(ByteWriter w)
        {
            WriteList(w, Schemes, _forCertificates ? "signature_algorithms_cert" : "signature_algorithms");
        }

        private static SignatureScheme[] ParseList(byte[] data, string what)
        {
            ByteReader r = new ByteReader(data);
            SignatureScheme[] schemes = ReadList(r, what);
            r.EnsureEnd(what + " extension");
            return schemes;
        }
    }
}
