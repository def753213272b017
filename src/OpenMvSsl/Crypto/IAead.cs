using System;

namespace OpenMvSsl.Crypto
{
    /// <summary>
    /// One AEAD key, ready to seal and open. Created once per connection direction; sealing and
    /// opening allocate nothing. Output may be the very memory of the input (in place).
    /// </summary>
    public interface IAead : IDisposable
    {
        AeadAlgorithm Algorithm { get; }

        /// <summary>Tag length in bytes (16, or 8 for the CCM_8 ciphers).</summary>
        int TagLength { get; }

        /// <summary>
        /// Encrypts <paramref name="plaintext"/> into the first plaintext.Length bytes of
        /// <paramref name="output"/> and writes the tag right after them.
        /// output.Length must be at least plaintext.Length + TagLength.
        /// </summary>
        void Seal(SpanByte nonce, SpanByte additionalData, SpanByte plaintext, SpanByte output);

        /// <summary>
        /// Checks the tag at the end of <paramref name="ciphertextAndTag"/> and decrypts into the
        /// first ciphertextAndTag.Length - TagLength bytes of <paramref name="output"/>.
        /// Returns false when authentication fails; output then holds no plaintext.
        /// </summary>
        bool Open(SpanByte nonce, SpanByte additionalData, SpanByte ciphertextAndTag, SpanByte output);
    }
}
