using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>An HMAC with a fixed key, reusable for many messages (PRF, HKDF, cookies).</summary>
    public interface IHmac : IDisposable
    {
        HashAlgorithm Algorithm { get; }

        int Length { get; }

        void Update(SpanByte data);

        /// <summary>Writes the MAC of everything since the last reset and starts again, same key.</summary>
        void GetHashAndReset(SpanByte output);
    }
}
