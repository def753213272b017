using System;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// A TLS client and server joined by an in-memory byte stream: TLS 1.3 with ECDHE and the
    /// embedded P-256 certificate (checked against the test CA and host name), and TLS 1.2 PSK.
    /// </summary>
    [TestClass]
    public class TlsEngineTranscriptTests
    {
        private static StreamLink Tls13(EngineSettings client, int chunk)
        {
            StreamLink link = new StreamLink(client, Settings.CertServer(), chunk);
            link.Handshake();
            return link;
        }

        [TestMethod]
        public void Tls13EcdheWithVerifiedCertificate()
        {
            StreamLink link = Tls13(Settings.VerifyingClient(TestPki.HostName, TestPki.ValidTime), 4096);
            Assert.IsTrue(link.Client.IsHandshakeComplete && link.Server.IsHandshakeComplete, link.Describe());
            Assert.AreEqual("TLSv1.3", link.Client.VersionName);
            Assert.AreEqual("TLSv1.3", link.Server.VersionName);
            Assert.IsNotNull(link.Client.PeerCertificates, "the client kept the server's chain");
            ByteAssert.AreEqual(TestPki.LeafDer, link.Client.PeerCertificates[0]);
            Assert.AreEqual(TestPki.HostName, link.Server.RequestedServerName, "SNI");
        }

        [TestMethod]
        public void Tls13DataBothWaysAndAfterKeyUpdate()
        {
            StreamLink link = Tls13(Settings.VerifyingClient(TestPki.HostName, TestPki.ValidTime), 4096);
            Assert.IsTrue(link.Client.IsHandshakeComplete && link.Server.IsHandshakeComplete, link.Describe());
            byte[] request = TestBytes.Pattern(3000, 1);
            ByteAssert.AreEqual(request, link.Transfer(link.Client, link.Server, request), "client to server");
            byte[] reply = TestBytes.Pattern(20000, 2); // more than one record
            ByteAssert.AreEqual(reply, link.Transfer(link.Server, link.Client, reply), "server to client");
            link.Client.UpdateKeys(true);
            byte[] after = TestBytes.Ascii("after key update");
            ByteAssert.AreEqual(after, link.Transfer(link.Client, link.Server, after), "after the client's KeyUpdate");
            ByteAssert.AreEqual(after, link.Transfer(link.Server, link.Client, after), "after the server's answering KeyUpdate");
        }

        [TestMethod]
        public void Tls13HandshakeSurvivesOneByteAtATime()
        {
            StreamLink link = Tls13(Settings.VerifyingClient(TestPki.HostName, TestPki.ValidTime), 1);
            Assert.IsTrue(link.Client.IsHandshakeComplete && link.Server.IsHandshakeComplete, link.Describe());
        }

        [TestMethod]
        public void Tls13WrongHostNameIsRefusedByTheClient()
        {
            StreamLink link = Tls13(Settings.VerifyingClient("other.test", TestPki.ValidTime), 4096);
            Assert.AreEqual((object)EngineState.Failed, (object)link.Client.State, link.Describe());
            Assert.AreEqual((object)SslError.CertificateHostnameMismatch, (object)link.Client.Failure.Error, link.Describe());
            AssertServerReadTheAlert(link, AlertDescription.BadCertificate);
        }

        [TestMethod]
        public void Tls13ExpiredCertificateIsRefusedByTheClient()
        {
            StreamLink link = Tls13(Settings.VerifyingClient(TestPki.HostName, TestPki.ExpiredTime), 4096);
            Assert.AreEqual((object)EngineState.Failed, (object)link.Client.State, link.Describe());
            Assert.AreEqual((object)SslError.CertificateExpired, (object)link.Client.Failure.Error, link.Describe());
            AssertServerReadTheAlert(link, AlertDescription.CertificateExpired);
        }

        // The client's alert goes out under its handshake key, which the server reads with (RFC 8446 6):
        // the server must report the alert itself, not a record it cannot open.
        private static void AssertServerReadTheAlert(StreamLink link, AlertDescription alert)
        {
            Assert.AreEqual((object)EngineState.Failed, (object)link.Server.State, link.Describe());
            Assert.AreEqual((object)SslError.PeerAlert, (object)link.Server.Failure.Error, link.Describe());
            Assert.AreEqual((object)alert, (object)link.Server.Failure.Alert, link.Describe());
        }

        [TestMethod]
        public void Tls13UnknownIssuerIsRefusedByTheClient()
        {
            EngineSettings client = Settings.VerifyingClient(TestPki.HostName, TestPki.ValidTime);
            client.TrustAnchors = new byte[][] { TestPki.ImpostorCaDer }; // same name as the issuer, other key
            StreamLink link = Tls13(client, 4096);
            Assert.AreEqual((object)EngineState.Failed, (object)link.Client.State, link.Describe());
            // .NET names the missing trust path, mbedTLS the signature that the impostor's key cannot verify.
            SslError error = link.Client.Failure.Error;
            Assert.IsTrue(error == SslError.CertificateUntrusted || error == SslError.CertificateBadSignature, link.Describe());
        }

        [TestMethod]
        public void Tls12PskHandshakeAndData()
        {
            StreamLink link = new StreamLink(Settings.PskClient(CipherSuites.TlsPskWithAes128GcmSha256, Settings.PskKey), Settings.PskServer(), 4096);
            Assert.IsTrue(link.Handshake(), link.Describe());
            Assert.AreEqual("TLSv1.2", link.Client.VersionName);
            Assert.AreEqual(CipherSuites.Name(CipherSuites.TlsPskWithAes128GcmSha256), link.Server.CipherSuiteName);
            byte[] data = TestBytes.Pattern(40000, 3);
            ByteAssert.AreEqual(data, link.Transfer(link.Client, link.Server, data));
            ByteAssert.AreEqual(data, link.Transfer(link.Server, link.Client, data));
        }

        [TestMethod]
        public void Tls12PskCcm8OneByteAtATime()
        {
            StreamLink link = new StreamLink(Settings.PskClient(CipherSuites.TlsPskWithAes128Ccm8, Settings.PskKey), Settings.PskServer(), 1);
            Assert.IsTrue(link.Handshake(), link.Describe());
            byte[] data = TestBytes.Ascii("small pieces");
            ByteAssert.AreEqual(data, link.Transfer(link.Client, link.Server, data));
        }

        [TestMethod]
        public void Tls12WrongPskFails()
        {
            StreamLink link = new StreamLink(Settings.PskClient(0, TestBytes.Pattern(16, 50)), Settings.PskServer(), 4096);
            Assert.IsFalse(link.Handshake(), "a handshake with the wrong key completed");
            Assert.IsTrue(link.Client.State == EngineState.Failed || link.Server.State == EngineState.Failed, link.Describe());
        }

        [TestMethod]
        public void CloseNotifyEndsTheStreamCleanly()
        {
            StreamLink link = new StreamLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer(), 4096);
            Assert.IsTrue(link.Handshake(), link.Describe());
            link.Server.Write(TestBytes.Ascii("bye"));
            link.Server.Close();
            link.Pump();
            byte[] buffer = new byte[16];
            Assert.AreEqual(3, link.Client.Read(buffer));
            Assert.IsTrue(link.Client.PeerClosed, link.Describe());
            Assert.AreEqual(0, link.Client.Read(buffer));
        }

        [TestMethod]
        public void TransportClosedWithoutCloseNotifyIsTruncation()
        {
            StreamLink link = new StreamLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer(), 4096);
            Assert.IsTrue(link.Handshake(), link.Describe());
            link.Client.TransportClosed();
            Assert.AreEqual((object)SslError.Truncated, (object)link.Client.Failure.Error);
        }
    }
}
