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
    /// The TLS server (RFC 8446 4): TLS 1.3 with certificates when the client offers it
    /// (HelloRetryRequest when the client's key share does not fit, client certificates,
    /// middlebox compatibility, KeyUpdate), else hands the ClientHello to the TLS 1.2 server,
    /// which then marks its random with the downgrade sentinel.
    /// </summary>
    internal sealed class Tls13ServerHandshake : HandshakeBase
    {
        private enum State
        {
            ExpectClientHello,
            ExpectSecondClientHello,
            ExpectClientCertificate,
            ExpectClientCertificateVerify,
            ExpectClientFinished,
            Done,
        }

        private static readonly NamedGroup[] GroupPreference = { NamedGroup.Secp256r1, NamedGroup.Secp384r1, NamedGroup.X25519 };

        private State state = State.ExpectClientHello;
        private Tls12ServerHandshake fallback;
        private Tls13KeySchedule schedule;
        private Tls13TrafficSecrets handshakeSecrets;
        private byte[] clientTrafficSecret;
        private byte[] serverTrafficSecret;
        private bool sentCompatibilityCcs;
        private bool requestedClientCertificate;
        private IPublicKey clientKey;
        private NamedGroup retryGroup;

        internal Tls13ServerHandshake(EngineSettings settings, IHandshakeChannel channel)
            : base(settings, channel)
        {
        }

        private bool CanSpeakTls13
        {
            get
            {
                return Settings.MaxVersion >= ProtocolVersion.Tls13 && ServerCredentials.Any(Settings)
                    && Tls13ClientHandshake.Tls13Suites(Settings).Length > 0;
            }
        }

        public override CipherSuite Suite { get { return fallback != null ? fallback.Suite : base.Suite; } }
        public override byte[][] PeerCertificates { get { return fallback != null ? fallback.PeerCertificates : base.PeerCertificates; } }
        public override byte[] PeerPskIdentity { get { return fallback != null ? fallback.PeerPskIdentity : base.PeerPskIdentity; } }
        public override string RequestedServerName { get { return fallback != null ? fallback.RequestedServerName : base.RequestedServerName; } }
        public override bool IsComplete { get { return fallback != null ? fallback.IsComplete : base.IsComplete; } }
        public override string AlpnProtocol { get { return fallback != null ? fallback.AlpnProtocol : base.AlpnProtocol; } }
        public override int Version { get { return fallback != null || !CanSpeakTls13 ? ProtocolVersion.Tls12 : ProtocolVersion.Tls13; } }
        public override bool ExpectsChangeCipherSpec { get { return fallback != null && fallback.ExpectsChangeCipherSpec; } }

        public override void OnMessage(HandshakeType type, byte[] body, SpanByte framed)
        {
            if (fallback != null)
            {
                fallback.OnMessage(type, body, framed);
                return;
            }
            switch (state)
            {
                case State.ExpectClientHello:
                case State.ExpectSecondClientHello:
                    if (type != HandshakeType.ClientHello) throw Unexpected(type, "waiting for ClientHello");
                    OnClientHello(ClientHello.Parse(new ByteReader(body), false), body, framed);
                    return;
                case State.ExpectClientCertificate:
                    if (type != HandshakeType.Certificate) throw Unexpected(type, "waiting for the client's Certificate");
                    OnClientCertificate(Certificate.Parse(new ByteReader(body), true));
                    Channel.Transcript.Append(framed);
                    return;
                case State.ExpectClientCertificateVerify:
                    if (type != HandshakeType.CertificateVerify) throw Unexpected(type, "waiting for CertificateVerify");
                    OnClientCertificateVerify(CertificateVerify.Parse(new ByteReader(body)));
                    Channel.Transcript.Append(framed);
                    state = State.ExpectClientFinished;
                    return;
                case State.ExpectClientFinished:
                    if (type != HandshakeType.Finished) throw Unexpected(type, "waiting for the client's Finished");
                    if (!schedule.VerifyFinished(handshakeSecrets.Client, Channel.Transcript.Hash(Provider, Suite.Hash), body))
                        throw new SslException(SslError.DecryptError, AlertDescription.DecryptError, "the client's Finished does not verify");
                    Channel.Transcript.Append(framed);
                    Channel.ActivateReadProtection(schedule.CreateProtection(clientTrafficSecret, Suite.Aead));
                    state = State.Done;
                    IsComplete = true;
                    Channel.HandshakeComplete();
                    return;
                default:
                    throw Unexpected(type, "in state " + (int)state);
            }
        }

        public override bool OnChangeCipherSpec()
        {
            if (fallback != null) return fallback.OnChangeCipherSpec();
            return state != State.ExpectClientHello && state != State.Done;
        }

        private void OnClientHello(ClientHello hello, byte[] body, SpanByte framed)
        {
            byte[] versions = hello.Extensions.Find(ExtensionType.SupportedVersions);
            bool offers13 = versions != null && SupportedVersionsExtension.ParseClient(versions).Offers(ProtocolVersion.Tls13);
            if (state == State.ExpectClientHello && (!offers13 || !CanSpeakTls13))
            {
                if (Settings.MinVersion > ProtocolVersion.Tls12)
                    throw new SslException(SslError.ProtocolVersion, AlertDescription.ProtocolVersion, "client does not offer TLS 1.3, which this server requires");
                fallback = new Tls12ServerHandshake(Settings, Channel);
                fallback.SignalDowngrade = CanSpeakTls13;
                fallback.OnMessage(HandshakeType.ClientHello, body, framed);
                return;
            }
            if (!offers13) throw Illegal("the second ClientHello does not offer TLS 1.3");
            if (hello.OffersOtherCompression || !hello.OffersNullCompression) throw Illegal("TLS 1.3 ClientHello must offer only null compression");

            CipherSuite suite = ChooseSuite(hello);
            byte[] groupsData = hello.Extensions.Find(ExtensionType.SupportedGroups);
            byte[] sharesData = hello.Extensions.Find(ExtensionType.KeyShare);
            byte[] schemesData = hello.Extensions.Find(ExtensionType.SignatureAlgorithms);
            if (groupsData == null || sharesData == null || schemesData == null)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.MissingExtension,
                    "TLS 1.3 ClientHello lacks supported_groups, key_share or signature_algorithms");
            SupportedGroupsExtension groups = SupportedGroupsExtension.Parse(groupsData);
            KeyShareExtension shares = KeyShareExtension.ParseClientHello(sharesData);
            SignatureScheme scheme;
            IPrivateKey signingKey = ServerCredentials.ChooseForTls13(Settings, SignatureAlgorithmsExtension.Parse(schemesData).Schemes, out scheme);

            KeyShareEntry share = null;
            for (int i = 0; i < GroupPreference.Length && share == null; i++)
                if (Provider.IsSupported(GroupPreference[i])) share = shares.FindShare(GroupPreference[i]);
            if (state == State.ExpectSecondClientHello && (share == null || share.Group != retryGroup || Suite != suite))
                throw Illegal("the second ClientHello does not follow the HelloRetryRequest");

            if (share == null)
            {
                for (int i = 0; i < GroupPreference.Length; i++)
                {
                    if (Provider.IsSupported(GroupPreference[i]) && groups.Contains(GroupPreference[i]))
                    {
                        SendHelloRetryRequest(hello, suite, GroupPreference[i], framed);
                        return;
                    }
                }
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "the client offers no key exchange group this server supports (secp256r1)");
            }

            Suite = suite;
            ClientRandom = hello.Random;
            Channel.Transcript.Append(framed);
            byte[] serverName = hello.Extensions.Find(ExtensionType.ServerName);
            if (serverName != null) RequestedServerName = ServerNameExtension.Parse(serverName).HostName;
            AlpnProtocol = AlpnPolicy.Choose(Settings, hello.Extensions.Find(ExtensionType.ApplicationLayerProtocolNegotiation));

            IKeyAgreement agreement = Provider.CreateKeyAgreement(share.Group);
            var publicKey = new byte[agreement.PublicKeyLength];
            var shared = new byte[agreement.SharedSecretLength];
            agreement.GetPublicKey(publicKey);
            bool valid = agreement.DeriveSharedSecret(share.KeyExchange, shared);
            agreement.Dispose();
            if (!valid) throw Illegal("the client's key share is not a valid point");

            var serverHello = new ServerHello();
            serverHello.LegacyVersion = ProtocolVersion.Tls12;
            serverHello.Random = NewRandom();
            serverHello.SessionId = hello.SessionId;
            serverHello.CipherSuite = suite.Code;
            serverHello.Extensions.Add(SupportedVersionsExtension.ForServer(ProtocolVersion.Tls13));
            serverHello.Extensions.Add(KeyShareExtension.ForServerHello(new KeyShareEntry(share.Group, publicKey)));
            Channel.Send(serverHello);
            SendCompatibilityChangeCipherSpec(hello);

            schedule = new Tls13KeySchedule(Provider, suite.Hash);
            schedule.DeriveEarlySecret();
            handshakeSecrets = schedule.DeriveHandshakeSecrets(shared, Channel.Transcript.Hash(Provider, suite.Hash));
            Array.Clear(shared, 0, shared.Length);
            Channel.ActivateWriteProtection(schedule.CreateProtection(handshakeSecrets.Server, suite.Aead));
            Channel.ActivateReadProtection(schedule.CreateProtection(handshakeSecrets.Client, suite.Aead));

            var encrypted = new ExtensionList();
            if (AlpnProtocol != null) encrypted.Add(AlpnExtension.FromNames(new string[] { AlpnProtocol }));
            RecordSizePolicy.AnswerClient(Settings, true, hello.Extensions, encrypted, Channel);
            Channel.Send(new EncryptedExtensions(encrypted));
            if (Settings.VerifyMode != VerifyMode.CertNone)
            {
                requestedClientCertificate = true;
                var requestExtensions = new ExtensionList();
                requestExtensions.Add(new SignatureAlgorithmsExtension(new SignatureScheme[] {
                    SignatureScheme.EcdsaSecp256r1Sha256, SignatureScheme.RsaPssRsaeSha256, SignatureScheme.RsaPssRsaeSha384 }));
                Channel.Send(CertificateRequest.ForTls13(new byte[0], requestExtensions));
            }
            Channel.Send(new Certificate(true, ServerCredentials.Chain(Settings, signingKey.KeyType)));
            byte[] content = Tls13Signatures.SignedContent(true, Channel.Transcript.Hash(Provider, suite.Hash));
            Channel.Send(new CertificateVerify(scheme, Sign(signingKey, scheme, content)));
            Channel.Send(new Finished(schedule.FinishedVerifyData(handshakeSecrets.Server, Channel.Transcript.Hash(Provider, suite.Hash))));

            Tls13TrafficSecrets application = schedule.DeriveApplicationSecrets(Channel.Transcript.Hash(Provider, suite.Hash));
            clientTrafficSecret = application.Client;
            serverTrafficSecret = application.Server;
            Channel.ActivateWriteProtection(schedule.CreateProtection(serverTrafficSecret, suite.Aead));
            Channel.FlightReady(true);
            state = requestedClientCertificate ? State.ExpectClientCertificate : State.ExpectClientFinished;
        }

        private CipherSuite ChooseSuite(ClientHello hello)
        {
            int[] mine = Tls13ClientHandshake.Tls13Suites(Settings);
            for (int i = 0; i < mine.Length; i++)
                if (hello.OffersCipherSuite(mine[i])) return CipherSuites.FindByCode(mine[i]);
            throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure, "no TLS 1.3 cipher suite in common with the client");
        }

        private void SendHelloRetryRequest(ClientHello hello, CipherSuite suite, NamedGroup group, SpanByte framed)
        {
            if (state == State.ExpectSecondClientHello) throw Illegal("the second ClientHello still has no usable key share");
            Suite = suite;
            retryGroup = group;
            // RFC 8446 4.4.1: the transcript continues from message_hash(Hash(ClientHello1)).
            Channel.Transcript.Append(framed);
            byte[] firstHash = Channel.Transcript.Hash(Provider, suite.Hash);
            Channel.Transcript.Reset();
            Channel.Transcript.Append(Tls13KeySchedule.MessageHashReplacement(firstHash));

            var retry = new ServerHello();
            retry.LegacyVersion = ProtocolVersion.Tls12;
            retry.Random = ServerHello.HelloRetryRequestRandom;
            retry.SessionId = hello.SessionId;
            retry.CipherSuite = suite.Code;
            retry.Extensions.Add(SupportedVersionsExtension.ForServer(ProtocolVersion.Tls13));
            retry.Extensions.Add(KeyShareExtension.ForHelloRetryRequest(group));
            Channel.Send(retry);
            SendCompatibilityChangeCipherSpec(hello);
            Channel.FlightReady(true);
            state = State.ExpectSecondClientHello;
        }

        // RFC 8446 D.4: a client in middlebox compatibility mode (non-empty session id) gets one
        // ChangeCipherSpec right after our first handshake message.
        private void SendCompatibilityChangeCipherSpec(ClientHello hello)
        {
            if (sentCompatibilityCcs || hello.SessionId.Length == 0) return;
            Channel.SendChangeCipherSpec();
            sentCompatibilityCcs = true;
        }

        private void OnClientCertificate(Certificate certificate)
        {
            if (certificate.Certificates.Length == 0)
            {
                if (Settings.VerifyMode == VerifyMode.CertRequired)
                    throw new SslException(SslError.CertificateRequired, AlertDescription.CertificateRequired,
                        "the client sent no certificate, but this server requires one (VerifyMode.CertRequired)");
                state = State.ExpectClientFinished;
                return;
            }
            PeerCertificates = certificate.Certificates;
            CertificatePolicy.Verify(Provider, PeerCertificates, Settings.TrustAnchors, null, Channel.WallClockUtc, "client");
            clientKey = Provider.GetCertificatePublicKey(PeerCertificates[0]);
            state = State.ExpectClientCertificateVerify;
        }

        private void OnClientCertificateVerify(CertificateVerify message)
        {
            if (!Tls13Signatures.AllowedForHandshake(message.Scheme))
                throw Illegal("client signed with scheme 0x" + ((int)message.Scheme).ToString("X4") + ", which TLS 1.3 does not allow");
            byte[] content = Tls13Signatures.SignedContent(false, Channel.Transcript.Hash(Provider, Suite.Hash));
            if (!clientKey.Verify(message.Scheme, content, message.Signature))
                throw new SslException(SslError.DecryptError, AlertDescription.DecryptError, "the client's CertificateVerify signature does not verify against its certificate");
        }

        public override void OnPostHandshakeMessage(HandshakeType type, byte[] body)
        {
            if (fallback != null)
            {
                fallback.OnPostHandshakeMessage(type, body);
                return;
            }
            if (type != HandshakeType.KeyUpdate) base.OnPostHandshakeMessage(type, body);
            KeyUpdate update = KeyUpdate.Parse(new ByteReader(body));
            clientTrafficSecret = schedule.NextTrafficSecret(clientTrafficSecret);
            Channel.ActivateReadProtection(schedule.CreateProtection(clientTrafficSecret, Suite.Aead));
            if (update.RequestUpdate) UpdateWriteKeys(false);
        }

        /// <summary>Sends KeyUpdate and moves our own writing to the next traffic secret.</summary>
        internal void UpdateWriteKeys(bool requestPeerUpdate)
        {
            Channel.Send(new KeyUpdate(requestPeerUpdate));
            serverTrafficSecret = schedule.NextTrafficSecret(serverTrafficSecret);
            Channel.ActivateWriteProtection(schedule.CreateProtection(serverTrafficSecret, Suite.Aead));
        }
    }
}
