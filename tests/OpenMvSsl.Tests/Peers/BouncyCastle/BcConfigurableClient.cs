using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// One BouncyCastle TlsClient for every configuration of <see cref="BcClientOptions"/>: PSK or
    /// certificate suites, TLS 1.2/1.3 or DTLS 1.2, server certificate check against a trust anchor
    /// with a name check, optional client certificate.
    /// </summary>
    internal sealed class BcConfigurableClient : AbstractTlsClient
    {
        private readonly BcClientOptions options;
        private readonly BcPeerObservations observations;
        private readonly bool datagram;
        private readonly BcCredentials credentials;

        public BcConfigurableClient(BcTlsCrypto crypto, BcClientOptions options, BcPeerObservations observations, bool datagram)
            : base(crypto)
        {
            this.options = options;
            this.observations = observations;
            this.datagram = datagram;
            credentials = BcCredentials.FromOptions(options);
        }

        protected override ProtocolVersion[] GetSupportedVersions()
        {
            if (options.ProtocolVersions != null) return options.ProtocolVersions;
            return datagram ? ProtocolVersion.DTLSv12.Only() : ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);
        }

        protected override int[] GetSupportedCipherSuites()
        {
            if (options.CipherSuites != null) return options.CipherSuites;
            bool certificates = !options.HasPsk;
            return BcCipherSuites.Defaults(Crypto, GetSupportedVersions(), options.HasPsk, certificates, certificates);
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

        /// <summary>Hands BouncyCastle a copy: it zeroes the PSK array after use, which would
        /// otherwise wipe the caller's key (and every later test that shares it).</summary>
        public override TlsPskIdentity GetPskIdentity()
        {
            return options.HasPsk ? new BasicTlsPskIdentity(options.PskIdentity, (byte[])options.PskKey.Clone()) : null;
        }

        /// <summary>TLS 1.3 offers the same PSK as an external PSK (RFC 8446 4.2.11).</summary>
        public override IList<TlsPskExternal> GetExternalPsks()
        {
            if (!options.HasPsk || !ProtocolVersion.Contains(GetSupportedVersions(), ProtocolVersion.TLSv13)) return null;
            var psk = new BasicTlsPskExternal(Encoding.UTF8.GetBytes(options.PskIdentity), Crypto.CreateSecret((byte[])options.PskKey.Clone()),
                PrfAlgorithm.tls13_hkdf_sha256);
            return new List<TlsPskExternal> { psk };
        }

        protected override IList<ServerName> GetSniServerNames()
        {
            if (options.ServerName == null || IPAddress.TryParse(options.ServerName, out _)) return null;
            return new List<ServerName> { new ServerName(NameType.host_name, Encoding.ASCII.GetBytes(options.ServerName)) };
        }

        public override IDictionary<int, byte[]> GetClientExtensions()
        {
            IDictionary<int, byte[]> extensions = base.GetClientExtensions();
            if (options.SendRenegotiationInfoExtension)
            {
                // RFC 5746 3.4: an initial handshake carries renegotiated_connection of length zero.
                extensions ??= new Dictionary<int, byte[]>();
                extensions[ExtensionType.renegotiation_info] = new byte[] { 0 };
            }
            return extensions;
        }

        public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
        {
            if (serverExtensions != null)
            {
                var types = new List<int>(observations.PeerExtensionTypes);
                types.AddRange(serverExtensions.Keys);
                observations.PeerExtensionTypes = types.ToArray();
            }
            base.ProcessServerExtensions(serverExtensions);
        }

        public override TlsAuthentication GetAuthentication()
        {
            return new Authentication(this);
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

        /// <summary>Server certificate check and client certificate choice.</summary>
        private sealed class Authentication : TlsAuthentication
        {
            private readonly BcConfigurableClient client;

            public Authentication(BcConfigurableClient client)
            {
                this.client = client;
            }

            public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
            {
                client.observations.RecordPeerCertificate(serverCertificate.Certificate);
                if (client.options.TrustAnchorDer == null) return;
                BcCertificateValidator.Check(BcCertificateValidator.ToDer(serverCertificate.Certificate),
                    client.options.TrustAnchorDer, client.options.ServerName);
            }

            public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest)
            {
                if (client.credentials == null) return null;
                return client.credentials.CreateSigner(client.m_context, certificateRequest.SupportedSignatureAlgorithms,
                    certificateRequest.GetCertificateRequestContext());
            }
        }
    }
}
