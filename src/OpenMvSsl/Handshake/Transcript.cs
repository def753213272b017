using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake
{
    /// <summary>
    /// The handshake messages exchanged so far, kept as bytes: TLS 1.2 needs them hashed with a
    /// hash that is only known after ServerHello, and signed whole by CertificateVerify. Freed
    /// when the handshake ends.
    /// </summary>
    public sealed class Transcript
    {
        private byte[] data = new byte[1024];
        private int length;

        public int Length { get { return length; } }

        public void Append(SpanByte message)
        {
            if (length + message.Length > data.Length)
            {
                int capacity = data.Length < 256 ? 256 : data.Length * 2;
                while (capacity < length + message.Length) capacity *= 2;
                var bigger = new byte[capacity];
                Array.Copy(data, bigger, length);
                data = bigger;
            }
            message.CopyTo(new SpanByte(data, length, message.Length));
            length += message.Length;
        }

        /// <summary>Everything so far (a view: do not keep it across Append).</summary>
        public SpanByte Bytes { get { return new SpanByte(data, 0, length); } }

        /// <summary>Hash of everything so far.</summary>
        public byte[] Hash(ICryptoProvider provider, HashAlgorithm algorithm)
        {
            IHash hash = provider.CreateHash(algorithm);
            try
            {
                hash.Update(Bytes);
                var output = new byte[hash.Length];
                hash.GetHashAndReset(output);
                return output;
            }
            finally
            {
                hash.Dispose();
            }
        }

        public void Reset()
        {
            Array.Clear(data, 0, length);
            length = 0;
        }

        /// <summary>Drops the buffer for good once the handshake is over.</summary>
        public void Release()
        {
            Reset();
            data = new byte[0];
        }
    }
}
