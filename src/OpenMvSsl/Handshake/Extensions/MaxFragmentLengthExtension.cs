using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// max_fragment_length (RFC 6066 4): one byte, 1..4 meaning 2^9, 2^10, 2^11, 2^12 bytes.
    /// Any other value is illegal_parameter.
    /// </summary>
    public sealed class MaxFragmentLengthExtension : ExtensionBody
    {
        /// <summary>The code on the wire, 1..4.</summary>
        public int Code;

        public MaxFragmentLengthExtension(int code)
        {
            if (code < 1 || code > 4) throw WireError.Argument("max_fragment_length code must be 1..4, not " + code);
            Code = code;
        }

        /// <summary>The extension for a length of 512, 1024, 2048 or 4096 bytes.</summary>
        public static MaxFragmentLengthExtension FromLength(int length)
        {
            for (int code = 1; code <= 4; code++)
                if (LengthOf(code) == length) return new MaxFragmentLengthExtension(code);
            throw WireError.Argument("max_fragment_length must be 512, 1024, 2048 or 4096, not " + length);
        }

        /// <summary>The plaintext fragment limit in bytes that <see cref="Code"/> stands for.</summary>
        public int MaxFragmentLength { get { return LengthOf(Code); } }

        public override ExtensionType Type { get { return ExtensionType.MaxFragmentLength; } }

        public static MaxFragmentLengthExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            int code = r.ReadUInt8("max_fragment_length value");
            r.EnsureEnd("max_fragment_length extension");
            if (code < 1 || code > 4) throw WireError.Illegal("max_fragment_length value " + code + " is not one of 1..4");
            return new MaxFragmentLengthExtension(code);
        }

        public override void Write(ByteWriter w)
        {
            w.WriteUInt8(Code);
        }

        private static int LengthOf(int code)
        {
            return 1 << (8 + code);
        }
    }
}
