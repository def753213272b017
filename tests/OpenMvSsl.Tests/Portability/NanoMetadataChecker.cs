using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace OpenMvSsl.Tests.Portability
{
    /// <summary>
    /// Reads a compiled assembly and lists everything nanoFramework 1.x firmware would refuse:
    /// generic parameters, generic instantiations (types and methods), pointer and function
    /// pointer types, and references to any assembly but mscorlib.
    /// </summary>
    public static class NanoMetadataChecker
    {
        public static IReadOnlyList<string> Check(byte[] image)
        {
            var problems = new List<string>();
            using var pe = new PEReader(ImmutableArray.Create(image));
            MetadataReader md = pe.GetMetadataReader();

            foreach (AssemblyReferenceHandle h in md.AssemblyReferences)
            {
                string name = md.GetString(md.GetAssemblyReference(h).Name);
                if (name != "mscorlib") problems.Add("references assembly " + name);
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.GenericParam); row++)
            {
                GenericParameter p = md.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
                problems.Add("declares generic parameter " + md.GetString(p.Name));
            }

            int methodSpecs = md.GetTableRowCount(TableIndex.MethodSpec);
            if (methodSpecs > 0) problems.Add("instantiates " + methodSpecs + " generic method(s)");

            var finder = new ForbiddenShapeFinder(md, problems);
            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
                finder.Decode("type spec", spec.Signature, (b, d) => d.DecodeType(ref b));
            }
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                string typeName = md.GetString(type.Name);
                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition f = md.GetFieldDefinition(fh);
                    string where = typeName + "." + md.GetString(f.Name);
                    finder.Decode(where, f.Signature, (b, d) => d.DecodeFieldSignature(ref b));
                }
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition m = md.GetMethodDefinition(mh);
                    string where = typeName + "." + md.GetString(m.Name);
                    finder.Decode(where, m.Signature, (b, d) => d.DecodeMethodSignature(ref b));
                    if (m.RelativeVirtualAddress != 0)
                    {
                        MethodBodyBlock body = pe.GetMethodBody(m.RelativeVirtualAddress);
                        if (!body.LocalSignature.IsNil)
                        {
                            StandaloneSignature locals = md.GetStandaloneSignature(body.LocalSignature);
                            finder.Decode(where + " locals", locals.Signature, (b, d) => d.DecodeLocalSignature(ref b));
                        }
                    }
                }
                foreach (PropertyDefinitionHandle ph in type.GetProperties())
                {
                    PropertyDefinition p = md.GetPropertyDefinition(ph);
                    string where = typeName + "." + md.GetString(p.Name);
                    finder.Decode(where, p.Signature, (b, d) => d.DecodeMethodSignature(ref b));
                }
            }
            foreach (MemberReferenceHandle rh in md.MemberReferences)
            {
                MemberReference r = md.GetMemberReference(rh);
                string where = "reference to " + md.GetString(r.Name);
                if (r.GetKind() == MemberReferenceKind.Field)
                    finder.Decode(where, r.Signature, (b, d) => d.DecodeFieldSignature(ref b));
                else
                    finder.Decode(where, r.Signature, (b, d) => d.DecodeMethodSignature(ref b));
            }
            for (int row = 1; row <= md.GetTableRowCount(TableIndex.StandAloneSig); row++)
            {
                StandaloneSignature sig = md.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
                if (sig.GetKind() == StandaloneSignatureKind.Method)
                    finder.Decode("call site", sig.Signature, (b, d) => d.DecodeMethodSignature(ref b));
            }
            return problems;
        }

        /// <summary>Signature decoder that reports the shapes nanoFramework cannot run.</summary>
        private sealed class ForbiddenShapeFinder : ISignatureTypeProvider<string, string>
        {
            private readonly MetadataReader md;
            private readonly List<string> problems;

            public ForbiddenShapeFinder(MetadataReader md, List<string> problems)
            {
                this.md = md;
                this.problems = problems;
            }

            /// <summary>Decodes one signature; problems found are reported against <paramref name="where"/>.</summary>
            public void Decode(string where, BlobHandle blob, Func<BlobReader, SignatureDecoder<string, string>, object> decode)
            {
                location = where;
                BlobReader reader = md.GetBlobReader(blob);
                decode(reader, new SignatureDecoder<string, string>(this, md, genericContext: null));
            }

            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
                => reader.GetString(reader.GetTypeDefinition(handle).Name);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
                => reader.GetString(reader.GetTypeReference(handle).Name);

            public string GetTypeFromSpecification(MetadataReader reader, string genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
                => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetArrayType(string elementType, ArrayShape shape)
            {
                problems.Add(Context + ": multi-dimensional array " + elementType + "[" + new string(',', shape.Rank - 1) + "]");
                return elementType + "[,]";
            }

            public string GetByReferenceType(string elementType) => elementType + "&";

            public string GetPointerType(string elementType)
            {
                problems.Add(Context + ": pointer type " + elementType + "*");
                return elementType + "*";
            }

            public string GetFunctionPointerType(MethodSignature<string> signature)
            {
                problems.Add(Context + ": function pointer type");
                return "fnptr";
            }

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
            {
                problems.Add(Context + ": generic instantiation " + genericType + "<" + string.Join(",", typeArguments) + ">");
                return genericType + "<...>";
            }

            public string GetGenericMethodParameter(string genericContext, int index)
            {
                problems.Add(Context + ": generic method parameter !!" + index);
                return "!!" + index;
            }

            public string GetGenericTypeParameter(string genericContext, int index)
            {
                problems.Add(Context + ": generic type parameter !" + index);
                return "!" + index;
            }

            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

            public string GetPinnedType(string elementType)
            {
                problems.Add(Context + ": pinned local " + elementType);
                return elementType;
            }

            private string location = "";

            private string Context => location;
        }
    }
}
