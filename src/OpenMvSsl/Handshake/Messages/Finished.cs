using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>
    /// Finished: verify_data only, whose length the negotiation fixes: 12 bytes in TLS/DTLS 1.2
    /// (RFC 5246 7.4.9), the hash length in TLS 1.3 (RFC 8446 4.4.4). Any other length is decode_error.
    /// Comparing verify_data is the engine's job (in constant time).
    /// </summary>
    public sealed class Finished : HandshakeMessage
    {
        public const int Tls12VerifyDataLength = 12;

        public byte[] VerifyData;

        public Finished(byte[] verifyData)
        {
            VerifyData = verifyData;
        }

        public override HandshakeType Type { get { return HandshakeType.Finished; } }

        public static Finished Parse(ByteReader body, int verifyDataLength)
        {
            if (body.Remaining != verifyDataLength)
                throw WireError.Decode("Finished verify_data is " + body.Remaining + " bytes, expected " + verifyDataLength);
            return new Finished(body.ReadBytes(verifyDataLength, "Finished verify_data"));
        }

        public override void Write(ByteWriter w)
        {
            if (VerifyData == null || VerifyData.Length == 0) throw WireError.Argument("Finished verify_data is empty");
            w.WriteBytes(VerifyData);
        }
    }
}
