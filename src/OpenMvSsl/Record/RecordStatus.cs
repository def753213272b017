namespace OpenMvSsl.Record
{
    /// <summary>What reading one record produced (fatal problems throw SslException instead).</summary>
    public enum RecordStatus
    {
        /// <summary>A whole record was read and, if protected, authenticated and decrypted in place.</summary>
        Complete = 0,
        /// <summary>TLS: the input holds only part of a record; call again with more bytes.</summary>
        Incomplete = 1,
        /// <summary>DTLS: the record was discarded silently (RFC 6347 4.1.2.7); see RecordView.DropReason.</summary>
        Dropped = 2,
        /// <summary>DTLS: the record is for the next read epoch; the engine may keep it until the keys exist.</summary>
        FutureEpoch = 3,
    }
}
