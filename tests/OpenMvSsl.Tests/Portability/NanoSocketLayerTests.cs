using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace OpenMvSsl.Tests.Portability
{
    /// <summary>
    /// The socket layer (src/OpenMvSsl/Net) ships in the device assembly. src/OpenMvSsl.Nano.Net
    /// compiles it, with the core, against nanoFramework's mscorlib and a stand-in for
    /// nanoFramework's System.Net (tests/Portability/NanoSystemNet: the members Net/ uses, checked
    /// by hand against nanoFramework's source). These tests run the unchanged metadata check on that
    /// build, and prove the stand-in refuses desktop-only socket members that nanoFramework lacks.
    /// </summary>
    public class NanoSocketLayerTests
    {
        private static string Artifacts => BuildPaths.Artifacts;

        private static string NanoNetPath => Path.Combine(Artifacts, "nano-net", "OpenMvSsl.dll");

        private static string StandInPath => Path.Combine(Artifacts, "nano-system-net", "System.Net.dll");

        private static byte[] Read(string path, string project)
        {
            Assert.True(File.Exists(path), path + " not found (build " + project + ")");
            return File.ReadAllBytes(path);
        }

        private static byte[] NanoNetImage() => Read(NanoNetPath, "src/OpenMvSsl.Nano.Net");

        private static string[] References(byte[] image)
        {
            using var pe = new PEReader(new MemoryStream(image));
            MetadataReader md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name))
                .OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        [Fact]
        public void NanoBuildOfTheSocketLayerHasNothingFirmwareWouldRefuse()
        {
            // The checker's rules are unchanged: the one problem allowed is the System.Net reference.
            var problems = NanoMetadataChecker.Check(NanoNetImage());
            var forbidden = problems.Where(p => p != "references assembly System.Net").ToList();
            Assert.True(forbidden.Count == 0, "nanoFramework build of the socket layer has forbidden metadata:\n" + string.Join("\n", forbidden));
        }

        [Fact]
        public void NanoBuildOfTheSocketLayerReferencesExactlyMscorlibAndSystemNet()
        {
            // Net/ is compiled into the core's assembly (SslContext is partial across both), so the
            // core is not a reference of its own.
            Assert.Equal(new[] { "System.Net", "mscorlib" }, References(NanoNetImage()));
        }

        [Fact]
        public void NanoBuildHoldsTheSocketLayer()
        {
            using var pe = new PEReader(new MemoryStream(NanoNetImage()));
            MetadataReader md = pe.GetMetadataReader();
            var types = md.TypeDefinitions.Select(h => md.GetTypeDefinition(h)).ToList();
            var names = types.Select(t => md.GetString(t.Name)).ToHashSet();
            foreach (string expected in new[] { "Ssl", "DtlsListener", "TlsSocketChannel", "UdpSocketTransport", "SocketSupport", "ListenerPeerChannel", "SslContext", "TlsEngine", "DtlsEngine" })
                Assert.Contains(expected, names);
            TypeDefinition context = types.Single(t => md.GetString(t.Name) == "SslContext");
            Assert.Contains("WrapSocket", context.GetMethods().Select(m => md.GetString(md.GetMethodDefinition(m).Name)));
        }

        [Fact]
        public void StandInReferencesOnlyNanoMscorlib()
        {
            byte[] image = Read(StandInPath, "tests/Portability/NanoSystemNet");
            Assert.Equal(new[] { "mscorlib" }, References(image));
            Assert.Equal("System.Net", AssemblyName.GetAssemblyName(StandInPath).Name);
        }

        /// <summary>
        /// The stand-in's whole public surface. A member added to it must first be checked against
        /// nanoFramework's source (and cited in the file's header); then add it here.
        /// </summary>
        [Fact]
        public void StandInDeclaresOnlyTheCheckedSurface()
        {
            var expected = new[]
            {
                "System.Net.EndPoint", "System.Net.EndPoint..ctor/0",
                "System.Net.IPAddress", "System.Net.IPAddress.Any", "System.Net.IPAddress.GetAddressBytes/0",
                "System.Net.IPAddress.Parse/1", "System.Net.IPAddress.get_AddressFamily/0",
                "System.Net.IPEndPoint", "System.Net.IPEndPoint..ctor/2", "System.Net.IPEndPoint.get_Address/0", "System.Net.IPEndPoint.get_Port/0",
                "System.Net.Sockets.AddressFamily",
                "System.Net.Sockets.ProtocolType", "System.Net.Sockets.ProtocolType.Udp",
                "System.Net.Sockets.SelectMode", "System.Net.Sockets.SelectMode.SelectRead",
                "System.Net.Sockets.Socket", "System.Net.Sockets.Socket..ctor/3", "System.Net.Sockets.Socket.Bind/1",
                "System.Net.Sockets.Socket.Close/0", "System.Net.Sockets.Socket.Poll/2", "System.Net.Sockets.Socket.Receive/4",
                "System.Net.Sockets.Socket.ReceiveFrom/5", "System.Net.Sockets.Socket.Send/4", "System.Net.Sockets.Socket.SendTo/5",
                "System.Net.Sockets.Socket.get_LocalEndPoint/0", "System.Net.Sockets.Socket.get_ReceiveTimeout/0",
                "System.Net.Sockets.Socket.get_RemoteEndPoint/0", "System.Net.Sockets.Socket.get_SocketType/0",
                "System.Net.Sockets.SocketError", "System.Net.Sockets.SocketError.AccessDenied", "System.Net.Sockets.SocketError.AddressAlreadyInUse",
                "System.Net.Sockets.SocketError.AddressNotAvailable", "System.Net.Sockets.SocketError.ConnectionRefused",
                "System.Net.Sockets.SocketError.ConnectionReset", "System.Net.Sockets.SocketError.HostUnreachable",
                "System.Net.Sockets.SocketError.MessageSize", "System.Net.Sockets.SocketError.NetworkUnreachable",
                "System.Net.Sockets.SocketException", "System.Net.Sockets.SocketException.get_ErrorCode/0",
                "System.Net.Sockets.SocketFlags", "System.Net.Sockets.SocketFlags.None",
                "System.Net.Sockets.SocketType", "System.Net.Sockets.SocketType.Dgram", "System.Net.Sockets.SocketType.Stream",
            };
            var actual = PublicSurface(Read(StandInPath, "tests/Portability/NanoSystemNet"));
            Assert.Equal(expected.OrderBy(s => s, StringComparer.Ordinal), actual.OrderBy(s => s, StringComparer.Ordinal));
        }

        // Public types with their public and protected fields and methods (accessors included); methods with their parameter count.
        private static List<string> PublicSurface(byte[] image)
        {
            using var pe = new PEReader(new MemoryStream(image));
            MetadataReader md = pe.GetMetadataReader();
            var surface = new List<string>();
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                if ((type.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public) continue;
                string name = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                surface.Add(name);
                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition f = md.GetFieldDefinition(fh);
                    FieldAttributes access = f.Attributes & FieldAttributes.FieldAccessMask;
                    if ((f.Attributes & FieldAttributes.RTSpecialName) != 0) continue; // an enum's value__
                    if (access == FieldAttributes.Public || access == FieldAttributes.Family || access == FieldAttributes.FamORAssem)
                        surface.Add(name + "." + md.GetString(f.Name));
                }
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition m = md.GetMethodDefinition(mh);
                    MethodAttributes access = m.Attributes & MethodAttributes.MemberAccessMask;
                    if (access == MethodAttributes.Public || access == MethodAttributes.Family || access == MethodAttributes.FamORAssem)
                    {
                        int parameters = m.GetParameters().Select(p => md.GetParameter(p)).Count(p => p.SequenceNumber > 0);
                        surface.Add(name + "." + md.GetString(m.Name) + "/" + parameters);
                    }
                }
            }
            return surface;
        }

        /// <summary>Every member Net/ uses, used the way Net/ uses it: compiles against the stand-in.</summary>
        [Fact]
        public void WhatNetUsesCompilesAgainstTheStandIn()
        {
            var errors = CompileAgainstStandIn(@"
                using System;
                using System.Net;
                using System.Net.Sockets;
                namespace Fixture {
                    public static class Uses {
                        public static int All(string address, byte[] buffer) {
                            IPAddress ip = IPAddress.Parse(address);
                            Socket s = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                            s.Bind(new IPEndPoint(IPAddress.Any, 0));
                            IPEndPoint local = s.LocalEndPoint as IPEndPoint;
                            IPEndPoint remote = s.RemoteEndPoint as IPEndPoint;
                            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                            int n = 0;
                            try {
                                if (s.Poll(1000, SelectMode.SelectRead)) n = s.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
                                n += s.Receive(buffer, 0, buffer.Length, SocketFlags.None);
                                n += s.Send(buffer, 0, n, SocketFlags.None);
                                n += s.SendTo(buffer, 0, n, SocketFlags.None, remote);
                            } catch (SocketException e) {
                                SocketError code = (SocketError)e.ErrorCode;
                                if (code == SocketError.MessageSize || code == SocketError.ConnectionReset) return -1;
                                return e.Message.Length;
                            } catch (ObjectDisposedException) {
                                return -2;
                            }
                            s.Close();
                            return n + s.ReceiveTimeout + local.Port + local.Address.GetAddressBytes().Length
                                + (s.SocketType == SocketType.Stream ? 1 : 0) + local.Address.ToString().Length;
                        }
                    }
                }");
            Assert.True(errors.Count == 0, "the stand-in refuses what Net/ uses:\n" + string.Join("\n", errors));
        }

        /// <summary>
        /// Desktop .NET has these; nanoFramework does not (each absence checked in nanoFramework's
        /// source, see the stand-in files' headers). Code in Net/ that used one would compile for
        /// net10.0 and fail in a user's Visual Studio build: it must fail against the stand-in.
        /// </summary>
        [Theory]
        [InlineData("Socket.Blocking", "bool F(Socket s) { return s.Blocking; }", "Blocking")]
        [InlineData("Socket.Connected", "bool F(Socket s) { return s.Connected; }", "Connected")]
        [InlineData("public Socket.Dispose()", "void F(Socket s) { s.Dispose(); }", "Dispose")]
        [InlineData("SocketException.SocketErrorCode", "SocketError F(SocketException e) { return e.SocketErrorCode; }", "SocketErrorCode")]
        [InlineData("IPAddress.IPv6Any", "IPAddress F() { return IPAddress.IPv6Any; }", "IPv6Any")]
        [InlineData("System.Math (not in nanoFramework's mscorlib)", "int F(int a, int b) { return Math.Min(a, b); }", "Math")]
        public void DesktopOnlyMembersDoNotCompileAgainstTheStandIn(string what, string body, string member)
        {
            var errors = CompileAgainstStandIn("using System;\nusing System.Net;\nusing System.Net.Sockets;\nnamespace Fixture {\npublic class Desktop {\n" + body + "\n}\n}");
            Assert.True(errors.Any(e => e.Contains("'" + member + "'")),
                what + " compiled against the stand-in (or failed for another reason):\n" + string.Join("\n", errors));
        }

        private static List<string> CompileAgainstStandIn(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
            var references = new[]
            {
                MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib),
                MetadataReference.CreateFromImage(Read(StandInPath, "tests/Portability/NanoSystemNet")),
            };
            var compilation = CSharpCompilation.Create("Fixture", new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            return result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        }
    }
}
