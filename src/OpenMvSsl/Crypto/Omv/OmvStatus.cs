using System;

namespace OpenMvSsl.Crypto.Omv
{
    /// <summary>
    /// The C library's omv_status codes (firmware-bindings/include/omvssl_crypto.h) and the
    /// SslError each one becomes; shared by the device provider and the desktop P/Invoke provider.
    /// </summary>
    internal static class OmvStatus
    {
        public const int InvalidArgument = -1;
        public const int UnsupportedAlgorithm = -2;
        public const int BufferTooSmall = -3;
        public const int AuthenticationFailed = -4;
        public const int BadSignature = -5;
        public const int InvalidPublicKey = -6;
        public const int BadPrivateKey = -7;
        public const int CertificateMalformed = -8;
        public const int UnsupportedKey = -9;
        public const int OutOfMemory = -10;
        public const int RandomFailed = -11;
        public const int Internal = -12;

        // Index = -status. Unknown codes fall back to InvalidState.
        private static readonly SslError[] Errors = new SslError[]
        {
            SslError.InvalidState,              // 0: not an error, never looked up
            SslError.InvalidArgument,           // -1
            SslError.UnsupportedAlgorithm,      // -2
            SslError.BufferTooSmall,            // -3
            SslError.BadRecordMac,              // -4
            SslError.DecryptError,              // -5
            SslError.IllegalParameter,          // -6
            SslError.BadKeyOrCertificate,       // -7
            SslError.CertificateMalformed,      // -8
            SslError.CertificateUnsupportedKey, // -9
            SslError.InvalidState,              // -10 out of memory
            SslError.InvalidState,              // -11 entropy source or DRBG failed
            SslError.InvalidState,              // -12 other mbedTLS failure
        };

        private static readonly string[] Descriptions = new string[]
        {
            "success",
            "invalid argument (null handle or pointer, wrong key or nonce length)",
            "unsupported algorithm",
            "output buffer too small",
            "authentication failed",
            "bad signature",
            "invalid public key",
            "unreadable private key",
            "malformed certificate",
            "unsupported key type or curve",
            "out of memory",
            "entropy source or DRBG failed",
            "internal mbedTLS failure",
        };

        public static SslError ToSslError(int status)
        {
            if (status >= 0 || -status >= Errors.Length) return SslError.InvalidState;
            return Errors[-status];
        }

        public static string Describe(int status)
        {
            if (status > 0 || -status >= Descriptions.Length) return "unknown status " + status;
            return Descriptions[-status];
        }

        /// <summary>Returns <paramref name="result"/> when it is not negative; otherwise throws the mapped SslException.</summary>
        public static int Check(int result, string operation)
        {
            if (result >= 0) return result;
            throw Exception(result, operation);
        }

        public static SslException Exception(int status, string operation)
        {
            SslError error = ToSslError(status);
            string message = operation + ": " + Describe(status) + " (omv_status " + status + ").";
            if (error == SslError.CertificateMalformed)
                return new SslException(error, AlertDescription.BadCertificate, message);
            if (error == SslError.CertificateUnsupportedKey)
                return new SslException(error, AlertDescription.UnsupportedCertificate, message);
            return new SslException(error, message);
        }
    }
}
