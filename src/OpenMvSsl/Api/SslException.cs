using System;

namespace OpenMvSsl
{
    /// <summary>
    /// The one exception type of the library: a stable <see cref="SslError"/> code, the TLS
    /// alert that was (or would be) sent to the peer, and a message that says what to do.
    /// </summary>
    public class SslException : Exception
    {
        public SslException(SslError error, AlertDescription alert, string message)
            : base(message)
        {
            Error = error;
            Alert = alert;
        }

        public SslException(SslError error, string message)
            : this(error, AlertDescription.InternalError, message)
        {
        }

        /// <summary>What went wrong, as a stable code.</summary>
        public SslError Error { get; private set; }

        /// <summary>The alert sent to the peer for this failure.</summary>
        public AlertDescription Alert { get; private set; }
    }
}
