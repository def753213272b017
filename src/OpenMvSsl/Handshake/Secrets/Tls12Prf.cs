using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>
    /// The TLS 1.2 PRF (RFC 5246 5): P_hash(secret, label + seed) with the suite's hash. One
    /// instance per connection; it keeps small scratch buffers so that deriving allocates
    /// only the HMAC key object.
    /// </summary>
    public sealed class Tls12Prf
    {
        private readonly ICryptoProvider provider;
        private readonly HashAlgorithm hash;
        private readonly byte[] a;
        private readonly byte[] block;
        private byte[] labelSeed = new byte[96];

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
            // label + seed is hashed once per block: join it once so each HMAC is one update, not three.
            int labelSeedLength = label.Length + seed1.Length + seed2.Length;
            if (labelSeed.Length < labelSeedLength) labelSeed = new byte[labelSeedLength];
            new SpanByte(label).CopyTo(new SpanByte(labelSeed, 0, label.Length));
            seed1.CopyTo(new SpanByte(labelSeed, label.Length, seed1.Length));
            seed2.CopyTo(new SpanByte(labelSeed, label.Length + seed1.Length, seed2.Length));
            SpanByte joined = new SpanByte(labelSeed, 0, labelSeedLength);

            IHmac hmac = provider.CreateHmac(hash, secret);
            try
            {
                // A(1) = HMAC(secret, label + seed)
                hmac.Update(joined);
                hmac.GetHashAndReset(a);
                int done = 0;
                while (true)
                {
                    // P_hash block i = HMAC(secret, A(i) + label + seed)
                    hmac.Update(a);
                    hmac.Update(joined);
                    hmac.GetHashAndReset(block);
                    int take = output.Length - done < block.Length ? output.Length - done : block.Length;
                    new SpanByte(block, 0, take).CopyTo(output.Slice(done));
                    done += take;
                    if (done >= output.Length) break;
                    // A(i + 1) = HMAC(secret, A(i)), only when another block follows.
                    hmac.Update(a);
                    hmac.GetHashAndReset(a);
                }
            }
            finally
            {
                hmac.Dispose();
                Array.Clear(a, 0, a.Length);
                Array.Clear(block, 0, block.Length);
                Array.Clear(labelSeed, 0, labelSeed.Length);
            }
        }
    }
}
