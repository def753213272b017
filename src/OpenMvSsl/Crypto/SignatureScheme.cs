namespace OpenMvSsl.Crypto
{
    /// <summary>Signature schemes, with their TLS code points (RFC 8446 4.2.3).</summary>
    public enum SignatureScheme : ushort
    {
        RsaPkcs1Sha256 = 0x0401,
        RsaPkcs1Sha384 = 0x0501,
        EcdsaSecp256r1Sha256 = 0x0403,
        RsaPssRsaeSha256 = 0x0804,
        RsaPssRsaeSha384 = 0x0805,
    }
}
