using System;
using System.Text;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// A throwaway certificate and key made with OpenSSL 3.0 for these tests only:
    ///   openssl ecparam -name prime256v1 -genkey -out ec.pem        (EC PARAMETERS + SEC1 key)
    ///   openssl req -x509 -key ec.pem -subj /CN=pem.test -days 36500 -out cert.pem
    /// </summary>
    internal static class OpenSslPem
    {
        public static readonly string Certificate = ""
            + "-----BEGIN CERTIFICATE-----\n"
            + "MIIBfjCCASOgAwIBAgIULtvNFMqsemB2UBD6rzn8Dy4J7GQwCgYIKoZIzj0EAwIw\n"
            + "EzERMA8GA1UEAwwIcGVtLnRlc3QwIBcNMjYxMTI0MjIxNTIyWhgPMjEyNjEwMzEy\n"
            + "MjE1MjJaMBMxETAPBgNVBAMMCHBlbS50ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0D\n"
            + "AQcDQgAE09eJT8WzURzG3lorZhCSwrZzA3y0T7NjOX1tfeROzmUJiVaNC/HnVXK6\n"
            + "FiSDgbgG0ejOzspS3nr6gou5lNk6F6NTMFEwHQYDVR0OBBYEFBUW4NQCxCKdPN1i\n"
            + "QPuiBALTUGWAMB8GA1UdIwQYMBaAFBUW4NQCxCKdPN1iQPuiBALTUGWAMA8GA1Ud\n"
            + "EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAOrYppWJpf91FEysIg+p4VOZ\n"
            + "iGamsEh+FB1feUeBCQMvAiEAsoBDA5Ki/2DbSVBDgU5hdaLSVW35NK50om9wNXCN\n"
            + "onY=\n"
            + "-----END CERTIFICATE-----\n";

        public static readonly string EcKeyWithParameters = ""
            + "-----BEGIN EC PARAMETERS-----\n"
            + "BggqhkjOPQMBBw==\n"
            + "-----END EC PARAMETERS-----\n"
            + "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIEAcg/VuGGI9aLzFz6VyuwzxRyyEPJ4Q2wSoe1cjeBvAoAoGCCqGSM49\n"
            + "AwEHoUQDQgAE09eJT8WzURzG3lorZhCSwrZzA3y0T7NjOX1tfeROzmUJiVaNC/Hn\n"
            + "VXK6FiSDgbgG0ejOzspS3nr6gou5lNk6Fw==\n"
            + "-----END EC PRIVATE KEY-----\n";

        public static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
    }
}
