using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>An incremental hash (the handshake transcript needs its value mid-way).</summary>
    public interface IHash : IDisposable
    {
        HashAlgorithm Algorithm { get; }

        /// <summary>Digest length in bytes.</summary>
        int Length { get; }

        void Update(SpanByte data);

        /// <summary>Writes the digest of everything so far; hashing may go on afterwards.</summary>
        void GetCurrentHash(SpanByte output);

        /// <summary>Writes the digest and starts again from empty.</summary>
        void GetHashAndReset(SpanByte output);
    }
}
