namespace OpenMvSsl.Engine
{
    /// <summary>What a DTLS server does with a datagram from a peer it keeps no state for.</summary>
    public enum CookieVerdict
    {
        /// <summary>Not a ClientHello (or malformed): ignore it.</summary>
        Drop = 0,
        /// <summary>A ClientHello without a valid cookie: send the HelloVerifyRequest that was written.</summary>
        SendHelloVerifyRequest = 1,
        /// <summary>A ClientHello with a valid cookie: create an engine for this peer and give it the datagram.</summary>
        Accept = 2,
    }
}
