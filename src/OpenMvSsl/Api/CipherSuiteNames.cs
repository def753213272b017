using System;
using OpenMvSsl.Handshake.Messages;

namespace OpenMvSsl
{
    /// <summary>
    /// Name handling for SslContext.GetCiphers/SetCiphers over the handshake's suite table
    /// (Handshake/Messages/CipherSuites): accepts IANA, OpenSSL and mbedTLS spellings and
    /// recognises CBC names so that refusing them can say why.
    /// </summary>
    internal static class CipherSuiteNames
    {
        public static int Count { get { return CipherSuites.Count; } }

        public static string IanaName(int index) { return CipherSuites.At(index).IanaName; }

        public static int Code(int index) { return CipherSuites.At(index).Code; }

        public static bool IsTls13(int index) { return CipherSuites.At(index).IsTls13; }

        /// <summary>The IANA name for a code point (hex when unknown).</summary>
        public static string NameOf(int code)
        {
            return CipherSuites.Name(code);
        }

        /// <summary>
        /// Index of a suite named the IANA way (TLS_...), the mbedTLS way (TLS-...-WITH-...) or the
        /// OpenSSL way (ECDHE-ECDSA-AES128-GCM-SHA256); case does not matter. -1 when unknown.
        /// </summary>
        public static int Find(string name)
        {
            CipherSuite suite = CipherSuites.FindByName(name);
            if (suite == null && name.Length > 4 && (name[0] == 'T' || name[0] == 't') && name[3] == '-')
                suite = CipherSuites.FindByName(DashesToUnderscores(name));
            if (suite == null) return -1;
            for (int i = 0; i < CipherSuites.Count; i++)
                if (CipherSuites.At(i).Code == suite.Code) return i;
            return -1;
        }

        /// <summary>True for names of CBC (MAC-then-encrypt) suites, which this library never offers.</summary>
        public static bool LooksLikeCbc(string name)
        {
            string upper = name.ToUpper();
            if (upper.IndexOf("CBC") >= 0) return true;
            if (upper.IndexOf("GCM") >= 0 || upper.IndexOf("CCM") >= 0 || upper.IndexOf("CHACHA") >= 0) return false;
            bool blockCipher = upper.IndexOf("AES") >= 0 || upper.IndexOf("CAMELLIA") >= 0 || upper.IndexOf("ARIA") >= 0
                || upper.IndexOf("DES") >= 0 || upper.IndexOf("SEED") >= 0 || upper.IndexOf("IDEA") >= 0;
            return blockCipher && (EndsWith(upper, "SHA") || EndsWith(upper, "SHA256") || EndsWith(upper, "SHA384"));
        }

        private static string DashesToUnderscores(string name)
        {
            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (chars[i] == '-') chars[i] = '_';
            return new string(chars);
        }

        private static bool EndsWith(string text, string suffix)
        {
            return text.Length >= suffix.Length && text.Substring(text.Length - suffix.Length) == suffix;
        }
    }
}
