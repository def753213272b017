using System;

namespace OpenMvSsl.Native
{
    /// <summary>The C library's omv_status codes and the SslError each one becomes.</summary>
    internal static class NativeStatus
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

        public static SslError ToSslError(int status)
        {
            switch (status)
            {
                case InvalidArgument: return SslError.InvalidArgument;
                case UnsupportedAlgorithm: return SslError.UnsupportedAlgorithm;
                case BufferTooSmall: return SslError.BufferTooSmall;
                case AuthenticationFailed: return SslError.BadRecordMac;
                case BadSignature: return SslError.DecryptError;
                case InvalidPublicKey: return SslError.IllegalParameter;
                case BadPrivateKey: return SslError.BadKeyOrCertificate;
                case CertificateMalformed: return SslError.CertificateMalformed;
                case UnsupportedKey: return SslError.CertificateUnsupportedKey;
                default: return SslError.InvalidState; // out of memory, RNG failure, other mbedTLS failures, unknown codes
            }
        }

        public static string Describe(int status)
        {
            switch (status)
            {
                case InvalidArgument: return "invalid argument (null handle or pointer, wrong key or nonce length)";
                case UnsupportedAlgorithm: return "unsupported algorithm";
                case BufferTooSmall: return "output buffer too small";
                case AuthenticationFailed: return "authentication failed";
                case BadSignature: return "bad signature";
                case InvalidPublicKey: return "invalid public key";
                case BadPrivateKey: return "unreadable private key";
                case CertificateMalformed: return "malformed certificate";
                case UnsupportedKey: return "unsupported key type or curve";
                case OutOfMemory: return "out of memory";
                case RandomFailed: return "entropy source or DRBG failed";
                case Internal: return "internal mbedTLS failure";
                default: return "unknown status " + status;
            }
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
