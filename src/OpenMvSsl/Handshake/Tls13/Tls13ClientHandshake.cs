using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Handshake.Secrets;
using OpenMvSsl.Handshake.Tls12;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Tls13
{
    /// <summary>
    /// The TLS client (RFC 8446 4): offers TLS 1.3 and, unless told otherwise, TLS 1.2 in the
    /// same ClientHello; runs the 1.3 handshake (with HelloRetryRequest, certificates both
    /// ways, middlebox compatibility, KeyUpdate) or hands over to the TLS 1.2 client after
    /// checking the downgrade sentinel.
    /// </summary>
    internal sealed class Tls13ClientHandshake : HandshakeBase
    {
        private enum State
        {
            Start,
            ExpectServerHello,
            ExpectEncryptedExtensions,
            ExpectCertificateOrRequest,
            ExpectCertificate,
            ExpectCertificateVerify,
            ExpectFinished,
            Done,
        }

        private static readonly NamedGroup[] PreferredGroups = { NamedGroup.Secp256r1, NamedGroup.Secp384r1, NamedGroup.X25519 };

        private State state = State.Start;
        private Tls12ClientHandshake fallback;
        private readonly int[] tls13Suites;
        private readonly int[] tls12Suites;
        private readonly NamedGroup[] supportedGroups;
        private IKeyAgreement[] shares;
        private byte[] sessionId;
        private byte[] cookie;
        private bool retried;
        private CipherSuite retrySuite;
        private Tls13KeySchedule schedule;
        private Tls13TrafficSecrets handshakeSecrets;
        private byte[] clientTrafficSecret;
        private byte[] serverTrafficSecret;
        private IPublicKey serverKey;
        private CertificateRequest certificateRequest;
        private readonly int offeredRecordSizeLimit;

        internal Tls13ClientHandshake(EngineSettings settings, IHandshakeChannel channel)
            : base(settings, channel)
        {
            bool allow12 = settings.MinVersion <= ProtocolVersion.Tls12;
            bool allow13 = settings.MaxVersion >= ProtocolVersion.Tls13 && settings.PskKey == null;
            tls13Suites = allow13 ? Tls13Suites(settings) : new int[0];
            tls12Suites = allow12 ? SuitePolicy.ClientOffer(settings, tls13Suites.Length == 0) : new int[0];
            if (tls13Suites.Length == 0 && tls12Suites.Length == 0)
                throw new SslException(SslError.InvalidArgument, "no cipher suite is left for the allowed TLS versions");
            supportedGroups = Supported(settings.Provider);
            offeredRecordSizeLimit = RecordSizePolicy.ClientOfferValue(settings, tls13Suites.Length > 0);
        }

        public override CipherSuite Suite { get { return fallback != null ? fallback.Suite : base.Suite; } }
        public override byte[][] PeerCertificates { get { return fallback != null ? fallback.PeerCertificates : base.PeerCertificates; } }
        public override bool IsComplete { get { return fallback != null ? fallback.IsComplete : base.IsComplete; } }
        public override string AlpnProtocol { get { return fallback != null ? fallback.AlpnProtocol : base.AlpnProtocol; } }
        public override int Version { get { return fallback != null || tls13Suites.Length == 0 ? ProtocolVersion.Tls12 : ProtocolVersion.Tls13; } }
        public override bool ExpectsChangeCipherSpec { get { return fallback != null && fallback.ExpectsChangeCipherSpec; } }

        internal void Start()
        {
            ClientRandom = NewRandom();
            sessionId = new byte[32]; // middlebox compatibility mode (RFC 8446 D.4)
            Provider.GetRandomBytes(sessionId);
            NamedGroup[] first = Settings.KeyShareGroups == null ? new NamedGroup[] { NamedGroup.Secp256r1 } : Settings.KeyShareGroups;
            int usable = 0;
            for (int i = 0; i < first.Length; i++) if (Provider.IsSupported(first[i])) usable++;
            shares = new IKeyAgreement[usable];
            usable = 0;
            for (int i = 0; i < first.Length; i++) if (Provider.IsSupported(first[i])) shares[usable++] = Provider.CreateKeyAgreement(first[i]);
            SendClientHello();
            state = State.ExpectServerHello;
        }

        private void SendClientHello()
        {
            var hello = new ClientHello();
            hello.LegacyVersion = ProtocolVersion.Tls12;
            hello.Random = ClientRandom;
            hello.SessionId = sessionId;
            hello.CipherSuites = Concat(tls13Suites, tls12Suites);
            ExtensionList x = hello.Extensions;
            if (Settings.ServerName != null && Settings.ServerName.Length > 0 && !HostNames.IsIpAddress(Settings.ServerName))
                x.Add(new ServerNameExtension(Settings.ServerName));
            x.Add(SupportedVersionsExtension.ForClient(tls13Suites.Length == 0 ? new int[] { ProtocolVersion.Tls12 }
                : tls12Suites.Length == 0 ? new int[] { ProtocolVersion.Tls13 } : new int[] { ProtocolVersion.Tls13, ProtocolVersion.Tls12 }));
            x.Add(new SupportedGroupsExtension(supportedGroups));
            x.Add(EcPointFormatsExtension.UncompressedOnly());
            x.Add(new SignatureAlgorithmsExtension(OfferedSignatureSchemes));
            if (tls13Suites.Length > 0)
            {
                var entries = new KeyShareEntry[shares.Length];
                for (int i = 0; i < shares.Length; i++)
                {
                    var publicKey = new byte[shares[i].PublicKeyLength];
                    shares[i].GetPublicKey(publicKey);
                    entries[i] = new KeyShareEntry(shares[i].Group, publicKey);
                }
                x.Add(KeyShareExtension.ForClientHello(entries));
                if (cookie != null) x.Add(ExtensionType.Cookie, cookie);
            }
            if (AlpnPolicy.Offers(Settings)) x.Add(AlpnExtension.FromNames(Settings.AlpnProtocols));
            RecordSizePolicy.AddClientOffer(Settings, offeredRecordSizeLimit, x);
            x.Add(new ExtendedMasterSecretExtension());
            x.Add(RenegotiationInfoExtension.Empty());
            Channel.Send(hello);
        }

        public override void OnMessage(HandshakeType type, byte[] body, SpanByte framed)
        {
            if (fallback != null)
            {
                fallback.OnMessage(type, body, framed);
                return;
            }
            switch (state)
            {
                case State.ExpectServerHello:
                    if (type != HandshakeType.ServerHello) throw Unexpected(type, "waiting for ServerHello");
                    OnServerHello(ServerHello.Parse(new ByteReader(body)), body, framed);
                    return;
                case State.ExpectEncryptedExtensions:
                    if (type != HandshakeType.EncryptedExtensions) throw Unexpected(type, "waiting for EncryptedExtensions");
                    OnEncryptedExtensions(EncryptedExtensions.Parse(new ByteReader(body)));
                    Channel.Transcript.Append(framed);
                    state = State.ExpectCertificateOrRequest;
                    return;
                case State.ExpectCertificateOrRequest:
                    if (type == HandshakeType.CertificateRequest)
                    {
                        certificateRequest = CertificateRequest.Parse(new ByteReader(body), true);
                        Channel.Transcript.Append(framed);
                        state = State.ExpectCertificate;
                        return;
                    }
                    goto case State.ExpectCertificate;
                case State.ExpectCertificate:
                    if (type != HandshakeType.Certificate) throw Unexpected(type, "waiting for the server's Certificate");
                    OnCertificate(Certificate.Parse(new ByteReader(body), true));
                    Channel.Transcript.Append(framed);
                    state = State.ExpectCertificateVerify;
                    return;
                case State.ExpectCertificateVerify:
                    if (type != HandshakeType.CertificateVerify) throw Unexpected(type, "waiting for CertificateVerify");
                    OnCertificateVerify(CertificateVerify.Parse(new ByteReader(body)));
                    Channel.Transcript.Append(framed);
                    state = State.ExpectFinished;
                    return;
                case State.ExpectFinished:
                    if (type != HandshakeType.Finished) throw Unexpected(type, "waiting for the server's Finished");
                    OnFinished(body, framed);
                    return;
                default:
                    throw Unexpected(type, "in state " + (int)state);
            }
        }

        /// <summary>TLS 1.3 peers send one unprotected ChangeCipherSpec for middleboxes (RFC 8446 D.4); it means nothing.</summary>
        public override bool OnChangeCipherSpec()
        {
            if (fallback != null) return fallback.OnChangeCipherSpec();
            return state >= State.ExpectEncryptedExtensions && state <= State.ExpectFinished || (retried && state == State.ExpectServerHello);
        }

        private void OnServerHello(ServerHello hello, byte[] body, SpanByte framed)
        {
            byte[] versionData = hello.Extensions.Find(ExtensionType.SupportedVersions);
            int selected = versionData == null ? hello.LegacyVersion : SupportedVersionsExtension.ParseServer(versionData).SelectedVersion;
            if (selected != ProtocolVersion.Tls13)
            {
                FallBackToTls12(hello, body, framed, selected);
                return;
            }
            if (tls13Suites.Length == 0)
                throw new SslException(SslError.ProtocolVersion, AlertDescription.IllegalParameter, "server chose TLS 1.3, which was not offered");
            if (!ConstantTime.AreEqual(hello.SessionId, sessionId))
                throw Illegal("server did not echo our legacy_session_id");
            CipherSuite suite = CipherSuites.FindByCode(hello.CipherSuite);
            if (suite == null || !suite.IsTls13 || !Contains(tls13Suites, hello.CipherSuite) || (retrySuite != null && retrySuite != suite))
                throw Illegal("server chose cipher suite " + CipherSuites.Name(hello.CipherSuite) + ", which was not offered");

            if (hello.IsHelloRetryRequest)
            {
                OnHelloRetryRequest(hello, suite, framed);
                return;
            }
            for (int i = 0; i < hello.Extensions.Count; i++)
            {
                int t = hello.Extensions.TypeAt(i);
                if (t != (int)ExtensionType.SupportedVersions && t != (int)ExtensionType.KeyShare)
                    throw new SslException(SslError.HandshakeFailure, AlertDescription.UnsupportedExtension, "server sent extension " + t + " in ServerHello, which TLS 1.3 forbids there");
            }
            byte[] shareData = hello.Extensions.Find(ExtensionType.KeyShare);
            if (shareData == null)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.MissingExtension, "server sent no key_share (PSK-only TLS 1.3 is not offered)");
            KeyShareEntry serverShare = KeyShareExtension.ParseServerHello(shareData).ServerShare;
            IKeyAgreement share = ShareFor(serverShare.Group);
            if (share == null) throw Illegal("server's key share is for a group we sent no share for");
            var shared = new byte[share.SharedSecretLength];
            if (!share.DeriveSharedSecret(serverShare.KeyExchange, shared)) throw Illegal("the server's key share is not a valid point");
            DisposeShares();

            Suite = suite;
            Channel.Transcript.Append(framed);
            schedule = new Tls13KeySchedule(Provider, suite.Hash);
            schedule.DeriveEarlySecret();
            handshakeSecrets = schedule.DeriveHandshakeSecrets(shared, Channel.Transcript.Hash(Provider, suite.Hash));
            Array.Clear(shared, 0, shared.Length);
            Channel.ActivateReadProtection(schedule.CreateProtection(handshakeSecrets.Server, suite.Aead));
            // From here on everything we send, an alert about the server's flight included, must be
            // protected with the client handshake key (RFC 8446 6): switch now, not at our Finished.
            // The middlebox CCS (D.4) goes out first, unprotected; after a HelloRetryRequest it already has.
            if (!retried) Channel.SendChangeCipherSpec();
            Channel.ActivateWriteProtection(schedule.CreateProtection(handshakeSecrets.Client, suite.Aead));
            state = State.ExpectEncryptedExtensions;
        }

        private void FallBackToTls12(ServerHello hello, byte[] body, SpanByte framed, int selected)
        {
            if (selected != ProtocolVersion.Tls12)
                throw new SslException(SslError.ProtocolVersion, AlertDescription.ProtocolVersion,
                    "server chose " + ProtocolVersion.Name(selected) + "; TLS 1.2 or 1.3 is required");
            if (tls12Suites.Length == 0)
                throw new SslException(SslError.ProtocolVersion, AlertDescription.ProtocolVersion, "server chose TLS 1.2, but only TLS 1.3 is allowed");
            if (retried) throw Illegal("server chose TLS 1.2 after a HelloRetryRequest");
            // RFC 8446 4.1.3: a TLS 1.3 server negotiating down marks its random; seeing that here means an attacker removed 1.3.
            if (tls13Suites.Length > 0 && hello.Downgrade != DowngradeSentinel.None)
                throw Illegal("the server's random carries the TLS 1.3 downgrade sentinel: someone removed TLS 1.3 from this connection");
            DisposeShares();
            fallback = new Tls12ClientHandshake(Settings, Channel);
            fallback.ContinueFromClientHello(ClientRandom, tls12Suites, offeredRecordSizeLimit);
            fallback.OnMessage(HandshakeType.ServerHello, body, framed);
        }

        private void OnHelloRetryRequest(ServerHello hello, CipherSuite suite, SpanByte framed)
        {
            if (retried) throw Unexpected(HandshakeType.ServerHello, "a second HelloRetryRequest");
            byte[] shareData = hello.Extensions.Find(ExtensionType.KeyShare);
            byte[] cookieData = hello.Extensions.Find(ExtensionType.Cookie);
            if (shareData == null && cookieData == null) throw Illegal("HelloRetryRequest asks for no change");
            if (shareData != null)
            {
                NamedGroup group = KeyShareExtension.ParseHelloRetryRequest(shareData).SelectedGroup;
                if (!Contains(supportedGroups, group) || ShareFor(group) != null)
                    throw Illegal("HelloRetryRequest selected group " + (int)group + ", which is not offered or already has a share");
                DisposeShares();
                shares = new IKeyAgreement[] { Provider.CreateKeyAgreement(group) };
            }
            if (cookieData != null) cookie = cookieData;
            retried = true;
            retrySuite = suite;
            // RFC 8446 4.4.1: ClientHello1 is replaced by message_hash(Hash(ClientHello1)).
            byte[] firstHash = Channel.Transcript.Hash(Provider, suite.Hash);
            Channel.Transcript.Reset();
            Channel.Transcript.Append(Tls13KeySchedule.MessageHashReplacement(firstHash));
            Channel.Transcript.Append(framed);
            Channel.SendChangeCipherSpec();
            SendClientHello();
        }

        private void OnEncryptedExtensions(EncryptedExtensions message)
        {
            ExtensionList x = message.Extensions;
            for (int i = 0; i < x.Count; i++)
            {
                int t = x.TypeAt(i);
                if (t != (int)ExtensionType.ServerName && t != (int)ExtensionType.SupportedGroups
                    && t != (int)ExtensionType.ApplicationLayerProtocolNegotiation && !RecordSizePolicy.MayAnswer(Settings, t))
                    throw new SslException(SslError.HandshakeFailure, AlertDescription.UnsupportedExtension,
                        "server sent extension " + t + " in EncryptedExtensions, which was not offered");
            }
            AlpnProtocol = AlpnPolicy.Accept(Settings, x.Find(ExtensionType.ApplicationLayerProtocolNegotiation));
            RecordSizePolicy.AcceptServerAnswer(Settings, offeredRecordSizeLimit, true, x, Channel);
        }

        private void OnCertificate(Certificate certificate)
        {
            if (certificate.RequestContext.Length != 0) throw Illegal("server Certificate has a non-empty request context");
            if (certificate.Certificates.Length == 0)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.DecodeError, "server sent no certificate");
            PeerCertificates = certificate.Certificates;
            if (Settings.VerifyMode != VerifyMode.CertNone)
                CertificatePolicy.Verify(Provider, PeerCertificates, Settings.TrustAnchors, Settings.ServerName, Channel.WallClockUtc, "server");
            serverKey = Provider.GetCertificatePublicKey(PeerCertificates[0]);
        }

        private void OnCertificateVerify(CertificateVerify message)
        {
            if (!Tls13Signatures.AllowedForHandshake(message.Scheme) || !Contains(OfferedSignatureSchemes, message.Scheme))
                throw Illegal("server signed with scheme 0x" + ((int)message.Scheme).ToString("X4") + ", which is not offered for TLS 1.3");
            byte[] content = Tls13Signatures.SignedContent(true, Channel.Transcript.Hash(Provider, Suite.Hash));
            if (!serverKey.Verify(message.Scheme, content, message.Signature))
                throw new SslException(SslError.DecryptError, AlertDescription.DecryptError, "the server's CertificateVerify signature does not verify against its certificate");
        }

        private void OnFinished(byte[] body, SpanByte framed)
        {
            if (!schedule.VerifyFinished(handshakeSecrets.Server, Channel.Transcript.Hash(Provider, Suite.Hash), body))
                throw new SslException(SslError.DecryptError, AlertDescription.DecryptError, "the server's Finished does not verify");
            Channel.Transcript.Append(framed);
            Tls13TrafficSecrets application = schedule.DeriveApplicationSecrets(Channel.Transcript.Hash(Provider, Suite.Hash));

            if (certificateRequest != null) SendClientCertificate();
            Channel.Send(new Finished(schedule.FinishedVerifyData(handshakeSecrets.Client, Channel.Transcript.Hash(Provider, Suite.Hash))));

            clientTrafficSecret = application.Client;
            serverTrafficSecret = application.Server;
            Channel.ActivateWriteProtection(schedule.CreateProtection(clientTrafficSecret, Suite.Aead));
            Channel.ActivateReadProtection(schedule.CreateProtection(serverTrafficSecret, Suite.Aead));
            state = State.Done;
            IsComplete = true;
            Channel.HandshakeComplete();
        }

        private void SendClientCertificate()
        {
            byte[] schemesData = certificateRequest.Extensions.Find(ExtensionType.SignatureAlgorithms);
            SignatureScheme[] accepted = schemesData == null ? null : SignatureAlgorithmsExtension.Parse(schemesData).Schemes;
            bool have = Settings.CertificateChain != null && Settings.PrivateKey != null;
            SignatureScheme scheme = 0;
            if (have)
            {
                try { scheme = Tls13Signatures.Choose(Settings.PrivateKey, accepted); }
                catch (SslException) { have = false; }
            }
            var certificate = new Certificate(true, have ? Settings.CertificateChain : new byte[0][]);
            certificate.RequestContext = certificateRequest.RequestContext;
            Channel.Send(certificate);
            if (!have) return;
            byte[] content = Tls13Signatures.SignedContent(false, Channel.Transcript.Hash(Provider, Suite.Hash));
            Channel.Send(new CertificateVerify(scheme, Sign(Settings.PrivateKey, scheme, content)));
        }

        public override void OnPostHandshakeMessage(HandshakeType type, byte[] body)
        {
            if (fallback != null)
            {
                fallback.OnPostHandshakeMessage(type, body);
                return;
            }
            if (type == HandshakeType.NewSessionTicket)
            {
                NewSessionTicket.Parse(new ByteReader(body), true); // well-formed, then ignored: no resumption here
                return;
            }
            if (type == HandshakeType.KeyUpdate)
            {
                KeyUpdate update = KeyUpdate.Parse(new ByteReader(body));
                UpdateReadKeys();
                if (update.RequestUpdate) UpdateWriteKeys(false);
                return;
            }
            base.OnPostHandshakeMessage(type, body);
        }

        /// <summary>KeyUpdate (RFC 8446 4.6.3): the peer moved to its next traffic secret.</summary>
        private void UpdateReadKeys()
        {
            serverTrafficSecret = schedule.NextTrafficSecret(serverTrafficSecret);
            Channel.ActivateReadProtection(schedule.CreateProtection(serverTrafficSecret, Suite.Aead));
        }

        /// <summary>Sends KeyUpdate and moves our own writing to the next traffic secret.</summary>
        internal void UpdateWriteKeys(bool requestPeerUpdate)
        {
            Channel.Send(new KeyUpdate(requestPeerUpdate));
            clientTrafficSecret = schedule.NextTrafficSecret(clientTrafficSecret);
            Channel.ActivateWriteProtection(schedule.CreateProtection(clientTrafficSecret, Suite.Aead));
        }

        private IKeyAgreement ShareFor(NamedGroup group)
        {
            for (int i = 0; i < shares.Length; i++) if (shares[i] != null && shares[i].Group == group) return shares[i];
            return null;
        }

        private void DisposeShares()
        {
            if (shares == null) return;
            for (int i = 0; i < shares.Length; i++) if (shares[i] != null) shares[i].Dispose();
            shares = new IKeyAgreement[0];
        }

        internal static int[] Tls13Suites(EngineSettings settings)
        {
            int[] wanted = settings.CipherSuites;
            if (wanted == null)
                wanted = new int[] { CipherSuites.TlsAes128GcmSha256, CipherSuites.TlsAes256GcmSha384, CipherSuites.TlsChaCha20Poly1305Sha256, CipherSuites.TlsAes128CcmSha256 };
            var usable = new int[wanted.Length];
            int count = 0;
            for (int i = 0; i < wanted.Length; i++)
            {
                CipherSuite s = CipherSuites.FindByCode(wanted[i]);
                if (s != null && s.IsTls13 && settings.Provider.IsSupported(s.Aead)) usable[count++] = wanted[i];
            }
            var exact = new int[count];
            Array.Copy(usable, exact, count);
            return exact;
        }

        private static NamedGroup[] Supported(ICryptoProvider provider)
        {
            int count = 0;
            for (int i = 0; i < PreferredGroups.Length; i++) if (provider.IsSupported(PreferredGroups[i])) count++;
            var groups = new NamedGroup[count];
            count = 0;
            for (int i = 0; i < PreferredGroups.Length; i++) if (provider.IsSupported(PreferredGroups[i])) groups[count++] = PreferredGroups[i];
            return groups;
        }

        private static bool Contains(int[] list, int value)
        {
            for (int i = 0; i < list.Length; i++) if (list[i] == value) return true;
            return false;
        }

        private static bool Contains(NamedGroup[] list, NamedGroup value)
        {
            for (int i = 0; i < list.Length; i++) if (list[i] == value) return true;
            return false;
        }

        private static int[] Concat(int[] a, int[] b)
        {
            var all = new int[a.Length + b.Length];
            Array.Copy(a, all, a.Length);
            Array.Copy(b, 0, all, a.Length, b.Length);
            return all;
        }
    }
}
