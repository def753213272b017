using System;
using System.Collections.Generic;
using System.Text;
using Org.BouncyCastle.Tls;
using BcAlert = Org.BouncyCastle.Tls.AlertDescription;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// One BouncyCastle TlsServer for every configuration of <see cref="BcServerOptions"/>: PSK
    /// and/or certificate key exchange, TLS 1.2/1.3 or DTLS 1.2, optional client certificates.
    /// Every callback that tells something about the handshake feeds <see cref="BcPeerObservations"/>.
    /// </summary>
    internal sealed class BcConfigurableServer : AbstractTlsServer
    {
        private readonly BcServerOptions options;
        private readonly BcPeerObservations observations;
        private readonly bool datagram;
        private readonly BcCredentials credentials;
        private readonly BcPskIdentityManager pskIdentities;

        public BcConfigurableServer(BcTlsCrypto crypto, BcServerOptions options, BcPeerObservations observations, bool datagram)
            : base(crypto)
        {
            this.options = options;
            this.observations = observations;
            this.datagram = datagram;
            credentials = BcCredentials.FromOptions(options);
            pskIdentities = options.PskKeys.Count > 0 ? new BcPskIdentityManager(options.PskKeys, options.PskIdentityHint) : null;
        }

        protected override ProtocolVersion[] GetSupportedVersions()
        {
            if (options.ProtocolVersions != null) return options.ProtocolVersions;
            return datagram ? ProtocolVersion.DTLSv12.Only() : ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);
        }

        protected override int[] GetSupportedCipherSuites()
        {
            if (options.CipherSuites != null) return options.CipherSuites;
            return BcCipherSuites.Defaults(Crypto, GetSupportedVersions(), pskIdentities != null,
                credentials != null && credentials.IsEcdsa, credentials != null && credentials.IsRsa);
        }

        public override bool RequiresExtendedMasterSecret()
        {
            return options.RequireExtendedMasterSecret;
        }

        public override bool ShouldUseExtendedMasterSecret()
        {
            return options.OfferExtendedMasterSecret;
        }

        public override int GetHandshakeTimeoutMillis()
        {
            return options.HandshakeTimeoutMs;
        }

        public override TlsPskIdentityManager GetPskIdentityManager()
        {
            return pskIdentities;
        }

        /// <summary>TLS 1.3 external PSKs (RFC 8446 4.2.11) come from the same identity map.</summary>
        public override TlsPskExternal GetExternalPsk(IList<PskIdentity> identities)
        {
            if (pskIdentities == null) return null;
            foreach (PskIdentity identity in identities)
            {
                byte[] key = pskIdentities.GetPsk(identity.Identity);
                if (key != null)
                    return new BasicTlsPskExternal(identity.Identity, Crypto.CreateSecret(key), PrfAlgorithm.tls13_hkdf_sha256);
            }
            return null;
        }

        public override TlsCredentials GetCredentials()
        {
            SecurityParameters parameters = m_context.SecurityParameters;
            if (TlsUtilities.IsTlsV13(m_context)) return RequireSigner(parameters);

            switch (parameters.KeyExchangeAlgorithm)
            {
                case KeyExchangeAlgorithm.PSK:
                case KeyExchangeAlgorithm.DHE_PSK:
                case KeyExchangeAlgorithm.ECDHE_PSK:
                    return null;
                case KeyExchangeAlgorithm.ECDHE_ECDSA:
                case KeyExchangeAlgorithm.ECDHE_RSA:
                case KeyExchangeAlgorithm.DHE_RSA:
                    return RequireSigner(parameters);
                default:
                    throw new TlsFatalAlert(BcAlert.internal_error,
                        "BcConfigurableServer has no credentials for key exchange " + parameters.KeyExchangeAlgorithm);
            }
        }

        private TlsCredentials RequireSigner(SecurityParameters parameters)
        {
            if (credentials == null)
                throw new TlsFatalAlert(BcAlert.internal_error, "suite needs a server certificate; none configured");
            return credentials.CreateSigner(m_context, parameters.ClientSigAlgs, null);
        }

        public override CertificateRequest GetCertificateRequest()
        {
            if (options.ClientCertificate == BcClientCertificateMode.None) return null;
            IList<SignatureAndHashAlgorithm> signatureAlgorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
            if (TlsUtilities.IsTlsV13(m_context))
                return new CertificateRequest(TlsUtilities.EmptyBytes, signatureAlgorithms, null, null);
            short[] types = { ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign };
            return new CertificateRequest(types, signatureAlgorithms, null);
        }

        public override void NotifyClientCertificate(Certificate clientCertificate)
        {
            observations.RecordPeerCertificate(clientCertificate);
            if (clientCertificate == null || clientCertificate.IsEmpty)
            {
                if (options.ClientCertificate != BcClientCertificateMode.Required) return;
                short alert = TlsUtilities.IsTlsV13(m_context) ? BcAlert.certificate_required : BcAlert.handshake_failure;
                throw new TlsFatalAlert(alert, "client certificate required but none sent");
            }
            if (options.TrustAnchorDer != null)
                BcCertificateValidator.Check(BcCertificateValidator.ToDer(clientCertificate), options.TrustAnchorDer, null);
        }

        public override void NotifyOfferedCipherSuites(int[] offeredCipherSuites)
        {
            observations.OfferedCipherSuites = (int[])offeredCipherSuites.Clone();
            base.NotifyOfferedCipherSuites(offeredCipherSuites);
        }

        public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
        {
            if (clientExtensions != null) observations.PeerExtensionTypes = new List<int>(clientExtensions.Keys).ToArray();
            base.ProcessClientExtensions(clientExtensions);
        }

        public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause)
        {
            observations.RecordAlert(true, alertLevel, alertDescription, message ?? cause?.Message);
        }

        public override void NotifyAlertReceived(short alertLevel, short alertDescription)
        {
            observations.RecordAlert(false, alertLevel, alertDescription, null);
        }

        public override void NotifyHandshakeComplete()
        {
            base.NotifyHandshakeComplete();
            observations.RecordHandshake(m_context);
        }
    }
}
