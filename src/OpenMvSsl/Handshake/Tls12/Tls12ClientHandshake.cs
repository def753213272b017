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
    /// The client side of a full TLS 1.2 / DTLS 1.2 handshake (RFC 5246 7.3, RFC 6347 4.2) with
    /// ECDHE_ECDSA, ECDHE_RSA or PSK key exchange, extended master secret and secure
    /// renegotiation signalling always on.
    /// </summary>
    internal sealed class Tls12ClientHandshake : HandshakeBase
    {
        private enum State
        {
            Start,
            ExpectServerHello,
            ExpectCertificate,
            ExpectServerKeyExchange,
            ExpectCertificateRequestOrDone,
            ExpectServerHelloDone,
            ExpectChangeCipherSpec,
            ExpectFinished,
            Done,
        }

        private State state = State.Start;
        private int[] offeredSuites;
        private byte[] cookie = new byte[0];
        private IPublicKey serverKey;
        private ServerKeyExchange serverKeyExchange;
        private CertificateRequest certificateRequest;
        private int offeredRecordSizeLimit;

        internal Tls12ClientHandshake(EngineSettings settings, IHandshakeChannel channel)
            : base(settings, channel)
        {
            offeredSuites = SuitePolicy.ClientOffer(settings);
            offeredRecordSizeLimit = RecordSizePolicy.ClientOfferValue(settings, false);
        }

        public override bool ExpectsChangeCipherSpec { get { return state == State.ExpectChangeCipherSpec; } }

        /// <summary>True while a HelloVerifyRequest may still arrive (DTLS, before ServerHello).</summary>
        internal bool AwaitingServerHello { get { return state == State.ExpectServerHello; } }

        /// <summary>Sends the first ClientHello.</summary>
        internal void Start()
        {
            ClientRandom = NewRandom();
            SendClientHello();
            state = State.ExpectServerHello;
        }

        private void SendClientHello()
        {
            var hello = new ClientHello();
            hello.IsDtls = Channel.IsDatagram;
            hello.LegacyVersion = ProtocolVersionNumber;
            hello.Random = ClientRandom;
            hello.Cookie = cookie;
            hello.CipherSuites = offeredSuites;
            ExtensionList extensions = hello.Extensions;
            if (Settings.ServerName != null && Settings.ServerName.Length > 0 && !HostNames.IsIpAddress(Settings.ServerName))
                extensions.Add(new ServerNameExtension(Settings.ServerName));
            if (SuitePolicy.AnyEcdhe(offeredSuites))
            {
                extensions.Add(new SupportedGroupsExtension(new NamedGroup[] { NamedGroup.Secp256r1 }));
                extensions.Add(EcPointFormatsExtension.UncompressedOnly());
                extensions.Add(new SignatureAlgorithmsExtension(OfferedSignatureSchemes));
            }
            if (AlpnPolicy.Offers(Settings)) extensions.Add(AlpnExtension.FromNames(Settings.AlpnProtocols));
            RecordSizePolicy.AddClientOffer(Settings, offeredRecordSizeLimit, extensions);
            extensions.Add(new ExtendedMasterSecretExtension());
            extensions.Add(RenegotiationInfoExtension.Empty());
            Channel.Send(hello);
            Channel.FlightReady(true);
        }

        /// <summary>
        /// TLS: the TLS 1.3 client sent a ClientHello that also offered TLS 1.2, and the server
        /// chose 1.2; this handshake takes over from ServerHello.
        /// </summary>
        internal void ContinueFromClientHello(byte[] clientRandom, int[] tls12Suites, int recordSizeLimitOffered)
        {
            ClientRandom = clientRandom;
            offeredSuites = tls12Suites;
            offeredRecordSizeLimit = recordSizeLimitOffered;
            state = State.ExpectServerHello;
        }

        /// <summary>DTLS: the server wants its cookie back (RFC 6347 4.2.1); the transcript starts over.</summary>
        internal void OnHelloVerifyRequest(byte[] body)
        {
            if (state != State.ExpectServerHello) throw Unexpected(HandshakeType.HelloVerifyRequest, "not waiting for ServerHello");
            HelloVerifyRequest request = HelloVerifyRequest.Parse(new ByteReader(body));
            if (request.Cookie.Length == 0) throw Illegal("HelloVerifyRequest carries an empty cookie");
            cookie = request.Cookie;
            Channel.Transcript.Reset();
            SendClientHello();
        }

        public override void OnMessage(HandshakeType type, byte[] body, SpanByte framed)
        {
            switch (state)
            {
                case State.ExpectServerHello:
                    if (type != HandshakeType.ServerHello) throw Unexpected(type, "waiting for ServerHello");
                    Channel.Transcript.Append(framed);
                    OnServerHello(ServerHello.Parse(new ByteReader(body)));
                    return;
                case State.ExpectCertificate:
                    if (type != HandshakeType.Certificate) throw Unexpected(type, "waiting for the server's Certificate");
                    Channel.Transcript.Append(framed);
                    OnCertificate(Certificate.Parse(new ByteReader(body), false));
                    return;
                case State.ExpectServerKeyExchange:
                    if (type == HandshakeType.ServerKeyExchange)
                    {
                        Channel.Transcript.Append(framed);
                        OnServerKeyExchange(ServerKeyExchange.Parse(new ByteReader(body), Suite.KeyExchange));
                        return;
                    }
                    if (Suite.KeyExchange == KeyExchange.Psk && type == HandshakeType.ServerHelloDone)
                    {
                        Channel.Transcript.Append(framed);
                        OnServerHelloDone(body);
                        return;
                    }
                    throw Unexpected(type, "waiting for ServerKeyExchange");
                case State.ExpectCertificateRequestOrDone:
                    if (type == HandshakeType.CertificateRequest && Suite.KeyExchange != KeyExchange.Psk)
                    {
                        Channel.Transcript.Append(framed);
                        certificateRequest = CertificateRequest.Parse(new ByteReader(body), false);
                        state = State.ExpectServerHelloDone;
                        return;
                    }
                    if (type != HandshakeType.ServerHelloDone) throw Unexpected(type, "waiting for ServerHelloDone");
                    Channel.Transcript.Append(framed);
                    OnServerHelloDone(body);
                    return;
                case State.ExpectServerHelloDone:
                    if (type != HandshakeType.ServerHelloDone) throw Unexpected(type, "waiting for ServerHelloDone");
                    Channel.Transcript.Append(framed);
                    OnServerHelloDone(body);
                    return;
                case State.ExpectFinished:
                    if (type != HandshakeType.Finished) throw Unexpected(type, "waiting for the server's Finished");
                    CheckPeerFinished(body, false);
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
            if (state != State.ExpectChangeCipherSpec) return false;
            Channel.ActivateReadProtection(ServerWriteProtection());
            state = State.ExpectFinished;
            return true;
        }

        private void OnServerHello(ServerHello hello)
        {
            if (hello.LegacyVersion != ProtocolVersionNumber)
                throw new SslException(SslError.ProtocolVersion, AlertDescription.ProtocolVersion,
                    "server chose " + Record.ProtocolVersion.Name(hello.LegacyVersion) + "; only " + Record.ProtocolVersion.Name(ProtocolVersionNumber) + " is spoken here");
            bool offered = false;
            for (int i = 0; i < offeredSuites.Length; i++) if (offeredSuites[i] == hello.CipherSuite) offered = true;
            CipherSuite suite = CipherSuites.FindByCode(hello.CipherSuite);
            if (!offered || suite == null || suite.IsTls13)
                throw Illegal("server chose cipher suite " + CipherSuites.Name(hello.CipherSuite) + ", which was not offered");
            ExtensionList extensions = hello.Extensions;
            for (int i = 0; i < extensions.Count; i++)
            {
                int t = extensions.TypeAt(i);
                if (t != (int)ExtensionType.ExtendedMasterSecret && t != (int)ExtensionType.RenegotiationInfo
                    && t != (int)ExtensionType.EcPointFormats && t != (int)ExtensionType.ServerName
                    && t != (int)ExtensionType.ApplicationLayerProtocolNegotiation && !RecordSizePolicy.MayAnswer(Settings, t))
                    throw new SslException(SslError.HandshakeFailure, AlertDescription.UnsupportedExtension,
                        "server sent extension " + t + ", which was not offered");
            }
            if (!extensions.Contains(ExtensionType.ExtendedMasterSecret))
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "server does not support the extended master secret (RFC 7627), which this library requires");
            byte[] renegotiation = extensions.Find(ExtensionType.RenegotiationInfo);
            if (renegotiation == null || !RenegotiationInfoExtension.Parse(renegotiation).IsEmpty)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                    "server does not signal secure renegotiation (RFC 5746), which this library requires");

            AlpnProtocol = AlpnPolicy.Accept(Settings, extensions.Find(ExtensionType.ApplicationLayerProtocolNegotiation));
            RecordSizePolicy.AcceptServerAnswer(Settings, offeredRecordSizeLimit, false, extensions, Channel);
            Suite = suite;
            ServerRandom = hello.Random;
            state = suite.KeyExchange == KeyExchange.Psk ? State.ExpectServerKeyExchange : State.ExpectCertificate;
        }

        private void OnCertificate(Certificate certificate)
        {
            if (certificate.Certificates.Length == 0)
                throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure, "server sent no certificate");
            PeerCertificates = certificate.Certificates;
            if (Settings.VerifyMode != VerifyMode.CertNone)
                CertificatePolicy.Verify(Provider, PeerCertificates, Settings.TrustAnchors, Settings.ServerName, Channel.WallClockUtc, "server");
            serverKey = LeafKey(PeerCertificates, Suite.KeyExchange == KeyExchange.EcdheRsa ? KeyType.Rsa : KeyType.EcP256, "server");
            state = State.ExpectServerKeyExchange;
        }

        private void OnServerKeyExchange(ServerKeyExchange message)
        {
            if (Suite.KeyExchange == KeyExchange.Psk)
            {
                state = State.ExpectServerHelloDone; // the identity hint is informational only
                return;
            }
            if (message.Group != NamedGroup.Secp256r1)
                throw Illegal("server chose key exchange group " + (int)message.Group + ", which was not offered");
            if (!Contains(OfferedSignatureSchemes, message.SignatureScheme))
                throw Illegal("server signed with scheme 0x" + ((int)message.SignatureScheme).ToString("X4") + ", which was not offered");
            byte[] signed = SignedParams(message);
            if (!serverKey.Verify(message.SignatureScheme, signed, message.Signature))
                throw new SslException(SslError.DecryptError, AlertDescription.DecryptError,
                    "the server's key exchange signature does not verify against its certificate");
            serverKeyExchange = message;
            state = State.ExpectCertificateRequestOrDone;
        }

        private byte[] SignedParams(ServerKeyExchange message)
        {
            byte[] parameters = message.EncodeEcdhParams();
            var signed = new byte[64 + parameters.Length];
            Array.Copy(ClientRandom, 0, signed, 0, 32);
            Array.Copy(ServerRandom, 0, signed, 32, 32);
            Array.Copy(parameters, 0, signed, 64, parameters.Length);
            return signed;
        }

        private void OnServerHelloDone(byte[] body)
        {
            ServerHelloDone.Parse(new ByteReader(body));
            bool signCertificateVerify = false;
            if (certificateRequest != null)
            {
                bool haveCertificate = Settings.CertificateChain != null && Settings.PrivateKey != null && FitsRequest(Settings.PrivateKey, certificateRequest);
                Channel.Send(new Certificate(false, haveCertificate ? Settings.CertificateChain : new byte[0][]));
                signCertificateVerify = haveCertificate;
            }

            byte[] preMasterSecret;
            if (Suite.KeyExchange == KeyExchange.Psk)
            {
                if (Settings.PskKey == null || Settings.PskIdentity == null)
                    throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure, "a PSK suite was negotiated but no PSK identity and key are set");
                Channel.Send(ClientKeyExchange.ForPsk(Settings.PskIdentity));
                preMasterSecret = Tls12KeySchedule.PskPreMasterSecret(Settings.PskKey);
            }
            else
            {
                IKeyAgreement agreement = Provider.CreateKeyAgreement(NamedGroup.Secp256r1);
                try
                {
                    var publicKey = new byte[agreement.PublicKeyLength];
                    agreement.GetPublicKey(publicKey);
                    preMasterSecret = new byte[agreement.SharedSecretLength];
                    if (!agreement.DeriveSharedSecret(serverKeyExchange.PublicKey, preMasterSecret))
                        throw Illegal("the server's ECDHE public key is not a valid secp256r1 point");
                    Channel.Send(ClientKeyExchange.ForEcdhe(Suite.KeyExchange, publicKey));
                }
                finally
                {
                    agreement.Dispose();
                }
            }
            DeriveSecrets(preMasterSecret);

            if (signCertificateVerify)
            {
                SignatureScheme scheme = ChooseSignatureScheme(Settings.PrivateKey, certificateRequest.SignatureAlgorithms);
                Channel.Send(new CertificateVerify(scheme, Sign(Settings.PrivateKey, scheme, Channel.Transcript.Bytes)));
            }
            Channel.SendChangeCipherSpec();
            Channel.ActivateWriteProtection(ClientWriteProtection());
            Channel.Send(OurFinished(true));
            Channel.FlightReady(true);
            state = State.ExpectChangeCipherSpec;
        }

        private static bool FitsRequest(IPrivateKey key, CertificateRequest request)
        {
            byte wanted = key.KeyType == KeyType.EcP256 ? CertificateRequest.EcdsaSign : CertificateRequest.RsaSign;
            bool typeOk = false;
            for (int i = 0; i < request.CertificateTypes.Length; i++) if (request.CertificateTypes[i] == wanted) typeOk = true;
            if (!typeOk) return false;
            try
            {
                ChooseSignatureScheme(key, request.SignatureAlgorithms);
                return true;
            }
            catch (SslException)
            {
                return false;
            }
        }
    }
}
