using System;
using OpenMvSsl.Handshake.Messages;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>Byte/string conversion for the ASCII-only names TLS carries (SNI, ALPN); no System.Text needed.</summary>
    internal static class Ascii
    {
        /// <summary>Decodes printable ASCII; anything else is illegal_parameter naming <paramref name="what"/>.</summary>
        internal static string Decode(byte[] bytes, string what)
        {
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                int b = bytes[i];
                if (b < 0x20 || b > 0x7E)
                    throw WireError.Illegal(what + " contains the non-printable byte 0x" + b.ToString("X2"));
                chars[i] = (char)b;
            }
            return new string(chars);
        }

        internal static byte[] Encode(string text, string what)
        {
            if (text == null) throw WireError.Argument(what + " is null");
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x20 || c > 0x7E) throw WireError.Argument(what + " must be printable ASCII");
                bytes[i] = (byte)c;
            }
            return bytes;
        }
    }
}
