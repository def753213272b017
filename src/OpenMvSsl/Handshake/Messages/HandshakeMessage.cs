using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// What every handshake message codec shares: its type and a writer for its body. Each
    /// subclass also has a static <c>Parse(ByteReader body, ...)</c> that reads a whole body
    /// (header already removed) and rejects trailing bytes.
    /// </summary>
    public abstract class HandshakeMessage
    {
        public abstract HandshakeType Type { get; }

        /// <summary>Writes the body only; the header is written by <see cref="HandshakeHeader"/>.</summary>
        public abstract void Write(ByteWriter w);

        /// <summary>Size of the body in bytes.</summary>
        public int BodyLength()
        {
            ByteWriter counter = ByteWriter.CreateCounter();
            Write(counter);
            return counter.Position;
        }

        public byte[] EncodeBody()
        {
            byte[] body = new byte[BodyLength()];
            ByteWriter w = new ByteWriter(body);
            Write(w);
            return body;
        }

        /// <summary>Writes the 4-byte TLS header and the body.</summary>
        public void WriteTls(ByteWriter w)
        {
            w.WriteUInt8((int)Type);
            int mark = w.BeginVector24();
            Write(w);
            w.EndVector24(mark);
        }

        /// <summary>Writes a 12-byte DTLS header for an unfragmented message, then the body.</summary>
        public void WriteDtls(ByteWriter w, int messageSeq)
        {
            int length = BodyLength();
            new HandshakeHeader(Type, length, messageSeq).WriteDtls(w);
            int before = w.Position;
            Write(w);
            if (w.Position - before != length)
                throw WireError.Argument(Type + " body changed size while being written");
        }

        /// <summary>The message with its TLS header, as bytes (what the transcript hashes).</summary>
        public byte[] EncodeTls()
        {
            byte[] bytes = new byte[HandshakeHeader.TlsSize + BodyLength()];
            WriteTls(new ByteWriter(bytes));
            return bytes;
        }

        /// <summary>The message with an unfragmented DTLS header, as bytes.</summary>
        public byte[] EncodeDtls(int messageSeq)
        {
            byte[] bytes = new byte[HandshakeHeader.DtlsSize + BodyLength()];
            WriteDtls(new ByteWriter(bytes), messageSeq);
            return bytes;
        }
    }
}
