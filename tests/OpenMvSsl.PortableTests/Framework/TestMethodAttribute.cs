using System;

namespace OpenMvSsl.PortableTests
{
    /// <summary>Stand-in for nanoFramework.TestFramework's [TestMethod] (see TestClassAttribute).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestMethodAttribute : Attribute
    {
    }
}
