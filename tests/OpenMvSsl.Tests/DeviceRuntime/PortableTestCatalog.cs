using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace OpenMvSsl.Tests.DeviceRuntime
{
    /// <summary>
    /// Finds the portable tests (tests/OpenMvSsl.PortableTests) the way nanoFramework.TestFramework
    /// does on a device: classes marked [TestClass], and in them the methods marked [TestMethod].
    /// Attributes are matched by name, so the same discovery works for the stand-in attributes
    /// compiled here and the real ones on a device.
    /// </summary>
    internal static class PortableTestCatalog
    {
        public static readonly Assembly Assembly = typeof(OpenMvSsl.PortableTests.PortableTestEnvironment).Assembly;

        private static readonly Lazy<IReadOnlyDictionary<string, MethodInfo>> Tests = new Lazy<IReadOnlyDictionary<string, MethodInfo>>(Discover);

        /// <summary>Every test as "Class.Method", sorted, so theory rows keep a stable order.</summary>
        public static IEnumerable<string> Names => Tests.Value.Keys;

        public static int Count => Tests.Value.Count;

        public static MethodInfo Find(string name) =>
            Tests.Value.TryGetValue(name, out MethodInfo method) ? method : throw new ArgumentException("no portable test named " + name);

        public static bool IsTestClass(Type type) => HasAttribute(type, "TestClassAttribute");

        public static bool IsTestMethod(MethodInfo method) => HasAttribute(method, "TestMethodAttribute");

        private static bool HasAttribute(MemberInfo member, string name) =>
            member.GetCustomAttributesData().Any(a => a.AttributeType.Name == name);

        private static IReadOnlyDictionary<string, MethodInfo> Discover()
        {
            var found = new SortedDictionary<string, MethodInfo>(StringComparer.Ordinal);
            foreach (Type type in Assembly.GetTypes().Where(IsTestClass))
            {
                foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    if (!IsTestMethod(method)) continue;
                    string name = type.Name + "." + method.Name;
                    if (method.GetParameters().Length != 0 || method.ReturnType != typeof(void))
                        throw new InvalidOperationException(name + ": a [TestMethod] must be void and take no parameters");
                    if (!found.TryAdd(name, method))
                        throw new InvalidOperationException("two portable tests are named " + name);
                }
            }
            return found;
        }
    }
}
