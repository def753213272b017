using System;
using OpenMvSsl.Engine;

namespace OpenMvSsl.PortableTests
{
    /// <summary>Engine settings the engine tests share: a PSK pair and a certificate pair over the test PKI.</summary>
    public static class Settings
    {
        public const string PskIdentity = "device-1";

        public static byte[] PskKey { get { return TestBytes.FromHex("0102030405060708090a0b0c0d0e0f10"); } }

        public static EngineSettings PskClient(int suite, byte[] key)
        {
            EngineSettings settings = new EngineSettings();
            settings.Provider = PortableTestEnvironment.Crypto;
            settings.WallClockUtc = TestPki.ValidTime;
            settings.PskIdentity = TestBytes.Ascii(PskIdentity);
            settings.PskKey = key;
            if (suite != 0) settings.CipherSuites = new int[] { suite };
            return settings;
        }

        public static EngineSettings PskServer()
        {
            PskKeyTable keys = new PskKeyTable();
            keys.Add(TestBytes.Ascii(PskIdentity), PskKey);
            EngineSettings settings = new EngineSettings();
            settings.Provider = PortableTestEnvironment.Crypto;
            settings.WallClockUtc = TestPki.ValidTime;
            settings.IsServer = true;
            settings.PskKeys = keys;
            settings.PeerAddress = new byte[] { 127, 0, 0, 1, 0x12, 0x34 };
            return settings;
        }

        public static EngineSettings CertServer()
        {
            EngineSettings settings = new EngineSettings();
            settings.Provider = PortableTestEnvironment.Crypto;
            settings.WallClockUtc = TestPki.ValidTime;
            settings.IsServer = true;
            settings.CertificateChain = new byte[][] { TestPki.LeafDer };
            settings.PrivateKey = PortableTestEnvironment.Crypto.ImportPrivateKey(TestPki.LeafKeyDer);
            settings.PeerAddress = new byte[] { 127, 0, 0, 1, 0, 1 };
            return settings;
        }

        /// <summary>A client that checks the server's chain against the test CA and the host name.</summary>
        public static EngineSettings VerifyingClient(string hostName, DateTime wallClock)
        {
            EngineSettings settings = new EngineSettings();
            settings.Provider = PortableTestEnvironment.Crypto;
            settings.WallClockUtc = wallClock;
            settings.VerifyMode = VerifyMode.CertRequired;
            settings.TrustAnchors = new byte[][] { TestPki.CaDer };
            settings.ServerName = hostName;
            return settings;
        }
    }
}
