using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// Stateless HelloVerifyRequest handling for a DTLS server (RFC 6347 4.2.1): a cookie is an
    /// HMAC over the client's address and its ClientHello parameters, so nothing is stored per
    /// peer until a ClientHello comes back with a valid cookie. One gate serves a whole listener.
    /// </summary>
    public sealed class DtlsCookieGate
    {
        public const int CookieLength = 32;

        private readonly IHmac hmac;
        private readonly byte[] expected = new byte[CookieLength];

        /// <param name="secret">HMAC key; null makes a random one.</param>
        public DtlsCookieGate(ICryptoProvider provider, byte[] secret)
        {
            if (provider == null) throw new SslException(SslError.InvalidArgument, "a crypto provider is required");
            if (secret == null)
            {
                secret = new byte[32];
                provider.GetRandomBytes(secret);
            }
            hmac = provider.CreateHmac(HashAlgorithm.Sha256, secret);
        }

        /// <summary>
        /// Looks at a datagram from <paramref name="peerAddress"/>. For SendHelloVerifyRequest the
        /// datagram to send back is written to <paramref name="response"/> and its length returned
        /// in <paramref name="responseLength"/> (never longer than the datagram that caused it).
        /// </summary>
        public CookieVerdict Inspect(SpanByte datagram, byte[] peerAddress, SpanByte response, out int responseLength)
        {
            responseLength = 0;
            long recordSequence;
            ClientHello hello = TryParseClientHello(datagram, out recordSequence);
            if (hello == null) return CookieVerdict.Drop;
            if (IsValid(hello, peerAddress)) return CookieVerdict.Accept;
            int length = WriteHelloVerifyRequest(hello, peerAddress, recordSequence, response);
            if (length <= 0 || length > datagram.Length) return CookieVerdict.Drop; // never amplify
            responseLength = length;
            return CookieVerdict.SendHelloVerifyRequest;
        }

        internal bool IsValid(ClientHello hello, byte[] peerAddress)
        {
            if (hello.Cookie == null || hello.Cookie.Length != CookieLength) return false;
            Compute(hello, peerAddress);
            return ConstantTime.AreEqual(expected, hello.Cookie);
        }

        /// <summary>Writes a HelloVerifyRequest datagram for <paramref name="hello"/>; returns its length, or 0 when it does not fit.</summary>
        internal int WriteHelloVerifyRequest(ClientHello hello, byte[] peerAddress, long recordSequence, SpanByte output)
        {
            Compute(hello, peerAddress);
            // RFC 6347 4.2.1: server_version DTLS 1.0 whatever is negotiated later; the record
            // reuses the ClientHello's sequence number.
            byte[] message = new HelloVerifyRequest(ProtocolVersion.Dtls10, expected).EncodeDtls(0);
            int total = RecordLimits.DtlsHeaderLength + message.Length;
            if (output.Length < total) return 0;
            output[0] = (byte)ContentType.Handshake;
            BigEndian.WriteUInt16(output, 1, ProtocolVersion.Dtls12);
            BigEndian.WriteUInt16(output, 3, 0);
            BigEndian.WriteUInt48(output, 5, recordSequence);
            BigEndian.WriteUInt16(output, 11, message.Length);
            new SpanByte(message).CopyTo(output.Slice(RecordLimits.DtlsHeaderLength));
            return total;
        }

        /// <summary>The ClientHello in the first record of a datagram, or null when there is none that parses.</summary>
        internal static ClientHello TryParseClientHello(SpanByte datagram, out long recordSequence)
        {
            recordSequence = 0;
            if (datagram.Length < RecordLimits.DtlsHeaderLength + HandshakeHeader.DtlsSize) return null;
            if (datagram[0] != (byte)ContentType.Handshake) return null;
            int version = BigEndian.ReadUInt16(datagram, 1);
            if (version != ProtocolVersion.Dtls12 && version != ProtocolVersion.Dtls10) return null;
            if (BigEndian.ReadUInt16(datagram, 3) != 0) return null;
            recordSequence = BigEndian.ReadUInt48(datagram, 5);
            int length = BigEndian.ReadUInt16(datagram, 11);
            if (RecordLimits.DtlsHeaderLength + length > datagram.Length) return null;
            byte[] record = datagram.Slice(RecordLimits.DtlsHeaderLength, length).ToArray();
            try
            {
                var reader = new ByteReader(record);
                HandshakeHeader header = HandshakeHeader.ParseDtls(reader);
                if (header.Type != HandshakeType.ClientHello || header.IsFragment) return null;
                return ClientHello.Parse(reader.ReadBlock(header.FragmentLength, "ClientHello"), true);
            }
            catch (SslException)
            {
                return null;
            }
        }

        private void Compute(ClientHello hello, byte[] peerAddress)
        {
            var lengthPrefix = new byte[2];
            BigEndian.WriteUInt16(lengthPrefix, 0, peerAddress == null ? 0 : peerAddress.Length);
            hmac.Update(lengthPrefix);
            if (peerAddress != null) hmac.Update(peerAddress);
            hmac.Update(hello.Random);
            hmac.Update(hello.SessionId);
            var suite = new byte[2];
            for (int i = 0; i < hello.CipherSuites.Length; i++)
            {
                BigEndian.WriteUInt16(suite, 0, hello.CipherSuites[i]);
                hmac.Update(suite);
            }
            hmac.GetHashAndReset(expected);
        }
    }
}
