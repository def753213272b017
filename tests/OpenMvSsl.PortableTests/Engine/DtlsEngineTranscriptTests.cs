using System;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>
    /// A DTLS 1.2 PSK client and server joined in memory on a virtual clock: the handshake
    /// completes (with the cookie exchange), data goes both ways, and the failures are the documented ones.
    /// </summary>
    [TestClass]
    public class DtlsEngineTranscriptTests
    {
        private static void PingPong(DatagramLink link, int rounds)
        {
            byte[] buffer = new byte[2048];
            for (int i = 0; i < rounds; i++)
            {
                byte[] ping = TestBytes.Ascii("ping " + i);
                link.Client.SendApplicationData(ping);
                link.Deliver();
                Assert.IsTrue(link.Server.HasApplicationData, "server received ping " + i);
                int n = link.Server.ReadApplicationData(buffer);
                ByteAssert.AreEqual(ping, buffer, 0, n, "ping " + i);
                link.Server.SendApplicationData(new SpanByte(buffer, 0, n));
                link.Deliver();
                Assert.IsTrue(link.Client.HasApplicationData, "client received echo " + i);
                n = link.Client.ReadApplicationData(buffer);
                ByteAssert.AreEqual(ping, buffer, 0, n, "echo " + i);
            }
        }

        private static void HandshakeAndPing(int suite)
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(suite, Settings.PskKey), Settings.PskServer());
            Assert.IsTrue(link.Handshake(), link.Describe());
            Assert.AreEqual((object)EngineState.Established, (object)link.Client.State);
            Assert.AreEqual("DTLSv1.2", link.Client.VersionName);
            Assert.AreEqual(CipherSuites.Name(suite), link.Client.CipherSuiteName);
            Assert.AreEqual(CipherSuites.Name(suite), link.Server.CipherSuiteName);
            Assert.AreEqual(Settings.PskIdentity, TestBytes.Text(link.Server.PeerPskIdentity, 0, link.Server.PeerPskIdentity.Length));
            PingPong(link, 3);
        }

        [TestMethod]
        public void PskAesCcm8HandshakeAndPing()
        {
            HandshakeAndPing(CipherSuites.TlsPskWithAes128Ccm8);
        }

        [TestMethod]
        public void PskAesGcmHandshakeAndPing()
        {
            HandshakeAndPing(CipherSuites.TlsPskWithAes128GcmSha256);
        }

        [TestMethod]
        public void PskChaCha20Poly1305HandshakeAndPing()
        {
            HandshakeAndPing(CipherSuites.TlsPskWithChaCha20Poly1305Sha256);
        }

        [TestMethod]
        public void ServerAsksForACookieFirst()
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer());
            Assert.IsTrue(link.Handshake(), link.Describe());
            // ClientHello, ClientHello with cookie, then the client's key exchange flight: at least 3 datagrams.
            Assert.IsTrue(link.DatagramsToServer >= 3, "client sent " + link.DatagramsToServer + " datagrams");
            Assert.AreEqual(0, link.Client.Retransmissions, "nothing was lost, nothing was resent");
        }

        [TestMethod]
        public void WrongPskFailsOnBothSides()
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(0, TestBytes.Pattern(16, 99)), Settings.PskServer());
            Assert.IsFalse(link.Handshake(), "a handshake with the wrong key completed");
            link.RunUntilSettled();
            Assert.IsTrue(link.Client.State == EngineState.Failed || link.Server.State == EngineState.Failed, link.Describe());
            Assert.IsFalse(link.Client.State == EngineState.Established, "client thinks it is connected");
        }

        [TestMethod]
        public void UnknownIdentityIsRefused()
        {
            EngineSettings client = Settings.PskClient(0, Settings.PskKey);
            client.PskIdentity = TestBytes.Ascii("stranger");
            DatagramLink link = new DatagramLink(client, Settings.PskServer());
            Assert.IsFalse(link.Handshake(), "a stranger got in");
            Assert.AreEqual((object)EngineState.Failed, (object)link.Server.State, link.Describe());
            Assert.AreEqual((object)SslError.UnknownPskIdentity, (object)link.Server.Failure.Error, link.Describe());
        }

        [TestMethod]
        public void DuplicatedDatagramsDoNotDisturbTheHandshake()
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer());
            link.Duplicate = true;
            Assert.IsTrue(link.Handshake(), link.Describe());
            link.Duplicate = false;
            PingPong(link, 2);
        }

        [TestMethod]
        public void LostDatagramsAreRetransmittedOnTheTimer()
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer());
            link.DropEvery = 3;
            Assert.IsTrue(link.Handshake(), link.Describe());
            Assert.IsTrue(link.Client.Retransmissions + link.Server.Retransmissions > 0, "a lost flight must be resent");
            Assert.IsTrue(link.Now >= 1000 + 1000, "the virtual clock reached at least one retransmission timeout");
        }

        [TestMethod]
        public void CloseNotifyReachesThePeer()
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer());
            Assert.IsTrue(link.Handshake(), link.Describe());
            link.Client.Close();
            link.Deliver();
            Assert.IsTrue(link.Server.PeerClosed, link.Describe());
        }

        [TestMethod]
        public void TamperedApplicationDatagramIsDroppedSilently()
        {
            DatagramLink link = new DatagramLink(Settings.PskClient(0, Settings.PskKey), Settings.PskServer());
            Assert.IsTrue(link.Handshake(), link.Describe());
            link.Client.SendApplicationData(TestBytes.Ascii("hello"));
            byte[] datagram = new byte[2048];
            int n = link.Client.TakeOutgoingDatagram(datagram);
            byte[] forged = TestBytes.Slice(datagram, 0, n);
            forged[n - 1] ^= 0x01;
            link.Server.ProcessDatagram(forged, link.Now + 1);
            Assert.IsFalse(link.Server.HasApplicationData, "forged data was delivered");
            Assert.AreEqual((object)EngineState.Established, (object)link.Server.State, "DTLS drops bad records instead of failing");
            Assert.AreEqual(1L, link.Server.AuthenticationFailures);
            link.Server.ProcessDatagram(TestBytes.Slice(datagram, 0, n), link.Now + 2);
            Assert.IsTrue(link.Server.HasApplicationData, "the genuine datagram still arrives");
        }
    }
}
