using System;
using System.Collections;

namespace OpenMvSsl
{
    /// <summary>
    /// A server's PSK identities and keys in memory: the simple <see cref="IPskKeyStore"/>
    /// (MicroPython's <c>server_psk_keys</c> dictionary). Implement IPskKeyStore yourself to look
    /// keys up elsewhere (flash, a secure element).
    /// </summary>
    public sealed class PskKeyTable : IPskKeyStore
    {
        private readonly ArrayList identities = new ArrayList();
        private readonly ArrayList keys = new ArrayList();

        /// <summary>Adds (or replaces) the key for an identity.</summary>
        public void Add(byte[] identity, byte[] key)
        {
            if (identity == null || identity.Length == 0 || identity.Length > 65535)
                throw new SslException(SslError.InvalidArgument, "PSK identity must be 1 to 65535 bytes");
            if (key == null || key.Length == 0)
                throw new SslException(SslError.InvalidArgument, "PSK key must not be empty");
            int index = IndexOf(identity);
            if (index >= 0)
            {
                keys[index] = TextBytes.Copy(key);
                return;
            }
            identities.Add(TextBytes.Copy(identity));
            keys.Add(TextBytes.Copy(key));
        }

        /// <summary>Adds an identity given as text (UTF-8) with its key as hex digits.</summary>
        public void Add(string identity, string hexKey)
        {
            if (identity == null) throw new SslException(SslError.InvalidArgument, "PSK identity is missing");
            Add(TextBytes.Utf8(identity), TextBytes.ParseHex(hexKey, "PSK key"));
        }

        /// <summary>Removes an identity; returns false when it was not there.</summary>
        public bool Remove(byte[] identity)
        {
            int index = IndexOf(identity);
            if (index < 0) return false;
            identities.RemoveAt(index);
            keys.RemoveAt(index);
            return true;
        }

        public int Count { get { return identities.Count; } }

        /// <summary>The key for <paramref name="identity"/>, or null when it is unknown.</summary>
        public byte[] GetKey(byte[] identity)
        {
            int index = IndexOf(identity);
            return index < 0 ? null : (byte[])keys[index];
        }

        private int IndexOf(byte[] identity)
        {
            if (identity == null) return -1;
            for (int i = 0; i < identities.Count; i++)
                if (TextBytes.SameBytes((byte[])identities[i], identity)) return i;
            return -1;
        }
    }
}
