using System.Collections.Generic;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using BcAlert = Org.BouncyCastle.Tls.AlertDescription;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>Turns the DER certificate and PKCS#8 key of a <see cref="BcPeerOptions"/> into a
    /// BouncyCastle signer, picking a signature scheme the peer offered.</summary>
    internal sealed class BcCredentials
    {
        private readonly byte[][] chainDer;
        private readonly AsymmetricKeyParameter privateKey;

        private BcCredentials(byte[][] chainDer, AsymmetricKeyParameter privateKey)
        {
            this.chainDer = chainDer;
            this.privateKey = privateKey;
        }

        /// <summary>Null when the options carry no certificate.</summary>
        public static BcCredentials FromOptions(BcPeerOptions options)
        {
            if (!options.HasCertificate) return null;
            var chain = new List<byte[]> { options.CertificateDer };
            if (options.IntermediateCertificatesDer != null) chain.AddRange(options.IntermediateCertificatesDer);
            AsymmetricKeyParameter key = PrivateKeyFactory.CreateKey(options.PrivateKeyDer);
            if (!(key is ECPrivateKeyParameters) && !(key is RsaKeyParameters))
                throw new System.ArgumentException("PrivateKeyDer must be an EC or RSA PKCS#8 key");
            return new BcCredentials(chain.ToArray(), key);
        }

        public bool IsEcdsa
        {
            get { return privateKey is ECPrivateKeyParameters; }
        }

        public bool IsRsa
        {
            get { return privateKey is RsaKeyParameters; }
        }

        /// <summary>A signer for this handshake. <paramref name="peerSignatureAlgorithms"/> is what
        /// the peer offered (signature_algorithms, or the CertificateRequest's list); in TLS 1.3
        /// <paramref name="requestContext"/> is the certificate_request_context to echo.</summary>
        public TlsCredentialedSigner CreateSigner(TlsContext context, IList<SignatureAndHashAlgorithm> peerSignatureAlgorithms,
            byte[] requestContext)
        {
            var crypto = (BcTlsCrypto)context.Crypto;
            bool tls13 = TlsUtilities.IsTlsV13(context);
            SignatureAndHashAlgorithm algorithm = ChooseSignatureAlgorithm(peerSignatureAlgorithms, tls13);
            Certificate certificate = BuildCertificate(crypto, tls13, requestContext);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey, certificate, algorithm);
        }

        private Certificate BuildCertificate(TlsCrypto crypto, bool tls13, byte[] requestContext)
        {
            var certificates = new TlsCertificate[chainDer.Length];
            for (int i = 0; i < chainDer.Length; i++) certificates[i] = crypto.CreateCertificate(chainDer[i]);
            if (!tls13) return new Certificate(certificates);

            // TLS 1.3 Certificate carries a request context and per-entry extensions (RFC 8446 4.4.2).
            var entries = new CertificateEntry[certificates.Length];
            for (int i = 0; i < certificates.Length; i++) entries[i] = new CertificateEntry(certificates[i], null);
            return new Certificate(requestContext ?? TlsUtilities.EmptyBytes, entries);
        }

        private SignatureAndHashAlgorithm ChooseSignatureAlgorithm(IList<SignatureAndHashAlgorithm> offered, bool tls13)
        {
            // RFC 5246 7.4.1.4.1: without signature_algorithms a TLS 1.2 peer implies SHA-1.
            if (offered == null)
                offered = TlsUtilities.GetDefaultSignatureAlgorithms(IsEcdsa ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa);

            foreach (SignatureAndHashAlgorithm candidate in offered)
            {
                if (Fits(candidate, tls13)) return candidate;
            }
            throw new TlsFatalAlert(BcAlert.handshake_failure,
                "none of the peer's signature algorithms fits a " + (IsEcdsa ? "ECDSA" : "RSA") + " key");
        }

        private bool Fits(SignatureAndHashAlgorithm candidate, bool tls13)
        {
            if (IsEcdsa)
            {
                if (candidate.Signature != SignatureAlgorithm.ecdsa) return false;
                // TLS 1.3 binds the curve to the hash: P-256 keys sign with ecdsa_secp256r1_sha256 only.
                if (tls13) return candidate.Hash == HashAlgorithm.sha256;
                return candidate.Hash == HashAlgorithm.sha256 || candidate.Hash == HashAlgorithm.sha384
                    || candidate.Hash == HashAlgorithm.sha512;
            }
            switch (candidate.Signature)
            {
                case SignatureAlgorithm.rsa_pss_rsae_sha256:
                case SignatureAlgorithm.rsa_pss_rsae_sha384:
                case SignatureAlgorithm.rsa_pss_rsae_sha512:
                    return true;
                case SignatureAlgorithm.rsa:
                    return !tls13 && (candidate.Hash == HashAlgorithm.sha256 || candidate.Hash == HashAlgorithm.sha384
                        || candidate.Hash == HashAlgorithm.sha512);
                default:
                    return false;
            }
        }
    }
}
