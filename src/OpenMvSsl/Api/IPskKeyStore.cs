namespace OpenMvSsl
{
    /// <summary>A server's PSK lookup: the key for an identity, or null when the identity is unknown.</summary>
    public interface IPskKeyStore
    {
        byte[] GetKey(byte[] identity);
    }
}
