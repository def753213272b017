using System;
using System.Collections;

namespace OpenMvSsl.Util
{
    /// <summary>
    /// Reads certificates and keys given as PEM text (RFC 7468) or as raw DER, without
    /// System.Text: PEM is ASCII, so it is scanned as bytes. Every problem is an SslException
    /// with BadKeyOrCertificate and a message that says what was found.
    /// </summary>
    public static class Pem
    {
        public const string Certificate = "CERTIFICATE";
        public const string PrivateKey = "PRIVATE KEY";
        public const string EcPrivateKey = "EC PRIVATE KEY";
        public const string RsaPrivateKey = "RSA PRIVATE KEY";
        public const string EncryptedPrivateKey = "ENCRYPTED PRIVATE KEY";

        private static readonly string[] KeyLabels = { PrivateKey, EcPrivateKey, RsaPrivateKey };
        private static readonly string[] CertificateLabels = { Certificate };

        private const string BeginMarker = "-----BEGIN ";
        private const string EndMarker = "-----END ";
        private const string Dashes = "-----";

        /// <summary>True when the bytes contain a PEM BEGIN line (anything else is treated as DER).</summary>
        public static bool IsPem(byte[] data)
        {
            return data != null && IndexOf(data, BeginMarker, 0) >= 0;
        }

        /// <summary>
        /// The DER contents of every PEM block whose label is one of <paramref name="labels"/>, in
        /// the order they appear; blocks with other labels are skipped. Returns an empty array
        /// when no block matches. <paramref name="what"/> names the input in messages.
        /// </summary>
        public static byte[][] Decode(byte[] data, string[] labels, string what)
        {
            if (data == null || data.Length == 0) throw Bad(what + " is empty");
            ArrayList found = new ArrayList();
            int at = 0;
            while (true)
            {
                int begin = IndexOf(data, BeginMarker, at);
                if (begin < 0) break;
                int labelStart = begin + BeginMarker.Length;
                int labelEnd = IndexOf(data, Dashes, labelStart);
                int lineEnd = LineEnd(data, labelStart);
                if (labelEnd < 0 || labelEnd > lineEnd) throw Bad(what + ": malformed PEM BEGIN line at byte " + begin);
                string label = Ascii(data, labelStart, labelEnd - labelStart);
                int bodyStart = labelEnd + Dashes.Length;
                int end = IndexOf(data, EndMarker, bodyStart);
                if (end < 0) throw Bad(what + ": the PEM block \"" + label + "\" has no END line (truncated?)");
                int endLabelEnd = IndexOf(data, Dashes, end + EndMarker.Length);
                if (endLabelEnd < 0) throw Bad(what + ": malformed PEM END line for \"" + label + "\"");
                string endLabel = Ascii(data, end + EndMarker.Length, endLabelEnd - end - EndMarker.Length);
                if (endLabel != label)
                    throw Bad(what + ": PEM block BEGIN \"" + label + "\" ends with END \"" + endLabel + "\"");
                if (Contains(labels, label))
                    found.Add(DecodeBody(data, bodyStart, end, label, what));
                at = endLabelEnd + Dashes.Length;
            }
            byte[][] blocks = new byte[found.Count][];
            for (int i = 0; i < blocks.Length; i++) blocks[i] = (byte[])found[i];
            return blocks;
        }

        /// <summary>
        /// Certificates from PEM (one or more CERTIFICATE blocks, in order) or one DER certificate.
        /// </summary>
        public static byte[][] DecodeCertificates(byte[] data, string what)
        {
            if (data == null || data.Length == 0) throw Bad(what + " is empty");
            if (!IsPem(data))
            {
                CheckDer(data, what);
                return new byte[][] { data };
            }
            byte[][] certificates = Decode(data, CertificateLabels, what);
            for (int i = 0; i < certificates.Length; i++) CheckDer(certificates[i], what + " (certificate " + (i + 1) + ")");
            if (certificates.Length == 0)
            {
                string labels = LabelsIn(data);
                if (LooksLikeKey(labels))
                    throw Bad(what + " holds a private key, not a certificate (found: " + labels + "); are cert and key swapped?");
                throw Bad(what + " has no CERTIFICATE block (found: " + labels + ")");
            }
            return certificates;
        }

        /// <summary>
        /// The private key from PEM (the first PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY
        /// block) or DER as given. Encrypted keys are refused with a message saying so.
        /// </summary>
        public static byte[] DecodePrivateKey(byte[] data, string what)
        {
            if (data == null || data.Length == 0) throw Bad(what + " is empty");
            if (!IsPem(data))
            {
                CheckDer(data, what);
                return data;
            }
            byte[][] keys = Decode(data, KeyLabels, what);
            if (keys.Length > 0)
            {
                CheckDer(keys[0], what);
                return keys[0];
            }
            string labels = LabelsIn(data);
            if (labels.IndexOf(EncryptedPrivateKey) >= 0)
                throw Bad(what + " is an encrypted private key; decrypt it first (openssl pkey -in key.pem -out plain.pem)");
            if (labels.IndexOf(Certificate) >= 0)
                throw Bad(what + " holds a certificate, not a private key (found: " + labels + "); are cert and key swapped?");
            throw Bad(what + " has no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block (found: " + labels + ")");
        }

