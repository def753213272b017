using System;

namespace OpenMvSsl.Device
{
    /// <summary>
    /// Spans cannot cross nanoFramework's interop (only byte[] can), so wrappers copy through a
    /// scratch array they keep and grow; no allocation per call once it is large enough.
    /// </summary>
    internal static class Scratch
    {
        public static byte[] Ensure(byte[] current, int needed)
        {
            if (current != null && current.Length >= needed) return current;
            int size = current == null ? 64 : current.Length;
            while (size < needed) size *= 2;
            return new byte[size];
        }

        /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> at <paramref name="offset"/>.</summary>
        public static void Put(SpanByte source, byte[] target, int offset)
        {
            if (source.Length > 0) source.CopyTo(new SpanByte(target, offset, source.Length));
        }

        public static void Zero(SpanByte target)
        {
            for (int i = 0; i < target.Length; i++) target[i] = 0;
        }

        /// <summary>Copies <paramref name="length"/> bytes of <paramref name="source"/> from <paramref name="offset"/> into <paramref name="target"/>.</summary>
        public static void Get(byte[] source, int offset, int length, SpanByte target)
        {
            if (length > 0) new SpanByte(source, offset, length).CopyTo(target);
        }
    }
}
