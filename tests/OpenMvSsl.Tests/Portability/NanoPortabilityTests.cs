using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace OpenMvSsl.Tests.Portability
{
    /// <summary>
    /// The portable core must run on nanoFramework 1.x. src/OpenMvSsl.Nano compiles it against
    /// nanoFramework's mscorlib; these tests read that assembly's metadata, and prove with small
    /// compiled snippets that the check catches each forbidden shape.
    /// </summary>
    public class NanoPortabilityTests
    {
        private static string NanoMscorlib => BuildPaths.NanoMscorlib;

        [Fact]
        public void NanoBuildOfTheCoreHasNothingFirmwareWouldRefuse()
        {
            string path = BuildPaths.NanoAssembly;
            Assert.True(File.Exists(path), "nanoFramework build of the core not found at " + path + " (build src/OpenMvSsl.Nano)");
            byte[] image = File.ReadAllBytes(path);
            var problems = NanoMetadataChecker.Check(image);
            Assert.True(problems.Count == 0, "nanoFramework build has forbidden metadata:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void NanoBuildIsFreshAndReferencesOnlyMscorlib()
        {
            string path = BuildPaths.NanoAssembly;
            var asm = AssemblyName.GetAssemblyName(path);
            Assert.Equal("OpenMvSsl", asm.Name);
            // The desktop build of the same sources exists and has the same public record types.
            Assert.NotNull(typeof(OpenMvSsl.Record.TlsRecordLayer));
            Assert.True(new FileInfo(path).Length > 10_000, "suspiciously small nanoFramework assembly");
        }

        [Fact]
        public void CleanSnippetPasses()
        {
            var problems = CompileAndCheck(@"
                using System;
                namespace Fixture {
                    public sealed class Ok {
                        private readonly byte[] buffer = new byte[16];
                        private readonly System.Collections.ArrayList items = new System.Collections.ArrayList();
                        public int Sum(SpanByte s) { int t = 0; for (int i = 0; i < s.Length; i++) t += s[i]; items.Add(t); return t + buffer.Length; }
                        public byte[][] Jagged() { return new byte[2][]; }
                    }
                }");
            Assert.Empty(problems);
        }

        [Theory]
        [InlineData("generic type", "public sealed class Box<T> { public T Value; }", "generic parameter")]
        [InlineData("generic method", "public static class G { public static T Id<T>(T x) { return x; } public static int Use() { return Id(3); } }", "generic")]
        [InlineData("mscorlib generic delegate", "public static class D { public static int Use() { System.Func<int> f = () => 3; return f(); } }", "generic instantiation")]
        [InlineData("generic event handler", "public class E { public event System.EventHandler<System.EventArgs> Changed; public void Raise() { if (Changed != null) Changed(this, null); } }", "generic instantiation")]
        [InlineData("pointer field", "public unsafe struct P { public byte* Data; }", "pointer type")]
        [InlineData("pointer local", "public static unsafe class L { public static int Use(byte[] a) { fixed (byte* p = a) { return *p; } } }", "pointer")]
        [InlineData("function pointer", "public static unsafe class F { public static delegate*<int, int> Ptr; }", "function pointer")]
        [InlineData("multi-dimensional array", "public static class M { public static int[,] Grid = new int[2, 2]; }", "multi-dimensional")]
        public void EachForbiddenShapeIsCaught(string what, string body, string expected)
        {
            var problems = CompileAndCheck("using System;\nnamespace Fixture {\n" + body + "\n}");
            Assert.True(problems.Any(p => p.Contains(expected)),
                what + " was not caught; the checker said:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void ReferenceToAnotherAssemblyIsCaught()
        {
            byte[] other = Compile("Other", "namespace Other { public class Helper { public static int Three() { return 3; } } }");
            var problems = NanoMetadataChecker.Check(Compile("Fixture",
                "namespace Fixture { public class UsesOther { public int X() { return Other.Helper.Three(); } } }",
                MetadataReference.CreateFromImage(other)));
            Assert.Contains(problems, p => p.Contains("references assembly Other"));
        }

        private static System.Collections.Generic.IReadOnlyList<string> CompileAndCheck(string source) =>
            NanoMetadataChecker.Check(Compile("Fixture", source));

        private static byte[] Compile(string name, string source, params MetadataReference[] extra)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
            var references = new[] { MetadataReference.CreateFromFile(NanoMscorlib) }.Concat(extra);
            var compilation = CSharpCompilation.Create(name, new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, "fixture did not compile:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return stream.ToArray();
        }
    }
}
