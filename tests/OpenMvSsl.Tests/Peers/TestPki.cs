using System;
using System.IO;
using System.Text;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// The test PKI, written to a temporary directory that Dispose deletes; use it as an xunit
    /// class fixture (IClassFixture&lt;TestPki&gt;). Keys and certificates are generated once
    /// per test process (about half a second, mostly RSA keys); each instance only writes files.
    ///
    /// Server leaves carry SAN DNS:localhost, DNS:server.test, IP:127.0.0.1 and EKU serverAuth;
    /// client leaves DNS:client.test and clientAuth. Roots are valid from a year ago for ten
    /// years; leaves from a day ago for a year, except the expired and not-yet-valid ones.
    /// </summary>
    public sealed class TestPki : IDisposable
    {
        public const string ServerDnsName = "localhost";
        public const string SecondServerDnsName = "server.test";
        public const string OtherHostName = "other.test";
        public const string ClientName = "client.test";

        public TestPki()
        {
            TestPkiGenerator.Material m = TestPkiGenerator.Get();
            GenerationTime = m.GenerationTime;
            Directory = Path.Combine(Path.GetTempPath(), "openmvssl-pki-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            System.IO.Directory.CreateDirectory(Directory);

            EcdsaRoot = Write(m.EcdsaRoot, null);
            RsaRoot = Write(m.RsaRoot, null);
            UnrelatedRoot = Write(m.UnrelatedRoot, null);
            EcdsaServer = Write(m.EcdsaServer, EcdsaRoot);
            RsaServer = Write(m.RsaServer, RsaRoot);
            EcdsaClient = Write(m.EcdsaClient, EcdsaRoot);
            RsaClient = Write(m.RsaClient, RsaRoot);
            ExpiredServer = Write(m.ExpiredServer, EcdsaRoot);
            NotYetValidServer = Write(m.NotYetValidServer, EcdsaRoot);
            OtherHostServer = Write(m.OtherHostServer, EcdsaRoot);
            UnrelatedServer = Write(m.UnrelatedServer, UnrelatedRoot);

            RootsPemPath = Path.Combine(Directory, "roots.pem");
            File.WriteAllText(RootsPemPath, EcdsaRoot.CertificatePem + RsaRoot.CertificatePem, Encoding.ASCII);
        }

        /// <summary>Where the files are; deleted by Dispose.</summary>
        public string Directory { get; }

        /// <summary>How long the one-time generation took in this process.</summary>
        public TimeSpan GenerationTime { get; }

        /// <summary>ECDSA P-256 root CA.</summary>
        public PkiCredential EcdsaRoot { get; }

        /// <summary>RSA-2048 root CA.</summary>
        public PkiCredential RsaRoot { get; }

        /// <summary>A second ECDSA root that nothing trusts: for "unknown CA" tests.</summary>
        public PkiCredential UnrelatedRoot { get; }

        /// <summary>ECDSA P-256 server leaf signed by EcdsaRoot.</summary>
        public PkiCredential EcdsaServer { get; }

        /// <summary>RSA-2048 server leaf signed by RsaRoot.</summary>
        public PkiCredential RsaServer { get; }

        /// <summary>ECDSA P-256 client leaf signed by EcdsaRoot (mutual TLS).</summary>
        public PkiCredential EcdsaClient { get; }

        /// <summary>RSA-2048 client leaf signed by RsaRoot (mutual TLS).</summary>
        public PkiCredential RsaClient { get; }

        /// <summary>ECDSA server leaf from EcdsaRoot that expired yesterday (valid 30 days ago to 1 day ago).</summary>
        public PkiCredential ExpiredServer { get; }

        /// <summary>ECDSA server leaf from EcdsaRoot valid only from 30 days in the future.</summary>
        public PkiCredential NotYetValidServer { get; }

        /// <summary>ECDSA server leaf from EcdsaRoot for other.test only (name mismatch for localhost/127.0.0.1).</summary>
        public PkiCredential OtherHostServer { get; }

        /// <summary>ECDSA server leaf with the usual names, signed by UnrelatedRoot.</summary>
        public PkiCredential UnrelatedServer { get; }

        /// <summary>EcdsaRoot and RsaRoot in one PEM file.</summary>
        public string RootsPemPath { get; }

        /// <summary>Every credential, roots first.</summary>
        public PkiCredential[] All => new[]
        {
            EcdsaRoot, RsaRoot, UnrelatedRoot, EcdsaServer, RsaServer, EcdsaClient, RsaClient,
            ExpiredServer, NotYetValidServer, OtherHostServer, UnrelatedServer,
        };

        /// <summary>A path inside <see cref="Directory"/> for extra files a test writes (PSK files ...).</summary>
        public string PathFor(string fileName) => Path.Combine(Directory, fileName);

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        private PkiCredential Write(TestPkiGenerator.Entry entry, PkiCredential issuer)
        {
            return new PkiCredential(entry.Name, entry.KeyAlgorithm, entry.IsCertificateAuthority,
                entry.CertificateDer, entry.PrivateKeyDer, Directory, issuer);
        }
    }
}
