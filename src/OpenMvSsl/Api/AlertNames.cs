namespace OpenMvSsl
{
    /// <summary>RFC names of alerts, for messages (nanoFramework's enum ToString gives only numbers).</summary>
    public static class AlertNames
    {
        public static string Name(AlertDescription alert)
        {
            switch (alert)
            {
                case AlertDescription.CloseNotify: return "close_notify";
                case AlertDescription.UnexpectedMessage: return "unexpected_message";
                case AlertDescription.BadRecordMac: return "bad_record_mac";
                case AlertDescription.RecordOverflow: return "record_overflow";
                case AlertDescription.HandshakeFailure: return "handshake_failure";
                case AlertDescription.BadCertificate: return "bad_certificate";
                case AlertDescription.UnsupportedCertificate: return "unsupported_certificate";
                case AlertDescription.CertificateRevoked: return "certificate_revoked";
                case AlertDescription.CertificateExpired: return "certificate_expired";
                case AlertDescription.CertificateUnknown: return "certificate_unknown";
                case AlertDescription.IllegalParameter: return "illegal_parameter";
                case AlertDescription.UnknownCa: return "unknown_ca";
                case AlertDescription.AccessDenied: return "access_denied";
                case AlertDescription.DecodeError: return "decode_error";
                case AlertDescription.DecryptError: return "decrypt_error";
                case AlertDescription.ProtocolVersion: return "protocol_version";
                case AlertDescription.InsufficientSecurity: return "insufficient_security";
                case AlertDescription.InternalError: return "internal_error";
                case AlertDescription.InappropriateFallback: return "inappropriate_fallback";
                case AlertDescription.UserCanceled: return "user_canceled";
                case AlertDescription.NoRenegotiation: return "no_renegotiation";
                case AlertDescription.MissingExtension: return "missing_extension";
                case AlertDescription.UnsupportedExtension: return "unsupported_extension";
                case AlertDescription.UnrecognizedName: return "unrecognized_name";
                case AlertDescription.BadCertificateStatusResponse: return "bad_certificate_status_response";
                case AlertDescription.UnknownPskIdentity: return "unknown_psk_identity";
                case AlertDescription.CertificateRequired: return "certificate_required";
                case AlertDescription.NoApplicationProtocol: return "no_application_protocol";
                default: return "alert " + (int)alert;
            }
        }
    }
}
