namespace OpenMvSsl.Record
{
    /// <summary>Record content types (RFC 8446 5.1, RFC 6347 4.1).</summary>
    public enum ContentType : byte
    {
        Invalid = 0,
        ChangeCipherSpec = 20,
        Alert = 21,
        Handshake = 22,
        ApplicationData = 23,
    }
}
