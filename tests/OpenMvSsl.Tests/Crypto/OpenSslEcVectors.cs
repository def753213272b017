using System;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Tests.Crypto
{
    /// <summary>Published EC test vectors used by the libcrypto fast-path tests.</summary>
    internal static class OpenSslEcVectors
    {
        /// <summary>One RFC 5903 ECDH exchange: scalars i and r, their public points, and the shared x.</summary>
        internal sealed class EcdhVector
        {
            public NamedGroup Group;
            public string BouncyCastleCurve;
            public byte[] I, GiX, GiY, R, GrX, GrY, SharedX;

            public byte[] Gi { get { return TestBytes.Concat(new byte[] { 0x04 }, TestBytes.Concat(GiX, GiY)); } }

            public byte[] Gr { get { return TestBytes.Concat(new byte[] { 0x04 }, TestBytes.Concat(GrX, GrY)); } }
        }

        // RFC 5903 section 8.1, 256-bit random ECP group.
        public static readonly EcdhVector P256 = new EcdhVector
        {
            Group = NamedGroup.Secp256r1,
            BouncyCastleCurve = "secp256r1",
            I = TestBytes.Hex("C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433"),
            GiX = TestBytes.Hex("DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180"),
            GiY = TestBytes.Hex("5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3"),
            R = TestBytes.Hex("C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53"),
            GrX = TestBytes.Hex("D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63"),
            GrY = TestBytes.Hex("56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB"),
            SharedX = TestBytes.Hex("D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"),
        };

        // RFC 5903 section 8.2, 384-bit random ECP group.
        public static readonly EcdhVector P384 = new EcdhVector
        {
            Group = NamedGroup.Secp384r1,
            BouncyCastleCurve = "secp384r1",
            I = TestBytes.Hex("099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655 E35B5380 41E649EE 3FAEF896 783AB194"),
            GiX = TestBytes.Hex("667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6 DE3AC808 ACB4BDB4 C88732AE E95F41AA"),
            GiY = TestBytes.Hex("9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E EB9FCFF3 C2C947DA E69B4C63 4573A81C"),
            R = TestBytes.Hex("41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942 E0308312 916B8ED2 960E4BD5 5A7448FC"),
            GrX = TestBytes.Hex("E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D 0D1AC43A 0336DEF9 6FDA41D0 774A3571"),
            GrY = TestBytes.Hex("DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF F83FA401 42209DFF 5EAAD96D B9E6386C"),
            SharedX = TestBytes.Hex("11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4 D6031355 69B9E9D0 9CF5D4A2 70F59746"),
        };

        /// <summary>One RFC 6979 deterministic ECDSA signature over the message "sample".</summary>
        internal sealed class SignatureVector
        {
            public string Name;
            public NamedGroup Group;
            public bool Sha384;
            public byte[] PrivateKey, PublicX, PublicY, R, S;

            public byte[] PublicPoint { get { return TestBytes.Concat(new byte[] { 0x04 }, TestBytes.Concat(PublicX, PublicY)); } }

            public override string ToString() { return Name; }
        }

        private static readonly byte[] P256Key = TestBytes.Hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
        private static readonly byte[] P256Ux = TestBytes.Hex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6");
        private static readonly byte[] P256Uy = TestBytes.Hex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");

        public static readonly SignatureVector[] Signatures =
        {
            // RFC 6979 A.2.5, P-256, SHA-256, "sample".
            new SignatureVector
            {
                Name = "P-256 SHA-256", Group = NamedGroup.Secp256r1, PrivateKey = P256Key, PublicX = P256Ux, PublicY = P256Uy,
                R = TestBytes.Hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"),
                S = TestBytes.Hex("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"),
            },
            // RFC 6979 A.2.5, P-256, SHA-384, "sample".
            new SignatureVector
            {
                Name = "P-256 SHA-384", Group = NamedGroup.Secp256r1, Sha384 = true, PrivateKey = P256Key, PublicX = P256Ux, PublicY = P256Uy,
                R = TestBytes.Hex("0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719"),
                S = TestBytes.Hex("4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"),
            },
            // RFC 6979 A.2.6, P-384, SHA-384, "sample".
            new SignatureVector
            {
                Name = "P-384 SHA-384", Group = NamedGroup.Secp384r1, Sha384 = true,
                PrivateKey = TestBytes.Hex("6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5"),
                PublicX = TestBytes.Hex("EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13"),
                PublicY = TestBytes.Hex("8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720"),
                R = TestBytes.Hex("94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46"),
                S = TestBytes.Hex("99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"),
            },
        };

        /// <summary>DER SEQUENCE { INTEGER r, INTEGER s } from unsigned big-endian r and s (short lengths only).</summary>
        public static byte[] Der(byte[] r, byte[] s)
        {
            byte[] body = TestBytes.Concat(DerInteger(r), DerInteger(s));
            return TestBytes.Concat(new byte[] { 0x30, (byte)body.Length }, body);
        }

        private static byte[] DerInteger(byte[] unsigned)
        {
            int start = 0;
            while (start < unsigned.Length - 1 && unsigned[start] == 0) start++;
            byte[] trimmed = unsigned.AsSpan(start).ToArray();
            if ((trimmed[0] & 0x80) != 0) trimmed = TestBytes.Concat(new byte[] { 0 }, trimmed);
            return TestBytes.Concat(new byte[] { 0x02, (byte)trimmed.Length }, trimmed);
        }
    }
}
