namespace OpenMvSsl.Record
{
    /// <summary>Wire values of the protocol versions this library speaks or must recognise.</summary>
    public static class ProtocolVersion
    {
        public const int Tls10 = 0x0301;
        public const int Tls11 = 0x0302;
        public const int Tls12 = 0x0303;
        public const int Tls13 = 0x0304;
        /// <summary>DTLS 1.0 is refused, but recognised so that the refusal is precise.</summary>
        public const int Dtls10 = 0xFEFF;
        public const int Dtls12 = 0xFEFD;

        public static string Name(int version)
        {
            switch (version)
            {
                case Tls10: return "TLSv1";
                case Tls11: return "TLSv1.1";
                case Tls12: return "TLSv1.2";
                case Tls13: return "TLSv1.3";
                case Dtls10: return "DTLSv1";
                case Dtls12: return "DTLSv1.2";
                default: return "unknown(0x" + version.ToString("X4") + ")";
            }
        }
    }
}
