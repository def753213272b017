using System;

namespace OpenMvSsl.Util
{
    /// <summary>Network byte order reads and writes, the only integer encoding TLS uses.</summary>
    internal static class BigEndian
    {
        internal static int ReadUInt16(SpanByte s, int offset)
        {
            return (s[offset] << 8) | s[offset + 1];
        }

        internal static int ReadUInt24(SpanByte s, int offset)
        {
            return (s[offset] << 16) | (s[offset + 1] << 8) | s[offset + 2];
        }

        internal static long ReadUInt48(SpanByte s, int offset)
        {
            long v = 0;
            for (int i = 0; i < 6; i++) v = (v << 8) | s[offset + i];
            return v;
        }

        internal static void WriteUInt16(SpanByte s, int offset, int value)
        {
            s[offset] = (byte)(value >> 8);
            s[offset + 1] = (byte)value;
        }

        internal static void WriteUInt24(SpanByte s, int offset, int value)
        {
            s[offset] = (byte)(value >> 16);
            s[offset + 1] = (byte)(value >> 8);
            s[offset + 2] = (byte)value;
        }

        internal static void WriteUInt48(SpanByte s, int offset, long value)
        {
            for (int i = 5; i >= 0; i--)
            {
                s[offset + i] = (byte)value;
                value >>= 8;
            }
        }

        internal static void WriteUInt64(SpanByte s, int offset, long value)
        {
            for (int i = 7; i >= 0; i--)
            {
                s[offset + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
