using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Handshake.Secrets;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Tls12
{
    /// <summary>
    /// The server side of a full TLS 1.2 / DTLS 1.2 handshake (RFC 5246 7.3, RFC 6347 4.2):
    /// suite choice, certificate or PSK authentication, optional client certificates, extended
    /// master secret and secure renegotiation signalling required of every client.
    /// </summary>
    internal sealed class Tls12ServerHandshake : HandshakeBase
    {
        private enum State
        {
            ExpectClientHello,
            ExpectClientCertificate,
            ExpectClientKeyExchange,
            ExpectCertificateVerify,
            ExpectChangeCipherSpec,
            ExpectFinished,
            Done,
        }

        private State state = State.ExpectClientHello;
        private IKeyAgreement keyAgreement;
        private IPrivateKey signingKey;
        private bool requestedClientCertificate;
        private IPublicKey clientKey;

        internal Tls12ServerHandshake(EngineSettings settings, IHandshakeChannel channel)
            : base(settings, channel)
        {
        }

        /// <summary>Set when this server could have spoken TLS 1.3: ServerHello then carries the downgrade sentinel (RFC 8446 4.1.3).</summary>
        internal bool SignalDowngrade;

        public override bool ExpectsChangeCipherSpec { get { return state == State.ExpectChangeCipherSpec; } }

        internal bool AwaitingClientHello { get { return state == State.ExpectClientHello; } }

        public override void OnMessage(HandshakeType type, byte[] body, SpanByte framed)
        {
            switch (state)
            {
                case State.ExpectClientHello:
                    if (type != HandshakeType.ClientHello) throw Unexpected(type, "waiting for ClientHello");
                    Channel.Transcript.Append(framed);
                    OnClientHello(ClientHello.Parse(new ByteReader(body), Channel.IsDatagram));
                    return;
                case State.ExpectClientCertificate:
                    if (type != HandshakeType.Certificate) throw Unexpected(type, "waiting for the client's Certificate");
                    Channel.Transcript.Append(framed);
                    OnClientCertificate(Certificate.Parse(new ByteReader(body), false));
                    return;
                case State.ExpectClientKeyExchange:
                    if (type != HandshakeType.ClientKeyExchange) throw Unexpected(type, "waiting for ClientKeyExchange");
                    Channel.Transcript.Append(framed);
                    OnClientKeyExchange(ClientKeyExchange.Parse(new ByteReader(body), Suite.KeyExchange));
                    return;
                case State.ExpectCertificateVerify:
                    if (type != HandshakeType.CertificateVerify) throw Unexpected(type, "waiting for CertificateVerify");
                    OnCertificateVerify(CertificateVerify.Parse(new ByteReader(body)));
                    Channel.Transcript.Append(framed);
                    state = State.ExpectChangeCipherSpec;
                    return;
                case State.ExpectFinished:
                    if (type != HandshakeType.Finished) throw Unexpected(type, "waiting for the client's Finished");
                    CheckPeerFinished(body, true);
                    Channel.Transcript.Append(framed);
                    SendFinalFlight();
                    return;
                default:
                    throw Unexpected(type, "in state " + (int)state);
            }
        }

        public override bool OnChangeCipherSpec()
        {
            if (state != State.ExpectChangeCipherSpec) return false;
            Channel.ActivateReadProtection(ClientWriteProtection());
            state = State.ExpectFinished;
            return true;
        }

        private void OnClientHello(ClientHello hello)
        {
            CheckClientVersion(hello.LegacyVersion);
            if (!hello.OffersNullCompression)
                throw Illegal("client does not offer null compression");
            ExtensionList extensions = hello.Extensions;
            if (!extensions.Contains(ExtensionType.ExtendedMasterSecret))
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "client does not support the extended master secret (RFC 7627), which this library requires");
            byte[] renegotiation = extensions.Find(ExtensionType.RenegotiationInfo);
            bool scsv = hello.OffersCipherSuite(CipherSuites.TlsEmptyRenegotiationInfoScsv);
            if (renegotiation == null && !scsv)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "client does not signal secure renegotiation (RFC 5746), which this library requires");
            if (renegotiation != null && !RenegotiationInfoExtension.Parse(renegotiation).IsEmpty)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure, "client attempts a renegotiation; renegotiation is refused");

            byte[] serverName = extensions.Find(ExtensionType.ServerName);
            if (serverName != null) RequestedServerName = ServerNameExtension.Parse(serverName).HostName;

            // RFC 4492 4: no supported_groups means the client takes any curve; no point formats means uncompressed.
            byte[] groups = extensions.Find(ExtensionType.SupportedGroups);
            bool clientHasP256 = groups == null || SupportedGroupsExtension.Parse(groups).Contains(NamedGroup.Secp256r1);
            byte[] formats = extensions.Find(ExtensionType.EcPointFormats);
            if (formats != null && !EcPointFormatsExtension.Parse(formats).ContainsUncompressed) clientHasP256 = false;
            byte[] schemes = extensions.Find(ExtensionType.SignatureAlgorithms);
            SignatureScheme[] clientSchemes = schemes == null ? null : SignatureAlgorithmsExtension.Parse(schemes).Schemes;

            Suite = SuitePolicy.ServerChoose(Settings, hello, clientHasP256);
            ClientRandom = hello.Random;
            ServerRandom = NewRandom();
            if (SignalDowngrade) ServerHello.ApplyDowngradeSentinel(ServerRandom, DowngradeSentinel.Tls12);
            AlpnProtocol = AlpnPolicy.Choose(Settings, extensions.Find(ExtensionType.ApplicationLayerProtocolNegotiation));

            var serverHello = new ServerHello();
            serverHello.LegacyVersion = ProtocolVersionNumber;
            serverHello.Random = ServerRandom;
            serverHello.CipherSuite = Suite.Code;
            serverHello.Extensions.Add(RenegotiationInfoExtension.Empty());
            serverHello.Extensions.Add(new ExtendedMasterSecretExtension());
            if (Suite.KeyExchange != KeyExchange.Psk && formats != null) serverHello.Extensions.Add(EcPointFormatsExtension.UncompressedOnly());
            if (AlpnProtocol != null) serverHello.Extensions.Add(AlpnExtension.FromNames(new string[] { AlpnProtocol }));
            RecordSizePolicy.AnswerClient(Settings, false, extensions, serverHello.Extensions, Channel);
            Channel.Send(serverHello);

            if (Suite.KeyExchange == KeyExchange.Psk)
            {
                if (Settings.PskIdentityHint != null) Channel.Send(ServerKeyExchange.ForPsk(Settings.PskIdentityHint));
            }
            else
            {
                KeyType keyType = Suite.KeyExchange == KeyExchange.EcdheRsa ? KeyType.Rsa : KeyType.EcP256;
                signingKey = ServerCredentials.Key(Settings, keyType);
                Channel.Send(new Certificate(false, ServerCredentials.Chain(Settings, keyType)));
                SendEcdheKeyExchange(clientSchemes);
                if (Settings.VerifyMode != VerifyMode.CertNone)
                {
                    requestedClientCertificate = true;
                    Channel.Send(CertificateRequest.ForTls12(
                        new byte[] { CertificateRequest.EcdsaSign, CertificateRequest.RsaSign }, OfferedSignatureSchemes, new byte[0][]));
                }
            }
            Channel.Send(new ServerHelloDone());
            Channel.FlightReady(true);
            state = requestedClientCertificate ? State.ExpectClientCertificate : State.ExpectClientKeyExchange;
        }

        private void CheckClientVersion(int version)
        {
            // DTLS versions count down: 0xFEFD (1.2) is newer than 0xFEFF (1.0).
            bool ok = Channel.IsDatagram ? version <= Record.ProtocolVersion.Dtls12 && (version >> 8) == 0xFE
                                         : version >= Record.ProtocolVersion.Tls12 && (version >> 8) == 3;
            if (!ok)
                throw new SslException(SslError.ProtocolVersion, AlertDescription.ProtocolVersion,
                    "client offers at most " + Record.ProtocolVersion.Name(version) + "; " + Record.ProtocolVersion.Name(ProtocolVersionNumber) + " or newer is required");
        }

        private void SendEcdheKeyExchange(SignatureScheme[] clientSchemes)
        {
            SignatureScheme scheme = ChooseSignatureScheme(signingKey, clientSchemes);
            keyAgreement = Provider.CreateKeyAgreement(NamedGroup.Secp256r1);
            var publicKey = new byte[keyAgreement.PublicKeyLength];
            keyAgreement.GetPublicKey(publicKey);
            ServerKeyExchange message = ServerKeyExchange.ForEcdhe(Suite.KeyExchange, NamedGroup.Secp256r1, publicKey, scheme, new byte[0]);
            byte[] parameters = message.EncodeEcdhParams();
            var signed = new byte[64 + parameters.Length];
            Array.Copy(ClientRandom, 0, signed, 0, 32);
            Array.Copy(ServerRandom, 0, signed, 32, 32);
            Array.Copy(parameters, 0, signed, 64, parameters.Length);
            message.Signature = Sign(signingKey, scheme, signed);
            Channel.Send(message);
        }

        private void OnClientCertificate(Certificate certificate)
        {
            if (certificate.Certificates.Length == 0)
            {
                if (Settings.VerifyMode == VerifyMode.CertRequired)
                    throw new SslException(SslError.CertificateRequired, AlertDescription.HandshakeFailure,
                        "the client sent no certificate, but this server requires one (VerifyMode.CertRequired)");
                state = State.ExpectClientKeyExchange;
                return;
            }
            PeerCertificates = certificate.Certificates;
            CertificatePolicy.Verify(Provider, PeerCertificates, Settings.TrustAnchors, null, Channel.WallClockUtc, "client");
            clientKey = Provider.GetCertificatePublicKey(PeerCertificates[0]);
            state = State.ExpectClientKeyExchange;
        }

        private void OnClientKeyExchange(ClientKeyExchange message)
        {
            byte[] preMasterSecret;
            if (Suite.KeyExchange == KeyExchange.Psk)
            {
                byte[] key = Settings.PskKeys.GetKey(message.PskIdentity);
                if (key == null)
                    throw new SslException(SslError.UnknownPskIdentity, AlertDescription.UnknownPskIdentity,
                        "the client's PSK identity is not known to this server");
                PeerPskIdentity = message.PskIdentity;
                preMasterSecret = Tls12KeySchedule.PskPreMasterSecret(key);
            }
            else
            {
                preMasterSecret = new byte[keyAgreement.SharedSecretLength];
                bool valid = keyAgreement.DeriveSharedSecret(message.PublicKey, preMasterSecret);
                keyAgreement.Dispose();
                keyAgreement = null;
                if (!valid) throw Illegal("the client's ECDHE public key is not a valid secp256r1 point");
            }
            DeriveSecrets(preMasterSecret);
            state = clientKey != null ? State.ExpectCertificateVerify : State.ExpectChangeCipherSpec;
        }

        private void OnCertificateVerify(CertificateVerify message)
        {
            if (!Contains(OfferedSignatureSchemes, message.Scheme))
                throw Illegal("client signed with scheme 0x" + ((int)message.Scheme).ToString("X4") + ", which was not offered");
            if (!clientKey.Verify(message.Scheme, Channel.Transcript.Bytes, message.Signature))
                throw new SslException(SslError.DecryptError, AlertDescription.DecryptError,
                    "the client's CertificateVerify signature does not verify against its certificate");
        }

        private void SendFinalFlight()
        {
            Channel.SendChangeCipherSpec();
            Channel.ActivateWriteProtection(ServerWriteProtection());
            Channel.Send(OurFinished(false));
            Channel.FlightReady(false);
            state = State.Done;
            IsComplete = true;
            Channel.HandshakeComplete();
        }
    }
}
