using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Handshake.Secrets;
using OpenMvSsl.Handshake.Tls12;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake
{
    /// <summary>
    /// What every handshake state machine (TLS 1.2 / DTLS 1.2 / TLS 1.3, client and server)
    /// shares: the negotiated parameters the engine reports, signing and key checks, and the
    /// TLS 1.2 key schedule calls and Finished.
    /// </summary>
    internal abstract class HandshakeBase
    {
        protected static readonly SignatureScheme[] OfferedSignatureSchemes =
        {
            SignatureScheme.EcdsaSecp256r1Sha256,
            SignatureScheme.RsaPssRsaeSha256,
            SignatureScheme.RsaPssRsaeSha384,
            SignatureScheme.RsaPkcs1Sha256,
            SignatureScheme.RsaPkcs1Sha384,
        };

        protected readonly EngineSettings Settings;
        protected readonly IHandshakeChannel Channel;
        protected readonly ICryptoProvider Provider;

        protected byte[] ClientRandom;
        protected byte[] ServerRandom;
        protected byte[] MasterSecret;
        protected Tls12Prf Prf;
        protected Tls12TrafficKeys Keys;

        protected HandshakeBase(EngineSettings settings, IHandshakeChannel channel)
        {
            Settings = settings;
            Channel = channel;
            Provider = settings.Provider;
        }

        /// <summary>The negotiated suite, once ServerHello is through.</summary>
        public virtual CipherSuite Suite { get; protected set; }

        /// <summary>The peer's certificate chain (DER, leaf first), or null.</summary>
        public virtual byte[][] PeerCertificates { get; protected set; }

        /// <summary>Server: the PSK identity the client used.</summary>
        public virtual byte[] PeerPskIdentity { get; protected set; }

        /// <summary>Server: the SNI host name the client asked for, or null.</summary>
        public virtual string RequestedServerName { get; protected set; }

        public virtual bool IsComplete { get; protected set; }

        /// <summary>The negotiated protocol version (wire value), once known.</summary>
        public virtual int Version { get { return ProtocolVersionNumber; } }

        /// <summary>The ALPN protocol the server selected, or null.</summary>
        public virtual string AlpnProtocol { get; protected set; }

        /// <summary>A handshake message after the handshake (TLS 1.3: NewSessionTicket, KeyUpdate). TLS 1.2 has none it accepts.</summary>
        public virtual void OnPostHandshakeMessage(HandshakeType type, byte[] body)
        {
            throw Unexpected(type, "after the handshake");
        }

        /// <summary>Handles one whole handshake message (body without header) and its framed bytes for the transcript.</summary>
        public abstract void OnMessage(HandshakeType type, byte[] body, SpanByte framed);

        /// <summary>Handles ChangeCipherSpec; false when the handshake does not expect one now.</summary>
        public abstract bool OnChangeCipherSpec();

        /// <summary>True while the handshake waits for the peer's ChangeCipherSpec.</summary>
        public abstract bool ExpectsChangeCipherSpec { get; }

        protected int ProtocolVersionNumber
        {
            get { return Channel.IsDatagram ? ProtocolVersion.Dtls12 : ProtocolVersion.Tls12; }
        }

        protected byte[] NewRandom()
        {
            var random = new byte[32];
            Provider.GetRandomBytes(random);
            return random;
        }

        /// <summary>Derives the extended master secret from the transcript as it is now (through ClientKeyExchange) and the traffic keys.</summary>
        protected void DeriveSecrets(byte[] preMasterSecret)
        {
            Prf = new Tls12Prf(Provider, Suite.Hash);
            byte[] sessionHash = Channel.Transcript.Hash(Provider, Suite.Hash);
            MasterSecret = Tls12KeySchedule.ExtendedMasterSecret(Prf, preMasterSecret, sessionHash);
            Array.Clear(preMasterSecret, 0, preMasterSecret.Length);
            Keys = Tls12KeySchedule.TrafficKeys(Prf, MasterSecret, ClientRandom, ServerRandom, Suite.Aead, Channel.Family);
        }

        protected RecordProtection ClientWriteProtection()
        {
            return new RecordProtection(Provider, Suite.Aead, Channel.Family, Keys.ClientWriteKey, Keys.ClientWriteIv);
        }

        protected RecordProtection ServerWriteProtection()
        {
            return new RecordProtection(Provider, Suite.Aead, Channel.Family, Keys.ServerWriteKey, Keys.ServerWriteIv);
        }

        protected Finished OurFinished(bool fromClient)
        {
            byte[] transcriptHash = Channel.Transcript.Hash(Provider, Suite.Hash);
            return new Finished(Tls12KeySchedule.FinishedVerifyData(Prf, MasterSecret, fromClient, transcriptHash));
        }

        /// <summary>Checks the peer's Finished against the transcript before it (RFC 5246 7.4.9), in constant time.</summary>
        protected void CheckPeerFinished(byte[] body, bool fromClient)
        {
            Finished finished = Finished.Parse(new ByteReader(body), Tls12KeySchedule.VerifyDataLength);
            byte[] transcriptHash = Channel.Transcript.Hash(Provider, Suite.Hash);
            byte[] expected = Tls12KeySchedule.FinishedVerifyData(Prf, MasterSecret, fromClient, transcriptHash);
            if (!ConstantTime.AreEqual(expected, finished.VerifyData))
                throw new SslException(SslError.DecryptError, AlertDescription.DecryptError,
                    "the peer's Finished does not match: the two sides derived different keys (wrong PSK?) or the handshake was tampered with");
        }

        /// <summary>Picks the scheme to sign with for our key among those the peer accepts.</summary>
        protected static SignatureScheme ChooseSignatureScheme(IPrivateKey key, SignatureScheme[] peerAccepts)
        {
            SignatureScheme[] preference = key.KeyType == KeyType.EcP256
                ? new SignatureScheme[] { SignatureScheme.EcdsaSecp256r1Sha256 }
                : new SignatureScheme[] { SignatureScheme.RsaPssRsaeSha256, SignatureScheme.RsaPkcs1Sha256, SignatureScheme.RsaPssRsaeSha384, SignatureScheme.RsaPkcs1Sha384 };
            if (peerAccepts == null) return preference[0];
            for (int i = 0; i < preference.Length; i++)
                for (int j = 0; j < peerAccepts.Length; j++)
                    if (peerAccepts[j] == preference[i]) return preference[i];
            throw new SslException(SslError.HandshakeFailure, AlertDescription.HandshakeFailure,
                "the peer accepts no signature scheme that fits our " + (key.KeyType == KeyType.EcP256 ? "ECDSA P-256" : "RSA") + " key");
        }

        protected static bool Contains(SignatureScheme[] list, SignatureScheme scheme)
        {
            for (int i = 0; i < list.Length; i++)
                if (list[i] == scheme) return true;
            return false;
        }

        protected byte[] Sign(IPrivateKey key, SignatureScheme scheme, SpanByte data)
        {
            var signature = new byte[key.MaxSignatureLength];
            int length = key.Sign(scheme, data, signature);
            var exact = new byte[length];
            Array.Copy(signature, exact, length);
            return exact;
        }

        /// <summary>The certificate's key, checked to fit what the suite needs.</summary>
        protected IPublicKey LeafKey(byte[][] chain, KeyType expected, string whose)
        {
            IPublicKey key = Provider.GetCertificatePublicKey(chain[0]);
            if (key.KeyType != expected)
            {
                KeyType found = key.KeyType;
                key.Dispose(); // native key handles on the device: free now, not at some later GC
                throw new SslException(SslError.CertificateUnsupportedKey, AlertDescription.UnsupportedCertificate,
                    "the " + whose + "'s certificate has a " + (found == KeyType.Rsa ? "RSA" : "EC") + " key, but the negotiated suite needs "
                    + (expected == KeyType.Rsa ? "RSA" : "ECDSA"));
            }
            return key;
        }

        protected static SslException Unexpected(HandshakeType type, string state)
        {
            return new SslException(SslError.UnexpectedMessage, AlertDescription.UnexpectedMessage,
                "unexpected handshake message " + type + " while " + state);
        }

        protected static SslException Illegal(string message)
        {
            return new SslException(SslError.IllegalParameter, AlertDescription.IllegalParameter, message);
        }
    }
}
