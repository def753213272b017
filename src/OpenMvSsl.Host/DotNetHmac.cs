using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>HMAC-SHA-256 / HMAC-SHA-384 over IncrementalHash; the key stays for every message.</summary>
    public sealed class DotNetHmac : IHmac
    {
        private readonly OpenMvSsl.Crypto.HashAlgorithm _algorithm;
        private readonly int _length;
        private IncrementalHash _hmac;

        public DotNetHmac(OpenMvSsl.Crypto.HashAlgorithm algorithm, ReadOnlySpan<byte> key)
        {
            _algorithm = algorithm;
            _length = HashNames.LengthOf(algorithm);
            _hmac = IncrementalHash.CreateHMAC(HashNames.ToDotNet(algorithm), key);
        }

        public OpenMvSsl.Crypto.HashAlgorithm Algorithm { get { return _algorithm; } }

        public int Length { get { return _length; } }

        public void Update(SpanByte data)
        {
            Live().AppendData(data);
        }

        public void GetHashAndReset(SpanByte output)
        {
            HashNames.CheckOutput(output, _length);
            Live().GetHashAndReset(output.Slice(0, _length));
        }

        public void Dispose()
        {
            if (_hmac != null) _hmac.Dispose();
            _hmac = null;
        }

        private IncrementalHash Live()
        {
            if (_hmac == null) throw new SslException(SslError.InvalidState, "This HMAC has been disposed.");
            return _hmac;
        }
    }
}
