using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Crypto.Omv;

namespace OpenMvSsl.Device
{
    /// <summary>
    /// The crypto provider of a nanoFramework device: every operation runs in the firmware's
    /// native OpenMvSsl crypto (mbedTLS, with the chip's AES/SHA accelerators) through the
    /// InternalCall methods of <see cref="NativeCrypto"/>. The firmware must be built with the
    /// bindings (docs/firmware.md). Check <see cref="IsAvailable"/> first, or construct it and
    /// catch SslException(UnsupportedAlgorithm): without the bindings it never crashes.
    /// </summary>
    public sealed class DeviceCryptoProvider : ICryptoProvider
    {
        private const string Missing =
            "This firmware has no OpenMvSsl native crypto: build it with the interop assembly in "
            + "firmware-bindings/nanoframework (NF_INTEROP_ASSEMBLIES \"OpenMvSsl\"), see docs/firmware.md.";

        private static readonly object ProbeGate = new object();
        private static readonly IOmvX509 X509 = new DeviceX509();
        private static int probed; // 0: not yet, 1: present, -1: absent
        private static string absentReason = "";

        public DeviceCryptoProvider()
        {
            if (!IsAvailable) throw new SslException(SslError.UnsupportedAlgorithm, Missing + absentReason);
        }

        /// <summary>
        /// True when the running firmware implements the native crypto with the interface version
        /// this assembly expects. Calls one cheap native method once; never throws.
        /// </summary>
        public static bool IsAvailable
        {
            get
            {
                lock (ProbeGate)
                {
                    if (probed == 0) probed = Probe() ? 1 : -1;
                    return probed > 0;
                }
            }
        }

        // nanoCLR throws NotImplementedException for an InternalCall without a native
        // implementation; desktop .NET refuses InternalCall outside its core library (an
        // exception of another type, at type load or call). Any exception means "absent".
        private static bool Probe()
        {
            try
            {
                int version = CallVersion();
                if (version == NativeCrypto.InterfaceVersion) return true;
                absentReason = " (the firmware's bindings have interface version " + version + ", this assembly needs "
                    + NativeCrypto.InterfaceVersion + ")";
                return false;
            }
            catch (Exception e)
            {
                absentReason = " (" + e.GetType().Name + ")";
                return false;
            }
        }

        // A separate method so that a runtime that fails while compiling the call fails here,
        // inside Probe's try.
        private static int CallVersion()
        {
            return NativeCrypto.Version();
        }

        public string Name { get { return "mbedtls-device"; } }

        public bool IsSupported(AeadAlgorithm algorithm)
        {
            return NativeCrypto.AeadKeyLength((int)algorithm) > 0;
        }

        public bool IsSupported(NamedGroup group)
        {
            return NativeCrypto.EcdhPublicKeyLength((int)group) > 0;
        }

        public IAead CreateAead(AeadAlgorithm algorithm, SpanByte key)
        {
            if (!IsSupported(algorithm))
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "AEAD algorithm " + (int)algorithm + " is not available in the " + Name + " provider.");
            }
            return new DeviceAead(algorithm, key);
        }

        public IHash CreateHash(HashAlgorithm algorithm)
        {
            return new DeviceHash(algorithm);
        }

        public IHmac CreateHmac(HashAlgorithm algorithm, SpanByte key)
        {
            return new DeviceHmac(algorithm, key);
        }

        public IKeyAgreement CreateKeyAgreement(NamedGroup group)
        {
            if (!IsSupported(group))
            {
                throw new SslException(SslError.UnsupportedAlgorithm,
                    "Key agreement group " + (int)group + " is not available in the " + Name + " provider; use secp256r1.");
            }
            return new DeviceKeyAgreement(group);
        }

        public void GetRandomBytes(SpanByte output)
        {
            if (output.IsEmpty) return;
            byte[] buffer = new byte[output.Length];
            OmvStatus.Check(NativeCrypto.Random(buffer, 0, buffer.Length), "Random bytes");
            new SpanByte(buffer).CopyTo(output);
            Array.Clear(buffer, 0, buffer.Length);
        }

        public IPublicKey GetCertificatePublicKey(SpanByte certificateDer)
        {
            return DevicePublicKey.FromCertificate(certificateDer);
        }

        public IPrivateKey ImportPrivateKey(SpanByte keyDer)
        {
            return DevicePrivateKey.Import(keyDer);
        }

        public CertificateCheck VerifyCertificateChain(byte[][] chain, byte[][] trustAnchors, string hostname, DateTime now)
        {
            return OmvChainVerifier.Verify(X509, chain, trustAnchors, hostname, now);
        }
    }
}
