using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>
    /// HKDF (RFC 5869) over the provider's HMAC, and the two TLS 1.3 wrappers around it:
    /// HKDF-Expand-Label and Derive-Secret (RFC 8446 7.1).
    /// </summary>
    public static class Hkdf
    {
        /// <summary>Every TLS 1.3 label starts with this (RFC 8446 7.1).</summary>
        private const string LabelPrefix = "tls13 ";
        private const int MaxLabelLength = 255;
        private const int MaxContextLength = 255;

        /// <summary>Output length of <paramref name="hash"/> in bytes (HashLen in the RFCs).</summary>
        public static int HashLength(HashAlgorithm hash)
        {
            switch (hash)
            {
                case HashAlgorithm.Sha256: return 32;
                case HashAlgorithm.Sha384: return 48;
                default: throw new SslException(SslError.UnsupportedAlgorithm, "unknown hash algorithm " + (int)hash);
            }
        }

        /// <summary>
        /// PRK = HMAC-Hash(salt, IKM), written to <paramref name="output"/> (HashLen bytes). An
        /// empty salt means HashLen zero bytes (RFC 5869 2.2).
        /// </summary>
        public static void Extract(ICryptoProvider provider, HashAlgorithm hash, SpanByte salt, SpanByte ikm, SpanByte output)
        {
            int hashLength = HashLength(hash);
            if (output.Length != hashLength)
                throw new SslException(SslError.InvalidArgument, "HKDF-Extract output must be " + hashLength + " bytes, got " + output.Length);
            // The zero salt is spelled out rather than left empty: not every HMAC backend accepts an empty key.
            byte[] zeroSalt = salt.IsEmpty ? new byte[hashLength] : null;
            IHmac hmac = provider.CreateHmac(hash, zeroSalt != null ? new SpanByte(zeroSalt) : salt);
            try
            {
                hmac.Update(ikm);
                hmac.GetHashAndReset(output);
            }
            finally
            {
                hmac.Dispose();
            }
        }

        /// <summary>
        /// Fills <paramref name="output"/> (at most 255 * HashLen bytes) with
        /// T(1) | T(2) | ..., T(i) = HMAC-Hash(PRK, T(i-1) | info | i) (RFC 5869 2.3).
        /// </summary>
        public static void Expand(ICryptoProvider provider, HashAlgorithm hash, SpanByte prk, SpanByte info, SpanByte output)
        {
            int hashLength = HashLength(hash);
            if (output.Length > 255 * hashLength)
                throw new SslException(SslError.InvalidArgument, "HKDF-Expand cannot produce " + output.Length + " bytes");
            var block = new byte[hashLength];
            var counter = new byte[1];
            IHmac hmac = provider.CreateHmac(hash, prk);
            try
            {
                int done = 0;
                for (int i = 1; done < output.Length; i++)
                {
                    if (i > 1) hmac.Update(block);
                    hmac.Update(info);
                    counter[0] = (byte)i;
                    hmac.Update(counter);
                    hmac.GetHashAndReset(block);
                    int take = output.Length - done < hashLength ? output.Length - done : hashLength;
                    new SpanByte(block, 0, take).CopyTo(output.Slice(done));
                    done += take;
                }
            }
            finally
            {
                hmac.Dispose();
                Array.Clear(block, 0, block.Length);
            }
        }

        /// <summary>
        /// HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 7.1). <paramref name="label"/>
        /// is given without the "tls13 " prefix, which is added here.
        /// </summary>
        public static byte[] ExpandLabel(ICryptoProvider provider, HashAlgorithm hash, SpanByte secret, string label, SpanByte context, int length)
        {
            byte[] info = HkdfLabel(label, context, length);
            var output = new byte[length];
            Expand(provider, hash, secret, info, output);
            return output;
        }

        /// <summary>
        /// Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label,
        /// Transcript-Hash(Messages), HashLen) (RFC 8446 7.1); the caller passes the transcript
        /// hash already computed.
        /// </summary>
        public static byte[] DeriveSecret(ICryptoProvider provider, HashAlgorithm hash, SpanByte secret, string label, SpanByte transcriptHash)
        {
            return ExpandLabel(provider, hash, secret, label, transcriptHash, HashLength(hash));
        }

        /// <summary>
        /// struct { uint16 length; opaque label&lt;7..255&gt; = "tls13 " + Label; opaque context&lt;0..255&gt;; } HkdfLabel.
        /// </summary>
        private static byte[] HkdfLabel(string label, SpanByte context, int length)
        {
            byte[] name = Ascii.Encode(LabelPrefix + label, "HKDF label");
            if (name.Length > MaxLabelLength)
                throw new SslException(SslError.InvalidArgument, "HKDF label is " + name.Length + " bytes, at most " + MaxLabelLength + " allowed");
            if (context.Length > MaxContextLength)
                throw new SslException(SslError.InvalidArgument, "HKDF context is " + context.Length + " bytes, at most " + MaxContextLength + " allowed");
            if (length < 0 || length > 0xFFFF)
                throw new SslException(SslError.InvalidArgument, "HKDF output length " + length + " does not fit in 16 bits");

            var info = new byte[2 + 1 + name.Length + 1 + context.Length];
            info[0] = (byte)(length >> 8);
            info[1] = (byte)length;
            info[2] = (byte)name.Length;
            Array.Copy(name, 0, info, 3, name.Length);
            info[3 + name.Length] = (byte)context.Length;
            context.CopyTo(new SpanByte(info, 4 + name.Length, context.Length));
            return info;
        }
    }
}
