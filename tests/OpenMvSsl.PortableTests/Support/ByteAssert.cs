using System;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Byte-array comparison, which nanoFramework.TestFramework does not have. Reports the first
    /// differing index and both lengths so a failure on a device says enough without a debugger.
    /// </summary>
    public static class ByteAssert
    {
        public static void AreEqual(byte[] expected, byte[] actual, string message = "")
        {
            Assert.IsNotNull(expected, "expected bytes are null. " + message);
            Assert.IsNotNull(actual, "actual bytes are null. " + message);
            AreEqual(expected, 0, expected.Length, actual, 0, actual.Length, message);
        }

        public static void AreEqual(byte[] expected, byte[] actual, int actualOffset, int actualLength, string message = "")
        {
            Assert.IsNotNull(expected, "expected bytes are null. " + message);
            Assert.IsNotNull(actual, "actual bytes are null. " + message);
            AreEqual(expected, 0, expected.Length, actual, actualOffset, actualLength, message);
        }

        private static void AreEqual(byte[] expected, int expectedOffset, int expectedLength, byte[] actual, int actualOffset, int actualLength, string message)
        {
            int common = expectedLength < actualLength ? expectedLength : actualLength;
            for (int i = 0; i < common; i++)
            {
                if (expected[expectedOffset + i] != actual[actualOffset + i])
                {
                    Assert.IsTrue(false, "bytes differ at index " + i + ": expected 0x" + expected[expectedOffset + i].ToString("X2")
                        + ", got 0x" + actual[actualOffset + i].ToString("X2") + ". " + message);
                }
            }
            Assert.IsTrue(expectedLength == actualLength, "expected " + expectedLength + " bytes, got " + actualLength + ". " + message);
        }

        public static void AreNotEqual(byte[] notExpected, byte[] actual, string message = "")
        {
            Assert.IsNotNull(notExpected, "bytes are null. " + message);
            Assert.IsNotNull(actual, "bytes are null. " + message);
            if (notExpected.Length != actual.Length) return;
            for (int i = 0; i < actual.Length; i++)
                if (notExpected[i] != actual[i]) return;
            Assert.IsTrue(false, "the " + actual.Length + " bytes are identical. " + message);
        }
    }
}