        /// <summary>The labels of all PEM blocks, comma-separated ("none" when there are none).</summary>
        public static string LabelsIn(byte[] data)
        {
            string labels = "";
            int at = 0;
            while (data != null)
            {
                int begin = IndexOf(data, BeginMarker, at);
                if (begin < 0) break;
                int labelStart = begin + BeginMarker.Length;
                int labelEnd = IndexOf(data, Dashes, labelStart);
                if (labelEnd < 0) break;
                labels = labels.Length == 0 ? Ascii(data, labelStart, labelEnd - labelStart)
                    : labels + ", " + Ascii(data, labelStart, labelEnd - labelStart);
                at = labelEnd + Dashes.Length;
            }
            return labels.Length == 0 ? "none" : labels;
        }

        private static bool LooksLikeKey(string labels)
        {
            return labels.IndexOf("PRIVATE KEY") >= 0;
        }

        private static byte[] DecodeBody(byte[] data, int start, int end, string label, string what)
        {
            // Collect base64 characters; skip line breaks and whitespace. RFC 1421 headers
            // ("Proc-Type: 4,ENCRYPTED") mark legacy encrypted keys.
            char[] chars = new char[end - start];
            int count = 0;
            int lineStart = start;
            while (lineStart < end)
            {
                int lineEnd = LineEnd(data, lineStart);
                if (lineEnd > end) lineEnd = end;
                if (IndexOfByte(data, (byte)':', lineStart, lineEnd) >= 0)
                {
                    if (IndexOf(data, "ENCRYPTED", lineStart) >= 0 && IndexOf(data, "ENCRYPTED", lineStart) < lineEnd)
                        throw Bad(what + ": the " + label + " block is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)");
                }
                else
                {
                    for (int i = lineStart; i < lineEnd; i++)
                    {
                        byte b = data[i];
                        if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                        if (!IsBase64(b))
                            throw Bad(what + ": the " + label + " block has a character that is not base64 (byte 0x"
                                + HexByte(b) + " at offset " + i + ")");
                        chars[count++] = (char)b;
                    }
                }
                lineStart = lineEnd + 1;
            }
            if (count == 0) throw Bad(what + ": the " + label + " block is empty");
            if ((count & 3) != 0)
                throw Bad(what + ": the " + label + " block's base64 has " + count + " characters, not a multiple of 4 (truncated?)");
            for (int i = 0; i < count - 2; i++)
                if (chars[i] == '=') throw Bad(what + ": the " + label + " block has '=' padding in the middle");
            byte[] der;
            try
            {
                der = Convert.FromBase64String(new string(chars, 0, count));
            }
            catch (Exception)
            {
                throw Bad(what + ": the " + label + " block is not valid base64");
            }
            return der;
        }

        /// <summary>Checks that the bytes are exactly one DER SEQUENCE (how certificates and keys start).</summary>
        private static void CheckDer(byte[] der, string what)
        {
            if (der.Length < 2 || der[0] != 0x30)
                throw Bad(what + " is neither PEM (no \"-----BEGIN\" line) nor DER (does not start with a SEQUENCE)");
            int lengthByte = der[1];
            long contentLength;
            int headerLength;
            if (lengthByte < 0x80)
            {
                contentLength = lengthByte;
                headerLength = 2;
            }
            else
            {
                int count = lengthByte & 0x7F;
                if (count == 0 || count > 4 || der.Length < 2 + count)
                    throw Bad(what + ": DER length field is malformed");
                contentLength = 0;
                for (int i = 0; i < count; i++) contentLength = (contentLength << 8) | der[2 + i];
                headerLength = 2 + count;
            }
            long total = headerLength + contentLength;
            if (total != der.Length)
                throw Bad(what + ": DER says " + total + " bytes but " + der.Length + " were given (truncated or extra data?)");
        }

        private static SslException Bad(string message)
        {
            return new SslException(SslError.BadKeyOrCertificate, message);
        }

        private static bool Contains(string[] labels, string label)
        {
            for (int i = 0; i < labels.Length; i++)
                if (labels[i] == label) return true;
            return false;
        }

        private static bool IsBase64(byte b)
        {
            return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=';
        }

        private static int LineEnd(byte[] data, int start)
        {
            for (int i = start; i < data.Length; i++)
                if (data[i] == '\n') return i;
            return data.Length;
        }

        private static int IndexOfByte(byte[] data, byte value, int start, int end)
        {
            for (int i = start; i < end; i++)
                if (data[i] == value) return i;
            return -1;
        }

        private static int IndexOf(byte[] data, string ascii, int start)
        {
            int last = data.Length - ascii.Length;
            for (int i = start; i <= last; i++)
            {
                int j = 0;
                while (j < ascii.Length && data[i + j] == ascii[j]) j++;
                if (j == ascii.Length) return i;
            }
            return -1;
        }

        private static string Ascii(byte[] data, int start, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                byte b = data[start + i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }
            return new string(chars);
        }

        private static string HexByte(byte b)
        {
            const string digits = "0123456789abcdef";
            return new string(new char[] { digits[b >> 4], digits[b & 15] });
        }
    }
}
