namespace OpenMvSsl.Record
{
    /// <summary>Sizes fixed by the RFCs.</summary>
    public static class RecordLimits
    {
        /// <summary>Largest plaintext fragment: 2^14 (RFC 5246 6.2.1, RFC 8446 5.1).</summary>
        public const int MaxPlaintext = 16384;

        /// <summary>Smallest record_size_limit a peer may ask for (RFC 8449 4).</summary>
        public const int MinPlaintextLimit = 64;

        /// <summary>Largest TLS 1.2 / DTLS 1.2 protected fragment: 2^14 + 2048 (RFC 5246 6.2.3).</summary>
        public const int MaxCiphertext12 = MaxPlaintext + 2048;

        /// <summary>Largest TLS 1.3 protected record: 2^14 + 256 (RFC 8446 5.2).</summary>
        public const int MaxCiphertext13 = MaxPlaintext + 256;

        public const int TlsHeaderLength = 5;

        public const int DtlsHeaderLength = 13;

        /// <summary>Last usable DTLS sequence number: the field has 48 bits.</summary>
        public const ulong MaxDtlsSequence = 0xFFFFFFFFFFFFUL;
    }
}
