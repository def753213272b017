using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host.Intrinsics;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// One AEAD key. On x86-64 with AES-NI and PCLMULQDQ (SSSE3 for ChaCha20) the managed
    /// intrinsics implementations in <see cref="OpenMvSsl.Host.Intrinsics"/> are used: they cost far
    /// less per call than the BCL classes, which set up an OpenSSL EVP context on every message.
    /// OpenSSL's bulk code is still faster on long messages, so AES-GCM from
    /// <see cref="GcmBclFromLength"/> bytes and ChaCha20-Poly1305 from <see cref="ChaChaBclFromLength"/>
    /// bytes go to the BCL classes, created on the first such message (a connection with small
    /// records never holds one; the key is kept for it until then). Elsewhere (ARM64, old
    /// CPUs) AES-GCM and ChaCha20-Poly1305 use only the BCL classes, and AES-CCM uses
    /// <see cref="AesCcmCipher"/> because the BCL's AesCcm allocates on every call on Linux.
    /// The environment variable OPENMVSSL_HOST_AEAD (read once) overrides the choice: "bcl" for the
    /// BCL path only, "managed" for the managed code at every length (comparisons and tests).
    /// </summary>
    public sealed class DotNetAead : IAead
    {
        private const int GcmNonceLength = 12;
        private const int ChaChaNonceLength = 12;

        /// <summary>AES-GCM messages of at least this many bytes use the BCL (measured crossover, bench `-- aead`).</summary>
        public const int GcmBclFromLength = 8192;

        /// <summary>ChaCha20-Poly1305 messages of at least this many bytes use the BCL.</summary>
        public const int ChaChaBclFromLength = 2560;

        /// <summary>The environment variable that overrides the implementation: "bcl" or "managed".</summary>
        public const string ImplementationVariable = "OPENMVSSL_HOST_AEAD";

        private static readonly string ForcedImplementation =
            (Environment.GetEnvironmentVariable(ImplementationVariable) ?? "").Trim().ToLowerInvariant();

        private readonly AeadAlgorithm _algorithm;
        private readonly int _tagLength;
        private AesGcm _gcm;
        private ChaCha20Poly1305 _chaCha;
        private AesCcmCipher _ccm;
        private ManagedAeadCipher _managed;
        // Messages this long or longer go to the BCL object; int.MaxValue when there is none.
        private readonly int _bclFromLength = int.MaxValue;
        // The key for the BCL object of a managed GCM/ChaCha key, until that object is made.
        private byte[] _deferredBclKey;
        private bool _disposed;

        /// <summary>Whether keys of this algorithm created now use the managed intrinsics code (for some lengths at least).</summary>
        public static bool UsesManagedCode(AeadAlgorithm algorithm)
        {
            if (ForcedImplementation == "bcl") return false;
            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes256Gcm:
                    return ManagedAesGcm.IsSupported;
                case AeadAlgorithm.ChaCha20Poly1305:
                    return ManagedChaCha20Poly1305.IsSupported;
                case AeadAlgorithm.Aes128Ccm:
                case AeadAlgorithm.Aes256Ccm:
                case AeadAlgorithm.Aes128Ccm8:
                case AeadAlgorithm.Aes256Ccm8:
                    return ManagedAesCcm.IsSupported;
                default:
                    return false;
            }
        }

        public DotNetAead(AeadAlgorithm algorithm, ReadOnlySpan<byte> key)
        {
            _algorithm = algorithm;
            _tagLength = AeadSizes.TagLength(algorithm);
            int expectedKeyLength = AeadSizes.KeyLength(algorithm);
            if (key.Length != expectedKeyLength)
            {
                throw new SslException(SslError.InvalidArgument,
                    algorithm + " needs a " + expectedKeyLength + "-byte key, got " + key.Length + " bytes.");
            }

            bool managed = UsesManagedCode(algorithm);
            bool managedOnly = ForcedImplementation == "managed";
            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes256Gcm:
                    if (managed) _managed = new ManagedAesGcm(key);
                    if (!managed)
                    {
                        _gcm = new AesGcm(key, _tagLength);
                    }
                    else if (!managedOnly && AesGcm.IsSupported)
                    {
                        _deferredBclKey = key.ToArray();
                        _bclFromLength = GcmBclFromLength;
                    }
                    break;
                case AeadAlgorithm.ChaCha20Poly1305:
                    if (managed) _managed = new ManagedChaCha20Poly1305(key);
                    if (!managed)
                    {
                        if (!ChaCha20Poly1305.IsSupported)
                        {
                            throw new SslException(SslError.UnsupportedAlgorithm,
                                "ChaCha20-Poly1305 is not available on this platform.");
                        }
                        _chaCha = new ChaCha20Poly1305(key);
                    }
                    else if (!managedOnly && ChaCha20Poly1305.IsSupported)
                    {
                        _deferredBclKey = key.ToArray();
                        _bclFromLength = ChaChaBclFromLength;
                    }
                    break;
                default:
                    // CCM: the BCL's AesCcm is no faster on long messages, so there is no length split.
                    if (managed) _managed = new ManagedAesCcm(key, _tagLength);
                    else _ccm = new AesCcmCipher(key, _tagLength);
                    break;
            }
        }

        public AeadAlgorithm Algorithm { get { return _algorithm; } }

        /// <summary>True when a message of this many bytes runs on the managed intrinsics code rather than the BCL.</summary>
        public bool IsManagedFor(int messageLength)
        {
            return _managed != null && messageLength < _bclFromLength;
        }

        public int TagLength { get { return _tagLength; } }

        public void Seal(SpanByte nonce, SpanByte additionalData, SpanByte plaintext, SpanByte output)
        {
            ThrowIfDisposed();
            CheckNonce(nonce);
            if (output.Length < plaintext.Length + _tagLength)
            {
                throw new SslException(SslError.BufferTooSmall,
                    "Seal needs " + (plaintext.Length + _tagLength) + " output bytes, got " + output.Length + ".");
            }

            SpanByte ciphertext = output.Slice(0, plaintext.Length);
            SpanByte tag = output.Slice(plaintext.Length, _tagLength);
            CheckOverlap(plaintext, ciphertext, tag);

            if (_managed != null && plaintext.Length < _bclFromLength)
            {
                _managed.Seal(nonce, additionalData, plaintext, ciphertext, tag);
                return;
            }

            CreateDeferredBclObject();
            if (_gcm != null)
            {
                _gcm.Encrypt(nonce, plaintext, ciphertext, tag, additionalData);
            }
            else if (_chaCha != null)
            {
                _chaCha.Encrypt(nonce, plaintext, ciphertext, tag, additionalData);
            }
            else
            {
                _ccm.Seal(nonce, additionalData, plaintext, ciphertext, tag);
            }
        }

        public bool Open(SpanByte nonce, SpanByte additionalData, SpanByte ciphertextAndTag, SpanByte output)
        {
            ThrowIfDisposed();
            CheckNonce(nonce);
            // Too short to hold a tag: a malformed record, which fails authentication like any other.
            if (ciphertextAndTag.Length < _tagLength) return false;

            int plaintextLength = ciphertextAndTag.Length - _tagLength;
            if (output.Length < plaintextLength)
            {
                throw new SslException(SslError.BufferTooSmall,
                    "Open needs " + plaintextLength + " output bytes, got " + output.Length + ".");
            }

            SpanByte ciphertext = ciphertextAndTag.Slice(0, plaintextLength);
            SpanByte tag = ciphertextAndTag.Slice(plaintextLength, _tagLength);
            SpanByte plaintext = output.Slice(0, plaintextLength);
            CheckOverlap(ciphertext, plaintext, tag);

            bool authentic;
            if (_managed != null && plaintextLength < _bclFromLength)
            {
                authentic = _managed.Open(nonce, additionalData, ciphertext, tag, plaintext);
            }
            else if (_ccm != null)
            {
                authentic = _ccm.Open(nonce, additionalData, ciphertext, tag, plaintext);
            }
            else
            {
                CreateDeferredBclObject();
                try
                {
                    if (_gcm != null)
                    {
                        _gcm.Decrypt(nonce, ciphertext, tag, plaintext, additionalData);
                    }
                    else
                    {
                        _chaCha.Decrypt(nonce, ciphertext, tag, plaintext, additionalData);
                    }
                    authentic = true;
                }
                catch (AuthenticationTagMismatchException)
                {
                    authentic = false;
                }
            }

            if (!authentic) plaintext.Clear();
            return authentic;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_gcm != null) _gcm.Dispose();
            if (_chaCha != null) _chaCha.Dispose();
            if (_deferredBclKey != null) CryptographicOperations.ZeroMemory(_deferredBclKey);
            _deferredBclKey = null;
            if (_ccm != null) _ccm.Dispose();
            if (_managed != null) _managed.Dispose();
            _managed = null;
            _gcm = null;
            _chaCha = null;
            _ccm = null;
        }

        // The first long message of a managed GCM/ChaCha key makes its BCL object (once).
        private void CreateDeferredBclObject()
        {
            if (_deferredBclKey == null) return;
            if (_algorithm == AeadAlgorithm.ChaCha20Poly1305) _chaCha = new ChaCha20Poly1305(_deferredBclKey);
            else _gcm = new AesGcm(_deferredBclKey, _tagLength);
            CryptographicOperations.ZeroMemory(_deferredBclKey);
            _deferredBclKey = null;
        }

        private void CheckNonce(SpanByte nonce)
        {
            bool ok;
            if (IsCcm(_algorithm))
            {
                ok = nonce.Length >= AesCcmCipher.MinNonceLength && nonce.Length <= AesCcmCipher.MaxNonceLength;
            }
            else
            {
                ok = nonce.Length == (_algorithm == AeadAlgorithm.ChaCha20Poly1305 ? ChaChaNonceLength : GcmNonceLength);
            }

            if (!ok)
            {
                throw new SslException(SslError.InvalidArgument,
                    _algorithm + " cannot use a " + nonce.Length + "-byte nonce.");
            }
        }

        private static bool IsCcm(AeadAlgorithm algorithm)
        {
            return algorithm != AeadAlgorithm.Aes128Gcm && algorithm != AeadAlgorithm.Aes256Gcm
                && algorithm != AeadAlgorithm.ChaCha20Poly1305;
        }

        // In place means the output starts exactly where the input starts; any other overlap
        // would make the cipher read bytes it has already overwritten.
        private static void CheckOverlap(ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, ReadOnlySpan<byte> tag)
        {
            int offset;
            if ((input.Overlaps(output, out offset) && offset != 0) || input.Overlaps(tag) || output.Overlaps(tag))
            {
                throw new SslException(SslError.InvalidArgument,
                    "AEAD output must either start exactly at the input (in place) or not overlap it.");
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new SslException(SslError.InvalidState, "This AEAD key has been disposed.");
        }
    }
}
