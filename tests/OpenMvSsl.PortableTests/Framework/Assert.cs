using System;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Stand-in for nanoFramework.TestFramework's Assert with the same names and overloads
    /// (the non-generic AreEqual set, IsTrue/IsFalse, IsNull/IsNotNull, ThrowsException(Type, Action)),
    /// so that a test that compiles here compiles, and resolves to the same overloads, against the
    /// real framework on a device. Keep the overload set identical to the real one: a missing
    /// overload here could hide an ambiguity that only shows up in Visual Studio.
    /// </summary>
    public static class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(byte expected, byte actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(char expected, char actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(DateTime expected, DateTime actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(double expected, double actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(float expected, float actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(sbyte expected, sbyte actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(short expected, short actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(uint expected, uint actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(ulong expected, ulong actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(ushort expected, ushort actual, string message = "")
        {
            if (!expected.Equals(actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(string expected, string actual, string message = "")
        {
            if (!string.Equals(expected, actual)) FailNotEqual(expected, actual, message);
        }

        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!object.Equals(expected, actual)) FailNotEqual(expected, actual, message);
        }

        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition) Fail("Assert.IsTrue", message);
        }

        public static void IsFalse(bool condition, string message = "")
        {
            if (condition) Fail("Assert.IsFalse", message);
        }

        public static void IsNull(object value, string message = "")
        {
            if (value != null) Fail("Assert.IsNull", "got " + value + ". " + message);
        }

        public static void IsNotNull(object value, string message = "")
        {
            if (value == null) Fail("Assert.IsNotNull", message);
        }

        /// <summary>Passes when <paramref name="action"/> throws exactly <paramref name="exception"/> (not a subclass), as the real one does.</summary>
        public static void ThrowsException(Type exception, Action action, string message = "")
        {
            if (exception == null || action == null) Fail("Assert.ThrowsException", "exception type and action are required");
            try
            {
                action();
            }
            catch (Exception thrown)
            {
                if (thrown.GetType() == exception) return;
                Fail("Assert.ThrowsException", "threw " + thrown.GetType().Name + " (" + thrown.Message + ") but " + exception.Name + " was expected. " + message);
            }
            Fail("Assert.ThrowsException", "nothing was thrown, " + exception.Name + " was expected. " + message);
        }

        private static void FailNotEqual(object expected, object actual, string message)
        {
            Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        private static string Show(object value)
        {
            return value == null ? "(null)" : value.ToString();
        }

        private static void Fail(string assertion, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + message);
        }
    }
}
