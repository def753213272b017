using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenMvSsl.Tests.Device
{
    /// <summary>
    /// The managed InternalCall declarations (read from the compiled nanoFramework assembly) and
    /// the native interop layer (firmware-bindings/nanoframework, read as text) must list the same
    /// methods with the same signatures in the same order: nanoCLR binds them by position.
    /// </summary>
    public class DeviceBindingTableTests
    {
        private const string NativeClass = "Library_OpenMvSsl_OpenMvSsl_Device_NativeCrypto";

        private static string NanoAssembly => BuildPaths.NanoAssembly;

        private static string RepositoryRoot => BuildPaths.RepositoryRoot;

        private static string InteropDirectory =>
            Path.Combine(RepositoryRoot, "firmware-bindings", "nanoframework", "InteropAssemblies", "OpenMvSsl");

        [Fact]
        public void HeaderDeclaresTheManagedMethodsInOrder()
        {
            List<string> managed = ManagedInternalCalls(out _);
            string header = File.ReadAllText(Path.Combine(InteropDirectory, "OpenMvSsl.h"));
            List<string> declared = Regex.Matches(header, @"NANOCLR_NATIVE_DECLARE\((\w+)\)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(managed, declared);
        }

        [Fact]
        public void MarshallingLayerDefinesEveryHandlerInOrder()
        {
            List<string> managed = ManagedInternalCalls(out _);
            string source = File.ReadAllText(Path.Combine(InteropDirectory, "OpenMvSsl_OpenMvSsl_Device_NativeCrypto.cpp"));
            List<string> defined = Regex.Matches(source, @"HRESULT\s+NativeCrypto::\s*(\w+)\s*\(\s*CLR_RT_StackFrame\s*&\s*stack\s*\)")
                .Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(managed, defined);
        }

        [Fact]
        public void EveryInternalCallOfTheAssemblyIsInNativeCryptoAndUsesOnlyInteropTypes()
        {
            List<string> managed = ManagedInternalCalls(out List<string> elsewhere);
            Assert.Empty(elsewhere);
            Assert.True(managed.Count >= 30, "found " + managed.Count);
            foreach (string method in managed)
            {
                string[] types = method.Substring(method.IndexOf("___STATIC__", StringComparison.Ordinal) + "___STATIC__".Length).Split("__");
                Assert.Equal("I4", types[0]); // every entry point returns an omv_status or a length/handle
                Assert.All(types.Skip(1), t => Assert.Contains(t, new[] { "I4", "SZARRAY_U1", "STRING", "BYREF_I4" }));
            }
        }

        [Fact]
        public void InterfaceVersionsAgree()
        {
            string header = File.ReadAllText(Path.Combine(InteropDirectory, "OpenMvSsl_NativeState.h"));
            Match native = Regex.Match(header, @"#define\s+OMVNF_INTERFACE_VERSION\s+(\d+)");
            Assert.True(native.Success);
            Assert.Equal(OpenMvSsl.Device.NativeCrypto.InterfaceVersion, int.Parse(native.Groups[1].Value));
        }

        [Fact]
        public void InstallScriptComparesAgainstTheGeneratedTable()
        {
            // A stub table from the metadata processor is checked by install.sh with the same names.
            string script = File.ReadAllText(Path.Combine(RepositoryRoot, "firmware-bindings", "nanoframework", "install.sh"));
            Assert.Contains(NativeClass + "::", script);
        }

        /// <summary>
        /// The InternalCall methods of OpenMvSsl.Device.NativeCrypto in metadata order, named as
        /// nanoFramework's metadata processor names native handlers; InternalCall methods of other
        /// types go to <paramref name="elsewhere"/>.
        /// </summary>
        private static List<string> ManagedInternalCalls(out List<string> elsewhere)
        {
            using FileStream stream = File.OpenRead(NanoAssembly);
            using PEReader pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            List<string> found = new List<string>();
            elsewhere = new List<string>();
            bool sawType = false;
            foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(typeHandle);
                string fullName = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                if (fullName == "OpenMvSsl.Device.NativeCrypto") sawType = true;
                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(methodHandle);
                    if ((method.ImplAttributes & MethodImplAttributes.InternalCall) == 0) continue;
                    string name = md.GetString(method.Name);
                    if (fullName != "OpenMvSsl.Device.NativeCrypto")
                    {
                        elsewhere.Add(fullName + "." + name);
                        continue;
                    }
                    Assert.True((method.Attributes & MethodAttributes.Static) != 0, name + " must be static");
                    MethodSignature<string> signature = method.DecodeSignature(new NanoTypeNames(), null);
                    string handler = name + "___STATIC__" + signature.ReturnType;
                    foreach (string parameter in signature.ParameterTypes) handler += "__" + parameter;
                    found.Add(handler);
                }
            }
            Assert.True(sawType, "OpenMvSsl.Device.NativeCrypto is not in " + NanoAssembly);
            return found;
        }

        // The metadata processor's type names in handler signatures (nanoCLR data types).
        private sealed class NanoTypeNames : ISignatureTypeProvider<string, object>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
            {
                PrimitiveTypeCode.Int32 => "I4",
                PrimitiveTypeCode.Byte => "U1",
                PrimitiveTypeCode.String => "STRING",
                PrimitiveTypeCode.Void => "VOID",
                PrimitiveTypeCode.Boolean => "BOOLEAN",
                PrimitiveTypeCode.Int64 => "I8",
                _ => "UNSUPPORTED_" + typeCode,
            };

            public string GetSZArrayType(string elementType) => "SZARRAY_" + elementType;
            public string GetByReferenceType(string elementType) => "BYREF_" + elementType;
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => "UNSUPPORTED_TYPE";
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => "UNSUPPORTED_TYPE";
            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "UNSUPPORTED_TYPE";
            public string GetArrayType(string elementType, ArrayShape shape) => "UNSUPPORTED_ARRAY";
            public string GetPointerType(string elementType) => "UNSUPPORTED_POINTER";
            public string GetFunctionPointerType(MethodSignature<string> signature) => "UNSUPPORTED_FNPTR";
            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => "UNSUPPORTED_GENERIC";
            public string GetGenericMethodParameter(object genericContext, int index) => "UNSUPPORTED_GENERIC";
            public string GetGenericTypeParameter(object genericContext, int index) => "UNSUPPORTED_GENERIC";
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
            public string GetPinnedType(string elementType) => elementType;
        }
    }
}
