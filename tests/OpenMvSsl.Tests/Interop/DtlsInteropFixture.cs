using System;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Host;
using OpenMvSsl.Tests.Peers;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Credentials and engine settings shared by the DTLS interop tests.</summary>
    internal static class DtlsInterop
    {
        public static readonly DotNetCryptoProvider DotNet = new DotNetCryptoProvider();

        // The provider of the test running on this flow: the .NET one unless a derived test class
        // (Native/*Over*Tests) selected another in its constructor. AsyncLocal keeps parallel
        // test classes apart; xunit runs the constructor and the test method on the same flow.
        private static readonly System.Threading.AsyncLocal<ICryptoProvider> Selected = new System.Threading.AsyncLocal<ICryptoProvider>();

        public static ICryptoProvider Provider => Selected.Value ?? DotNet;

        /// <summary>Makes the tests that run on this flow use <paramref name="provider"/>.</summary>
        public static void Use(ICryptoProvider provider) => Selected.Value = provider;
        public const string PskIdentity = "client1";
        public static readonly byte[] PskKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        public static string PskHex => PskPasswordFile.Hex(PskKey);
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public static EngineSettings PskClient(int suite) => new EngineSettings
        {
            Provider = Provider, PskIdentity = Encoding.ASCII.GetBytes(PskIdentity), PskKey = PskKey,
            CipherSuites = new[] { suite },
        };

        public static EngineSettings CertClient(int suite, TestPki pki, PkiCredential clientCertificate = null)
        {
            var settings = new EngineSettings
            {
                Provider = Provider, CipherSuites = new[] { suite }, VerifyMode = VerifyMode.CertRequired,
                TrustAnchors = new[] { pki.EcdsaRoot.CertificateDer, pki.RsaRoot.CertificateDer }, ServerName = TestPki.ServerDnsName,
            };
            if (clientCertificate != null)
            {
                settings.CertificateChain = new[] { clientCertificate.CertificateDer };
                settings.PrivateKey = Provider.ImportPrivateKey(clientCertificate.PrivateKeyDer);
            }
            return settings;
        }

        public static EngineSettings PskServer() => new EngineSettings
        {
            Provider = Provider, IsServer = true, PskKeys = new SinglePsk(PskIdentity, PskKey),
        };

        public static EngineSettings CertServer(PkiCredential credential, TestPki pki, VerifyMode clientAuth = VerifyMode.CertNone) => new EngineSettings
        {
            Provider = Provider, IsServer = true, CertificateChain = new[] { credential.CertificateDer },
            PrivateKey = Provider.ImportPrivateKey(credential.PrivateKeyDer), VerifyMode = clientAuth,
            TrustAnchors = new[] { pki.EcdsaRoot.CertificateDer, pki.RsaRoot.CertificateDer },
        };

        private sealed class SinglePsk : IPskKeyStore
        {
            private readonly byte[] identity, key;
            public SinglePsk(string identity, byte[] key) { this.identity = Encoding.ASCII.GetBytes(identity); this.key = key; }
            public byte[] GetKey(byte[] id) => id.AsSpan().SequenceEqual(identity) ? key : null;
        }
    }
}
