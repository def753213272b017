using System;
using OpenMvSsl.Crypto.Omv;

namespace OpenMvSsl.Device
{
    /// <summary>The firmware's certificate functions (nanoFramework interop) behind <see cref="IOmvX509"/>.</summary>
    internal sealed class DeviceX509 : IOmvX509
    {
        public int Verify(byte[] chain, int[] chainLengths, byte[] anchors, int[] anchorLengths, string dnsName, long unixNow,
            out int reasons, out int problemIndex)
        {
            // Interop parameters are byte[], int and string only: lengths travel as 4-byte big-endian
            // values and the 64-bit time as two halves.
            return NativeCrypto.X509Verify(chain, BigEndianLengths(chainLengths), chainLengths.Length,
                anchors, BigEndianLengths(anchorLengths), anchorLengths.Length, dnsName,
                (int)(unixNow >> 32), (int)unixNow, out reasons, out problemIndex);
        }

        public int Describe(byte[] der, int which, byte[] output)
        {
            return NativeCrypto.X509Describe(der, 0, der.Length, which, output, 0, output.Length);
        }

        public int Validity(byte[] der, out long notBeforeUnix, out long notAfterUnix)
        {
            byte[] times = new byte[16];
            int status = NativeCrypto.X509Validity(der, 0, der.Length, times, 0);
            notBeforeUnix = ReadInt64(times, 0);
            notAfterUnix = ReadInt64(times, 8);
            return status;
        }

        private static byte[] BigEndianLengths(int[] lengths)
        {
            byte[] encoded = new byte[lengths.Length * 4];
            for (int i = 0; i < lengths.Length; i++)
            {
                encoded[i * 4] = (byte)(lengths[i] >> 24);
                encoded[i * 4 + 1] = (byte)(lengths[i] >> 16);
                encoded[i * 4 + 2] = (byte)(lengths[i] >> 8);
                encoded[i * 4 + 3] = (byte)lengths[i];
            }
            return encoded;
        }

        private static long ReadInt64(byte[] buffer, int offset)
        {
            long value = 0;
            for (int i = 0; i < 8; i++) value = (value << 8) | buffer[offset + i];
            return value;
        }
    }
}
