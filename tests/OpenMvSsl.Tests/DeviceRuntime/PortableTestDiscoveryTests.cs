using System;
using System.Linq;
using System.Reflection;
using OpenMvSsl.PortableTests;
using Xunit;
using Assert = Xunit.Assert;
using AssertFailedException = OpenMvSsl.PortableTests.AssertFailedException;
using StandIn = OpenMvSsl.PortableTests.Assert;

namespace OpenMvSsl.Tests.DeviceRuntime
{
    /// <summary>
    /// Guards for the runner: discovery finds at least the tests that were written, misses no
    /// public test-shaped method, and the stand-in framework fails where the real one would.
    /// </summary>
    public class PortableTestDiscoveryTests
    {
        /// <summary>The number of [TestMethod]s written in tests/OpenMvSsl.PortableTests; raise it when adding tests.</summary>
        private const int WrittenTests = 75;

        [Fact]
        public void DiscoveryFindsEveryTestThatWasWritten()
        {
            Assert.True(PortableTestCatalog.Count >= WrittenTests,
                "discovered " + PortableTestCatalog.Count + " portable tests, expected at least " + WrittenTests + ":\n" + string.Join("\n", PortableTestCatalog.Names));
        }

        [Fact]
        public void EveryPublicVoidMethodOfATestClassIsMarked()
        {
            // A forgotten [TestMethod] would silently drop a test on the device and here alike.
            var unmarked = PortableTestCatalog.Assembly.GetTypes()
                .Where(PortableTestCatalog.IsTestClass)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(m => m.ReturnType == typeof(void) && m.GetParameters().Length == 0 && !m.IsSpecialName && !PortableTestCatalog.IsTestMethod(m))
                .Select(m => m.DeclaringType.Name + "." + m.Name)
                .ToList();
            Assert.True(unmarked.Count == 0, "public methods without [TestMethod]: " + string.Join(", ", unmarked));
        }

        [Fact]
        public void EveryTestNameFitsTheDisplayedLength()
        {
            // xunit shows at most 50 characters of a string argument; longer names would be cut in the output.
            var tooLong = PortableTestCatalog.Names.SelectMany(n => n.Split('.')).Where(part => part.Length > 50).ToList();
            Assert.True(tooLong.Count == 0, "rename to 50 characters or fewer: " + string.Join(", ", tooLong));
        }

        [Fact]
        public void EveryTestClassHasAParameterlessConstructor()
        {
            foreach (Type type in PortableTestCatalog.Assembly.GetTypes().Where(PortableTestCatalog.IsTestClass))
                Assert.True(type.GetConstructor(Type.EmptyTypes) != null, type.Name + " cannot be created by a test runner");
        }

        [Fact]
        public void FailingStandInAssertionsThrow()
        {
            Assert.Throws<AssertFailedException>(() => StandIn.AreEqual(1, 2));
            Assert.Throws<AssertFailedException>(() => StandIn.AreEqual("a", "b"));
            Assert.Throws<AssertFailedException>(() => StandIn.AreEqual((object)SslError.DecodeError, (object)SslError.BadRecordMac));
            Assert.Throws<AssertFailedException>(() => StandIn.IsTrue(false));
            Assert.Throws<AssertFailedException>(() => StandIn.IsFalse(true));
            Assert.Throws<AssertFailedException>(() => StandIn.IsNull(new object()));
            Assert.Throws<AssertFailedException>(() => StandIn.IsNotNull(null));
            Assert.Throws<AssertFailedException>(() => ByteAssert.AreEqual(new byte[] { 1, 2 }, new byte[] { 1, 3 }));
            Assert.Throws<AssertFailedException>(() => ByteAssert.AreEqual(new byte[] { 1, 2 }, new byte[] { 1, 2, 3 }));
            Assert.Throws<AssertFailedException>(() => ByteAssert.AreNotEqual(new byte[] { 1, 2 }, new byte[] { 1, 2 }));
        }

        [Fact]
        public void ThrowsExceptionWantsTheExactType()
        {
            // Like nanoFramework.TestFramework: nothing thrown, or a different type (even a subclass), fails.
            StandIn.ThrowsException(typeof(SslException), () => throw new SslException(SslError.DecodeError, "x"));
            Assert.Throws<AssertFailedException>(() => StandIn.ThrowsException(typeof(SslException), () => { }));
            Assert.Throws<AssertFailedException>(() => StandIn.ThrowsException(typeof(Exception), () => throw new SslException(SslError.DecodeError, "x")));
            Assert.Throws<AssertFailedException>(() => StandIn.ThrowsException(typeof(SslException), () => throw new IndexOutOfRangeException()));
        }

        [Fact]
        public void WithoutAProviderAPortableTestFailsWithAClearMessage()
        {
            MethodInfo any = PortableTestCatalog.Find("TlsRecordLayerTests.Tls12AesGcmRoundTrip");
            object instance = Activator.CreateInstance(any.DeclaringType);
            lock (PortableTestRunner.Gate)
            {
                PortableTestEnvironment.Crypto = null;
                var e = Assert.Throws<TargetInvocationException>(() => any.Invoke(instance, null));
                Assert.IsType<SslException>(e.InnerException);
                Assert.Contains("PortableTestEnvironment.Crypto", e.InnerException.Message);
            }
        }
    }
}
