using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>
    /// The TLS 1.2 PRF (RFC 5246 5): P_hash(secret, label + seed) with the suite's hash. One
    /// instance per connection; it keeps two small scratch buffers so that deriving allocates
    /// only the HMAC key object.
    /// </summary>
    public sealed class Tls12Prf
    {
        private readonly ICryptoProvider provider;
        private readonly HashAlgorithm hash;
        private readonly byte[] a;
        private readonly byte[] block;

        public Tls12Prf(ICryptoProvider provider, HashAlgorithm hash)
        {
            this.provider = provider;
            this.hash = hash;
            int length = hash == HashAlgorithm.Sha384 ? 48 : 32;
            a = new byte[length];
            block = new byte[length];
        }

        public HashAlgorithm Hash { get { return hash; } }

        /// <summary>Fills <paramref name="output"/> with PRF(secret, label, seed1 + seed2).</summary>
        public void Derive(SpanByte secret, byte[] label, SpanByte seed1, SpanByte seed2, SpanByte output)
        {
            IHmac hmac = provider.CreateHmac(hash, secret);
            try
            {
                // A(1) = HMAC(secret, label + seed)
                hmac.Update(label);
                hmac.Update(seed1);
                hmac.Update(seed2);
                hmac.GetHashAndReset(a);
                int done = 0;
                while (done < output.Length)
                {
                    // P_hash block i = HMAC(secret, A(i) + label + seed)
                    hmac.Update(a);
                    hmac.Update(label);
                    hmac.Update(seed1);
                    hmac.Update(seed2);
                    hmac.GetHashAndReset(block);
                    int take = output.Length - done < block.Length ? output.Length - done : block.Length;
                    new SpanByte(block, 0, take).CopyTo(output.Slice(done));
                    done += take;
                    // A(i + 1) = HMAC(secret, A(i))
                    hmac.Update(a);
                    hmac.GetHashAndReset(a);
                }
            }
            finally
            {
                hmac.Dispose();
                Array.Clear(a, 0, a.Length);
                Array.Clear(block, 0, block.Length);
            }
        }
    }
}
