using System;
using System.Collections;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// Certificate. TLS/DTLS 1.2 (RFC 5246 7.4.2): ASN.1Cert certificate_list&lt;0..2^24-1&gt;, each
    /// &lt;1..2^24-1&gt;. TLS 1.3 (RFC 8446 4.4.2): certificate_request_context&lt;0..2^8-1&gt; then
    /// CertificateEntry certificate_list&lt;0..2^24-1&gt;, each entry cert_data&lt;1..2^24-1&gt; plus
    /// its own extensions. The leaf certificate comes first. An empty list is legal (a client
    /// without a certificate); whether it is acceptable is the engine's call.
    /// </summary>
    public sealed class Certificate : HandshakeMessage
    {
        public bool IsTls13;

        /// <summary>TLS 1.3 only: empty in a server's Certificate, echoes CertificateRequest's context in a client's.</summary>
        public byte[] RequestContext;

        /// <summary>DER certificates, leaf first.</summary>
        public byte[][] Certificates;

        /// <summary>TLS 1.3 only: the extensions of each entry, parallel to <see cref="Certificates"/>.</summary>
        public ExtensionList[] EntryExtensions;

        public Certificate(bool isTls13, byte[][] certificates)
        {
            IsTls13 = isTls13;
            RequestContext = new byte[0];
            Certificates = certificates;
            EntryExtensions = new ExtensionList[certificates == null ? 0 : certificates.Length];
            for (int i = 0; i < EntryExtensions.Length; i++) EntryExtensions[i] = new ExtensionList();
        }

        public override HandshakeType Type { get { return HandshakeType.Certificate; } }

        public static Certificate Parse(ByteReader body, bool isTls13)
        {
            byte[] context = isTls13 ? body.ReadVector8("Certificate certificate_request_context") : new byte[0];
            ByteReader list = body.ReadBlock24("Certificate certificate_list");
            body.EnsureEnd("Certificate");
            ArrayList certs = new ArrayList();
            ArrayList exts = new ArrayList();
            while (!list.IsAtEnd)
            {
                certs.Add(list.ReadVector24("Certificate cert_data", 1, 0xFFFFFF));
                if (isTls13) exts.Add(ExtensionList.Parse(list, "CertificateEntry extensions"));
            }
            byte[][] certificates = new byte[certs.Count][];
            for (int i = 0; i < certificates.Length; i++) certificates[i] = (byte[])certs[i];
            Certificate m = new Certificate(isTls13, certificates);
            m.RequestContext = context;
            if (isTls13)
                for (int i = 0; i < certificates.Length; i++) m.EntryExtensions[i] = (ExtensionList)exts[i];
            return m;
        }

        public override void Write(ByteWriter w)
        {
            if (Certificates == null) throw WireError.Argument("Certificate list is null");
            if (IsTls13)
            {
                if (EntryExtensions == null || EntryExtensions.Length != Certificates.Length)
                    throw WireError.Argument("Certificate needs one extension list per entry");
                w.WriteVector8(RequestContext == null ? new byte[0] : RequestContext);
            }
            int list = w.BeginVector24();
            for (int i = 0; i < Certificates.Length; i++)
            {
                if (Certificates[i] == null || Certificates[i].Length == 0) throw WireError.Argument("Certificate entry is empty");
                w.WriteVector24(Certificates[i]);
                if (IsTls13) EntryExtensions[i].Write(w);
            }
            w.EndVector24(list);
        }
    }
}
