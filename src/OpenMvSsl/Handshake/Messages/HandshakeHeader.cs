using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// The header in front of every handshake message body.
    /// TLS (RFC 8446 4): msg_type(1) length(3).
    /// DTLS (RFC 6347 4.2.2): msg_type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3).
    /// </summary>
    public sealed class HandshakeHeader
    {
        public const int TlsSize = 4;
        public const int DtlsSize = 12;

        public HandshakeType Type;

        /// <summary>Length of the whole message body.</summary>
        public int Length;

        /// <summary>DTLS only: the message's sequence number in the handshake.</summary>
        public int MessageSeq;

        /// <summary>DTLS only: where this fragment starts in the body.</summary>
        public int FragmentOffset;

        /// <summary>DTLS only: how many body bytes follow this header.</summary>
        public int FragmentLength;

        public HandshakeHeader()
        {
        }

        /// <summary>A header for a whole (unfragmented) message.</summary>
        public HandshakeHeader(HandshakeType type, int length, int messageSeq)
        {
            Type = type;
            Length = length;
            MessageSeq = messageSeq;
            FragmentOffset = 0;
            FragmentLength = length;
        }

        /// <summary>DTLS: true when this header carries only part of the body.</summary>
        public bool IsFragment { get { return FragmentOffset != 0 || FragmentLength != Length; } }

        /// <summary>Parses a 4-byte TLS header. The body may continue into later records.</summary>
        public static HandshakeHeader ParseTls(ByteReader r)
        {
            HandshakeHeader h = new HandshakeHeader();
            h.Type = (HandshakeType)r.ReadUInt8("handshake msg_type");
            h.Length = r.ReadUInt24("handshake length");
            h.MessageSeq = 0;
            h.FragmentOffset = 0;
            h.FragmentLength = h.Length;
            return h;
        }

        /// <summary>
        /// Parses a 12-byte DTLS header and checks that the fragment lies inside the message.
        /// The fragment's bytes themselves follow; this does not consume them.
        /// </summary>
        public static HandshakeHeader ParseDtls(ByteReader r)
        {
            HandshakeHeader h = new HandshakeHeader();
            h.Type = (HandshakeType)r.ReadUInt8("DTLS handshake msg_type");
            h.Length = r.ReadUInt24("DTLS handshake length");
            h.MessageSeq = r.ReadUInt16("DTLS handshake message_seq");
            h.FragmentOffset = r.ReadUInt24("DTLS handshake fragment_offset");
            h.FragmentLength = r.ReadUInt24("DTLS handshake fragment_length");
            if (h.FragmentOffset > h.Length || h.FragmentLength > h.Length - h.FragmentOffset)
                throw WireError.Decode("DTLS handshake fragment (offset " + h.FragmentOffset + ", length "
                    + h.FragmentLength + ") extends beyond the message length " + h.Length);
            return h;
        }

        public void WriteTls(ByteWriter w)
        {
            w.WriteUInt8((int)Type);
            w.WriteUInt24(Length);
        }

        public void WriteDtls(ByteWriter w)
        {
            if (FragmentOffset < 0 || FragmentLength < 0 || FragmentOffset > Length || FragmentLength > Length - FragmentOffset)
                throw WireError.Argument("DTLS handshake fragment lies outside the message");
            w.WriteUInt8((int)Type);
            w.WriteUInt24(Length);
            w.WriteUInt16(MessageSeq);
            w.WriteUInt24(FragmentOffset);
            w.WriteUInt24(FragmentLength);
        }
    }
}
