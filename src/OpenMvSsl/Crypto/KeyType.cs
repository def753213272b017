namespace OpenMvSsl.Crypto
{
    public enum KeyType
    {
        /// <summary>An EC key on secp256r1 (P-256).</summary>
        EcP256 = 1,
        Rsa = 2,
    }
}
