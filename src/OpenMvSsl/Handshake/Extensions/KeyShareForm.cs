namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>The three shapes of key_share's extension_data (RFC 8446 4.2.8).</summary>
    public enum KeyShareForm
    {
        /// <summary>KeyShareEntry client_shares&lt;0..2^16-1&gt;.</summary>
        ClientHello = 1,
        /// <summary>KeyShareEntry server_share.</summary>
        ServerHello = 2,
        /// <summary>NamedGroup selected_group.</summary>
        HelloRetryRequest = 3,
    }
}
