using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.ExceptionServices;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.PortableTests;
using OpenMvSsl.Tests.Native;
using Xunit;

namespace OpenMvSsl.Tests.DeviceRuntime
{
    /// <summary>
    /// Runs every portable test (the ones a device runs under nanoFramework.TestFramework) here
    /// through xunit, once over the .NET crypto provider and once over the mbedTLS provider (the
    /// device's C code through P/Invoke). Each test is its own theory row, named by its class and
    /// method (two arguments, because xunit cuts string arguments in display names at 50 characters).
    /// The mbedTLS pass is not skipped: like every other native test it fails with the provider's
    /// message when the library cannot be built or loaded (scripts/test.sh builds it first).
    /// </summary>
    public class PortableTestRunner
    {
        // Both passes set the same static hook, so no two portable tests may run at once.
        internal static readonly object Gate = new object();
        private static readonly DotNetCryptoProvider DotNet = new DotNetCryptoProvider();

        public static IEnumerable<object[]> AllTests()
        {
            foreach (string name in PortableTestCatalog.Names)
            {
                int dot = name.IndexOf('.');
                yield return new object[] { name.Substring(0, dot), name.Substring(dot + 1) };
            }
        }

        [Theory]
        [MemberData(nameof(AllTests))]
        public void OnDotNetProvider(string testClass, string test)
        {
            Run(DotNet, testClass + "." + test);
        }

        [Theory]
        [MemberData(nameof(AllTests))]
        public void OnMbedTlsProvider(string testClass, string test)
        {
            Run(NativeProvider.Instance, testClass + "." + test);
        }

        internal static void Run(ICryptoProvider provider, string test)
        {
            MethodInfo method = PortableTestCatalog.Find(test);
            lock (Gate)
            {
                PortableTestEnvironment.Crypto = provider;
                try
                {
                    object instance = method.IsStatic ? null : Activator.CreateInstance(method.DeclaringType);
                    method.Invoke(instance, null);
                }
                catch (TargetInvocationException e) when (e.InnerException != null)
                {
                    // Report the assertion (or the library's exception) itself, not the reflection wrapper.
                    ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                }
                finally
                {
                    PortableTestEnvironment.Crypto = null;
                }
            }
        }
    }
}
