using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Org.BouncyCastle.Tls;
using BcAlert = Org.BouncyCastle.Tls.AlertDescription;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// What a BouncyCastle peer saw and negotiated, filled in by its TlsPeer callbacks (often on
    /// a background thread) and read by the test. <see cref="Describe"/> gives one line for
    /// assertion messages.
    /// </summary>
    public sealed class BcPeerObservations
    {
        private readonly object gate = new object();
        private readonly List<string> alerts = new List<string>();
        private readonly List<byte[]> received = new List<byte[]>();
        private readonly ManualResetEventSlim handshakeSettled = new ManualResetEventSlim(false);
        private string error;

        /// <summary>True once the handshake finished (Finished messages verified both ways).</summary>
        public bool HandshakeCompleted { get; private set; }

        /// <summary>IANA code of the negotiated suite, -1 before the handshake completes.</summary>
        public int CipherSuite { get; private set; } = -1;

        /// <summary>Negotiated version, e.g. ProtocolVersion.DTLSv12; null before completion.</summary>
        public ProtocolVersion NegotiatedVersion { get; private set; }

        /// <summary>RFC 7627 extended master secret was negotiated (TLS/DTLS 1.2).</summary>
        public bool ExtendedMasterSecret { get; private set; }

        /// <summary>RFC 5746: the peer sent renegotiation_info (or, to a server, the SCSV).</summary>
        public bool SecureRenegotiation { get; private set; }

        /// <summary>Certificates the peer sent (DER, leaf first); empty when none.</summary>
        public byte[][] PeerCertificateChain { get; private set; } = new byte[0][];

        /// <summary>The peer's leaf certificate (DER) or null.</summary>
        public byte[] PeerCertificate
        {
            get { return PeerCertificateChain.Length > 0 ? PeerCertificateChain[0] : null; }
        }

        /// <summary>Server side: the PSK identity the client used (UTF-8), or null.</summary>
        public string PskIdentity { get; private set; }

        /// <summary>Server side: the cipher suites in the ClientHello, in the client's order.</summary>
        public int[] OfferedCipherSuites { get; internal set; } = new int[0];

        /// <summary>Extension types the peer sent: ClientHello's on a server, ServerHello's
        /// (and TLS 1.3 EncryptedExtensions') on a client.</summary>
        public int[] PeerExtensionTypes { get; internal set; } = new int[0];

        /// <summary>True after the peer's close_notify alert.</summary>
        public bool PeerClosed { get; private set; }

        /// <summary>The first failure as text (exception type, message, causes), or null.</summary>
        public string Error
        {
            get { lock (gate) return error; }
        }

        /// <summary>Alerts sent and received, oldest first: "sent fatal handshake_failure(40): ...".</summary>
        public string[] Alerts
        {
            get { lock (gate) return alerts.ToArray(); }
        }

        /// <summary>Application datagrams (DTLS) or read chunks (TLS) received, oldest first.</summary>
        public byte[][] Received
        {
            get { lock (gate) return received.ToArray(); }
        }

        /// <summary>All received application bytes concatenated.</summary>
        public byte[] ReceivedBytes
        {
            get
            {
                lock (gate)
                {
                    var all = new List<byte>();
                    foreach (byte[] chunk in received) all.AddRange(chunk);
                    return all.ToArray();
                }
            }
        }

        /// <summary>Whether the ClientHello carried TLS_EMPTY_RENEGOTIATION_INFO_SCSV (server side).</summary>
        public bool ClientSentRenegotiationScsv
        {
            get { return Array.IndexOf(OfferedCipherSuites, 0x00FF) >= 0; }
        }

        /// <summary>Whether the peer sent the renegotiation_info extension (0xFF01).</summary>
        public bool PeerSentRenegotiationInfoExtension
        {
            get { return Array.IndexOf(PeerExtensionTypes, 0xFF01) >= 0; }
        }

        /// <summary>Whether the peer sent the extended_master_secret extension (23).</summary>
        public bool PeerSentExtendedMasterSecretExtension
        {
            get { return Array.IndexOf(PeerExtensionTypes, 23) >= 0; }
        }

        /// <summary>Blocks until the handshake completed or failed; true if it completed.</summary>
        public bool WaitForHandshake(int timeoutMs)
        {
            handshakeSettled.Wait(timeoutMs);
            return HandshakeCompleted;
        }

        /// <summary>Blocks until at least <paramref name="count"/> chunks were received.</summary>
        public bool WaitForReceived(int count, int timeoutMs)
        {
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            lock (gate)
            {
                while (received.Count < count)
                {
                    int left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
                    if (left <= 0 || error != null) return received.Count >= count;
                    Monitor.Wait(gate, Math.Min(left, 100));
                }
                return true;
            }
        }

        /// <summary>One line for assertion messages.</summary>
        public string Describe()
        {
            var text = new StringBuilder();
            text.Append("handshake=").Append(HandshakeCompleted ? "done" : "not done");
            text.Append(" version=").Append(NegotiatedVersion == null ? "(none)" : NegotiatedVersion.ToString());
            text.Append(" suite=").Append(BcCipherSuites.Format(CipherSuite));
            text.Append(" ems=").Append(ExtendedMasterSecret).Append(" secureReneg=").Append(SecureRenegotiation);
            lock (gate)
            {
                text.Append(" received=").Append(received.Count);
                if (alerts.Count > 0) text.Append(" alerts=[").Append(string.Join("; ", alerts)).Append(']');
                if (error != null) text.Append(" error=").Append(error);
            }
            return text.ToString();
        }

        public override string ToString()
        {
            return Describe();
        }

        internal void RecordHandshake(TlsContext context)
        {
            SecurityParameters parameters = context.SecurityParameters;
            CipherSuite = parameters.CipherSuite;
            NegotiatedVersion = parameters.NegotiatedVersion;
            ExtendedMasterSecret = parameters.IsExtendedMasterSecret;
            SecureRenegotiation = parameters.IsSecureRenegotiation;
            PeerCertificateChain = BcCertificateValidator.ToDer(parameters.PeerCertificate);
            if (parameters.PskIdentity != null) PskIdentity = Encoding.UTF8.GetString(parameters.PskIdentity);
            HandshakeCompleted = true;
            handshakeSettled.Set();
        }

        internal void RecordPeerCertificate(Certificate certificate)
        {
            PeerCertificateChain = BcCertificateValidator.ToDer(certificate);
        }

        internal void RecordAlert(bool sent, short level, short description, string message)
        {
            if (!sent && description == BcAlert.close_notify) PeerClosed = true;
            string line = (sent ? "sent " : "received ") + AlertLevel.GetText(level) + " "
                + BcAlert.GetText(description) + (message != null ? ": " + message : "");
            lock (gate) alerts.Add(line);
        }

        internal void RecordReceived(byte[] data, int offset, int length)
        {
            var copy = new byte[length];
            Buffer.BlockCopy(data, offset, copy, 0, length);
            lock (gate)
            {
                received.Add(copy);
                Monitor.PulseAll(gate);
            }
        }

        internal void RecordError(string text)
        {
            lock (gate)
            {
                if (error == null) error = text;
                Monitor.PulseAll(gate);
            }
            handshakeSettled.Set();
        }

        internal void RecordError(Exception exception)
        {
            RecordError(DescribeException(exception));
        }

        /// <summary>Lets waiters on the handshake go once the peer has given up.</summary>
        internal void Settle()
        {
            handshakeSettled.Set();
            lock (gate) Monitor.PulseAll(gate);
        }

        internal static string DescribeException(Exception exception)
        {
            var text = new StringBuilder();
            for (Exception e = exception; e != null; e = e.InnerException)
            {
                if (text.Length > 0) text.Append(" <- ");
                text.Append(e.GetType().Name).Append(": ").Append(e.Message);
            }
            return text.ToString();
        }
    }
}
