using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// A fixed P-256 test PKI, embedded as PEM so the same tests run on a device without a file
    /// system: a CA and a leaf for "device.test" (serverAuth and clientAuth) signed by it, valid
    /// from 2026-11-24 for twenty years. Made once with openssl (ecparam prime256v1, req -x509,
    /// x509 -req); the key is for tests only. The tests pass <see cref="ValidTime"/> as the wall
    /// clock, so they do not depend on the clock of the machine or board.
    /// </summary>
    public static class TestPki
    {
        public const string HostName = "device.test";

        public const string CaPem =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIIBsDCCAVWgAwIBAgIUFbvu16iWg8v5+YflWzFWVzHHHwcwCgYIKoZIzj0EAwIw\n"
            + "JTEjMCEGA1UEAwwaT3Blbk12U3NsIFBvcnRhYmxlIFRlc3QgQ0EwHhcNMjYxMTI0\n"
            + "MjM1OTQ1WhcNNDYxMTE5MjM1OTQ1WjAlMSMwIQYDVQQDDBpPcGVuTXZTc2wgUG9y\n"
            + "dGFibGUgVGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABK3LO8L0UsLE\n"
            + "MNY7cu1vC5uAQx3FqSSXDCisuLglYM6KY+6srA/Er1GceaqZLvL325lWAhrEgtMW\n"
            + "7Gm99Kp/RhKjYzBhMB0GA1UdDgQWBBQc/0SW8ET6bX6QOHziC8joQy88RDAfBgNV\n"
            + "HSMEGDAWgBQc/0SW8ET6bX6QOHziC8joQy88RDAPBgNVHRMBAf8EBTADAQH/MA4G\n"
            + "A1UdDwEB/wQEAwIBBjAKBggqhkjOPQQDAgNJADBGAiEAuNYgFkipLitrvxK6NFTt\n"
            + "NPDavxSOUb9FU1CFm7CHxkICIQD6yzaHNDouL62xscPB3JX84ZDL5wHKZBvmo67U\n"
            + "jku0Sw==\n"
            + "-----END CERTIFICATE-----\n";

        public const string LeafPem =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIIB1DCCAXmgAwIBAgIUIL5t8gv0cJtRFZsRA3WGc1VzOugwCgYIKoZIzj0EAwIw\n"
            + "JTEjMCEGA1UEAwwaT3Blbk12U3NsIFBvcnRhYmxlIFRlc3QgQ0EwHhcNMjYxMTI0\n"
            + "MjM1OTQ2WhcNNDYxMTE4MjM1OTQ2WjAWMRQwEgYDVQQDDAtkZXZpY2UudGVzdDBZ\n"
            + "MBMGByqGSM49AgEGCCqGSM49AwEHA0IABFelP8s2E8D8w0KU47T27+2I37FOGbLX\n"
            + "CPUlnJ/iuu/Sg7asTMnGIoGd0+o8xx+h/HxuhZ+3zKdlhHKCj0AsWiqjgZUwgZIw\n"
            + "CQYDVR0TBAIwADAOBgNVHQ8BAf8EBAMCB4AwHQYDVR0lBBYwFAYIKwYBBQUHAwEG\n"
            + "CCsGAQUFBwMCMBYGA1UdEQQPMA2CC2RldmljZS50ZXN0MB0GA1UdDgQWBBSJ2ZJa\n"
            + "GBfyFkXnhUCmtq0uViPM2TAfBgNVHSMEGDAWgBQc/0SW8ET6bX6QOHziC8joQy88\n"
            + "RDAKBggqhkjOPQQDAgNJADBGAiEAirg5Kt739QJ90MisQpjiBnsr9pZ6Q2PgKi/V\n"
            + "7SWolUkCIQCXFeEdfViaOHj4T2KhP0vYZElinND6srETeNizTVip1Q==\n"
            + "-----END CERTIFICATE-----\n";

        public const string LeafKeyPem =
            "-----BEGIN PRIVATE KEY-----\n"
            + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgF/7B0SH/lluvTtgB\n"
            + "APw5I+w789WvW3oDnA8OyTcFq/ehRANCAARXpT/LNhPA/MNClOO09u/tiN+xThmy\n"
            + "1wj1JZyf4rrv0oO2rEzJxiKBndPqPMcfofx8boWft8ynZYRygo9ALFoq\n"
            + "-----END PRIVATE KEY-----\n";

        /// <summary>
        /// A second CA with the same subject name as the real one but its own key: it did not
        /// sign the leaf, so a chain checked against it alone must be refused.
        /// </summary>
        public const string ImpostorCaPem =
            "-----BEGIN CERTIFICATE-----\n"
            + "MIIBsDCCAVWgAwIBAgIUanoPudPufLwPyolY55cB9+757kYwCgYIKoZIzj0EAwIw\n"
            + "JTEjMCEGA1UEAwwaT3Blbk12U3NsIFBvcnRhYmxlIFRlc3QgQ0EwHhcNMjYxMTI1\n"
            + "MDAwNzQzWhcNNDYxMTIwMDAwNzQzWjAlMSMwIQYDVQQDDBpPcGVuTXZTc2wgUG9y\n"
            + "dGFibGUgVGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJhEIQHFjrc3\n"
            + "SGkyL+GdeT3twfq5YMMJJZ7BCHd3TqQkcAFc0FtXI0lf90VAJev6dr1/3yvx5yvN\n"
            + "l8Fp66HzxI+jYzBhMB0GA1UdDgQWBBQFe449wE+AgHXVNyvFVLqCSLSrSDAfBgNV\n"
            + "HSMEGDAWgBQFe449wE+AgHXVNyvFVLqCSLSrSDAPBgNVHRMBAf8EBTADAQH/MA4G\n"
            + "A1UdDwEB/wQEAwIBBjAKBggqhkjOPQQDAgNJADBGAiEAxropaR4SEARGuPffvd7s\n"
            + "gSXilFJLq4UXEWfTa80ysjsCIQCI2Z/sT0CT5n4OFqvtdbuJPfTtD2Jujy4oAboa\n"
            + "XNw/NA==\n"
            + "-----END CERTIFICATE-----\n";

        /// <summary>Inside both certificates' validity.</summary>
        public static DateTime ValidTime { get { return new DateTime(2030, 1, 1, 0, 0, 0); } }

        /// <summary>After both certificates expired.</summary>
        public static DateTime ExpiredTime { get { return new DateTime(2050, 1, 1, 0, 0, 0); } }

        public static byte[] CaDer { get { return Pem.DecodeCertificates(TestBytes.Ascii(CaPem), "test CA")[0]; } }

        public static byte[] ImpostorCaDer { get { return Pem.DecodeCertificates(TestBytes.Ascii(ImpostorCaPem), "impostor CA")[0]; } }

        public static byte[] LeafDer { get { return Pem.DecodeCertificates(TestBytes.Ascii(LeafPem), "test leaf")[0]; } }

        public static byte[] LeafKeyDer { get { return Pem.DecodePrivateKey(TestBytes.Ascii(LeafKeyPem), "test leaf key"); } }
    }
}
