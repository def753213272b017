using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// The last few peer certificates whose P-256 keys were read, with the libcrypto key made from
    /// each. A client that reconnects to the same server (or a server that sees the same client
    /// certificate) skips X509 parsing (~170 us) and key import. Keyed by the whole certificate DER,
    /// not just its SubjectPublicKeyInfo: identical bytes give an identical parse result, so a
    /// cached answer is exactly what parsing again would return. Thread-safe; bounded at Capacity
    /// entries, least recently used first out. Evicted keys are not disposed (a handshake may still
    /// verify with one); their SafeHandle frees them once unreferenced.
    /// </summary>
    internal sealed class PeerKeyCache
    {
        public const int Capacity = 8;

        private readonly byte[][] _certificates = new byte[Capacity][];
        private readonly OpenSslEcKey[] _keys = new OpenSslEcKey[Capacity];
        private readonly long[] _lastUse = new long[Capacity];
        private readonly object _lock = new object();
        private long _clock;

        /// <summary>The key read earlier from exactly these certificate bytes, or null.</summary>
        public OpenSslEcKey Find(ReadOnlySpan<byte> certificateDer)
        {
            lock (_lock)
            {
                for (int i = 0; i < Capacity; i++)
                {
                    if (_certificates[i] != null && certificateDer.SequenceEqual(_certificates[i]))
                    {
                        _lastUse[i] = ++_clock;
                        return _keys[i];
                    }
                }
            }
            return null;
        }

        public void Add(ReadOnlySpan<byte> certificateDer, OpenSslEcKey key)
        {
            byte[] copy = certificateDer.ToArray();
            lock (_lock)
            {
                int slot = 0;
                for (int i = 0; i < Capacity; i++)
                {
                    if (_certificates[i] == null) { slot = i; break; }
                    if (certificateDer.SequenceEqual(_certificates[i])) return;
                    if (_lastUse[i] < _lastUse[slot]) slot = i;
                }
                _certificates[slot] = copy;
                _keys[slot] = key;
                _lastUse[slot] = ++_clock;
            }
        }
    }
}
