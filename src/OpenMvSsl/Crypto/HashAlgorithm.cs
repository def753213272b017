namespace OpenMvSsl.Crypto
{
    public enum HashAlgorithm
    {
        Sha256 = 1,
        Sha384 = 2,
    }
}
