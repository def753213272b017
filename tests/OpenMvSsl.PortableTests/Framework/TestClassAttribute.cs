using System;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// Stand-in for nanoFramework.TestFramework's [TestClass], so the shared tests compile where
    /// that package is not available (the nanoFramework check and desktop .NET). The device project
    /// excludes this folder and uses the real attribute instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class TestClassAttribute : Attribute
    {
    }
}
