namespace OpenMvSsl.Record
{
    /// <summary>
    /// Where the last record read lies in the caller's buffer. One instance per connection is
    /// reused for every record, so reading allocates nothing.
    /// </summary>
    public sealed class RecordView
    {
        /// <summary>Content type (for TLS 1.3 protected records, the inner type).</summary>
        public ContentType Type;

        /// <summary>Record version field as received.</summary>
        public int Version;

        /// <summary>DTLS epoch (0 for TLS).</summary>
        public int Epoch;

        /// <summary>Sequence number of the record (DTLS: the 48-bit field; TLS: the implicit counter).</summary>
        public ulong SequenceNumber;

        /// <summary>Offset of the plaintext payload from the start of the input given to the read call.</summary>
        public int PayloadOffset;

        public int PayloadLength;

        /// <summary>How many input bytes the record took (for DTLS drops of a bad header: the rest of the datagram).</summary>
        public int RecordLength;

        /// <summary>Why a DTLS record was dropped (None when it was not).</summary>
        public SslError DropReason;

        /// <summary>True when the record was protected and has been authenticated.</summary>
        public bool WasProtected;

        internal void Clear()
        {
            Type = ContentType.Invalid;
            Version = 0;
            Epoch = 0;
            SequenceNumber = 0;
            PayloadOffset = 0;
            PayloadLength = 0;
            RecordLength = 0;
            DropReason = SslError.None;
            WasProtected = false;
        }
    }
}
