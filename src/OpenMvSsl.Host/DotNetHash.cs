using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>SHA-256 / SHA-384 over IncrementalHash; no allocation after construction.</summary>
    public sealed class DotNetHash : IHash
    {
        private readonly OpenMvSsl.Crypto.HashAlgorithm _algorithm;
        private readonly int _length;
        private IncrementalHash _hash;

        public DotNetHash(OpenMvSsl.Crypto.HashAlgorithm algorithm)
        {
            _algorithm = algorithm;
            _length = HashNames.LengthOf(algorithm);
            _hash = IncrementalHash.CreateHash(HashNames.ToDotNet(algorithm));
        }

        public OpenMvSsl.Crypto.HashAlgorithm Algorithm { get { return _algorithm; } }

        public int Length { get { return _length; } }

        public void Update(SpanByte data)
        {
            Live().AppendData(data);
        }

        public void GetCurrentHash(SpanByte output)
        {
            HashNames.CheckOutput(output, _length);
            Live().GetCurrentHash(output.Slice(0, _length));
        }

        public void GetHashAndReset(SpanByte output)
        {
            HashNames.CheckOutput(output, _length);
            Live().GetHashAndReset(output.Slice(0, _length));
        }

        public void Dispose()
        {
            if (_hash != null) _hash.Dispose();
            _hash = null;
        }

        private IncrementalHash Live()
        {
            if (_hash == null) throw new SslException(SslError.InvalidState, "This hash has been disposed.");
            return _hash;
        }
    }
}
