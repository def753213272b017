using System;
using System.Collections;
using System.Reflection;
using OpenMvSsl.Handshake.Extensions;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// Compares two codec values field by field through reflection (public instance fields,
    /// recursively), so a round-trip property covers every field a codec has, including ones added later.
    /// </summary>
    internal static class FieldComparer
    {
        /// <summary>Fields that describe where something sat on the wire, set by Parse only.</summary>
        private static readonly string[] WireOnly = { "ClientHello.PskBindersOffset" };

        public static void AssertSame(object expected, object actual, string path = "")
        {
            string difference = FindDifference(expected, actual, path.Length == 0 ? expected?.GetType().Name ?? "value" : path);
            Assert.True(difference == null, difference);
        }

        private static string FindDifference(object a, object b, string path)
        {
            if (a == null || b == null)
            {
                if (a == null && b == null) return null;
                // An absent and an empty array or list are one encoding.
                if (IsEmpty(a ?? b)) return null;
                return path + ": one side is null (" + Show(a) + " vs " + Show(b) + ")";
            }
            Type type = a.GetType();
            if (type != b.GetType()) return path + ": type " + type.Name + " vs " + b.GetType().Name;
            if (type.IsPrimitive || type.IsEnum || a is string || a is decimal)
                return a.Equals(b) ? null : path + ": " + Show(a) + " vs " + Show(b);
            if (a is ExtensionList la)
            {
                var lb = (ExtensionList)b;
                if (la.Count != lb.Count) return path + ".Count: " + la.Count + " vs " + lb.Count;
                for (int i = 0; i < la.Count; i++)
                {
                    if (la.TypeAt(i) != lb.TypeAt(i)) return path + "[" + i + "].Type: " + la.TypeAt(i) + " vs " + lb.TypeAt(i);
                    string d = FindDifference(la.DataAt(i), lb.DataAt(i), path + "[" + i + "].Data");
                    if (d != null) return d;
                }
                return null;
            }
            if (a is Array aa)
            {
                var ab = (Array)b;
                if (aa.Length != ab.Length) return path + ".Length: " + aa.Length + " vs " + ab.Length;
                for (int i = 0; i < aa.Length; i++)
                {
                    string d = FindDifference(aa.GetValue(i), ab.GetValue(i), path + "[" + i + "]");
                    if (d != null) return d;
                }
                return null;
            }
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (Array.IndexOf(WireOnly, type.Name + "." + field.Name) >= 0) continue;
                string d = FindDifference(field.GetValue(a), field.GetValue(b), path + "." + field.Name);
                if (d != null) return d;
            }
            return null;
        }

        private static bool IsEmpty(object value) =>
            value is Array array ? array.Length == 0 : value is ExtensionList list && list.Count == 0;

        private static string Show(object value) =>
            value == null ? "null" : value is byte[] bytes ? Convert.ToHexString(bytes) : value.ToString();
    }
}
