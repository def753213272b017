using System.Collections.Generic;
using System.Text;
using Org.BouncyCastle.Tls;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>Server-side PSK lookup over the identity-to-key map of <see cref="BcServerOptions"/>.</summary>
    internal sealed class BcPskIdentityManager : TlsPskIdentityManager
    {
        private readonly Dictionary<string, byte[]> keys;
        private readonly byte[] hint;

        public BcPskIdentityManager(Dictionary<string, byte[]> keys, byte[] hint)
        {
            this.keys = new Dictionary<string, byte[]>(keys);
            this.hint = hint;
        }

        public byte[] GetHint()
        {
            return hint;
        }

        /// <summary>A copy of the key (BouncyCastle zeroes the array it is given once the premaster
        /// secret is built), or null for an unknown identity, which BouncyCastle answers with
        /// unknown_psk_identity.</summary>
        public byte[] GetPsk(byte[] identity)
        {
            return keys.TryGetValue(Encoding.UTF8.GetString(identity), out byte[] key) ? (byte[])key.Clone() : null;
        }
    }
}
