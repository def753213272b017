using System;
using System.IO;
using System.Text;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Writes the PSK file gnutls-serv reads with --pskpasswd: one "identity:hexkey" line per
    /// client. openssl takes the same hex key on its command line (-psk).
    /// </summary>
    public static class PskPasswordFile
    {
        /// <summary>Writes <paramref name="path"/> with one line per identity/key pair.</summary>
        public static string Write(string path, string[] identities, byte[][] keys)
        {
            if (identities == null || keys == null || identities.Length != keys.Length)
                throw new ArgumentException("one key per identity");
            var text = new StringBuilder();
            for (int i = 0; i < identities.Length; i++)
            {
                if (identities[i].IndexOf(':') >= 0 || identities[i].IndexOf('\n') >= 0)
                    throw new ArgumentException("identity cannot contain ':' or a newline: " + identities[i]);
                text.Append(identities[i]).Append(':').Append(Hex(keys[i])).Append('\n');
            }
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
            return path;
        }

        /// <summary>Writes a file with a single identity.</summary>
        public static string Write(string path, string identity, byte[] key)
        {
            return Write(path, new[] { identity }, new[] { key });
        }

        /// <summary>Lower-case hex without separators, as gnutls and openssl expect it.</summary>
        public static string Hex(byte[] key)
        {
            if (key == null || key.Length == 0) throw new ArgumentException("empty PSK");
            return Convert.ToHexString(key).ToLowerInvariant();
        }
    }
}
