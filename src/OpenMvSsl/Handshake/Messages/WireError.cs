using System;

namespace OpenMvSsl.Handshake.Messages
{
    /// <summary>The two ways a received message can be wrong, as the exceptions the codecs throw.</summary>
    internal static class WireError
    {
        /// <summary>The bytes do not follow the syntax (lengths, counts, sizes): decode_error.</summary>
        internal static SslException Decode(string message)
        {
            return new SslException(SslError.DecodeError, AlertDescription.DecodeError, message);
        }

        /// <summary>The syntax is right but a value is not allowed: illegal_parameter.</summary>
        internal static SslException Illegal(string message)
        {
            return new SslException(SslError.IllegalParameter, AlertDescription.IllegalParameter, message);
        }

        /// <summary>The caller asked for something the codec cannot write.</summary>
        internal static SslException Argument(string message)
        {
            return new SslException(SslError.InvalidArgument, AlertDescription.InternalError, message);
        }

        internal static string Hex16(int value)
        {
            return "0x" + value.ToString("X4");
        }
    }
}
