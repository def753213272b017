using System;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;

namespace OpenMvSsl.Host
{
    /// <summary>
    /// One AEAD key over System.Security.Cryptography. AES-GCM and ChaCha20-Poly1305 use the
    /// BCL classes, which work in place and allocate nothing per call. AES-CCM uses
    /// <see cref="AesCcmCipher"/> because the BCL's AesCcm allocates on every call on Linux.
    /// </summary>
    public sealed class DotNetAead : IAead
    {
        private const int GcmNonceLength = 12;
        private const int ChaChaNonceLength = 12;

        private readonly AeadAlgorithm _algorithm;
        private readonly int _tagLength;
        private AesGcm _gcm;
        private ChaCha20Poly1305 _chaCha;
        private AesCcmCipher _ccm;
        private bool _disposed;

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

            switch (algorithm)
            {
                case AeadAlgorithm.Aes128Gcm:
                case AeadAlgorithm.Aes256Gcm:
                    _gcm = new AesGcm(key, _tagLength);
                    break;
                case AeadAlgorithm.ChaCha20Poly1305:
                    if (!ChaCha20Poly1305.IsSupported)
                    {
                        throw new SslException(SslError.UnsupportedAlgorithm,
                            "ChaCha20-Poly1305 is not available on this platform.");
                    }
                    _chaCha = new ChaCha20Poly1305(key);
                    break;
                default:
                    _ccm = new AesCcmCipher(key, _tagLength);
                    break;
            }
        }

        public AeadAlgorithm Algorithm { get { return _algorithm; } }

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
            if (_ccm != null)
            {
                authentic = _ccm.Open(nonce, additionalData, ciphertext, tag, plaintext);
            }
            else
            {
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
            if (_ccm != null) _ccm.Dispose();
            _gcm = null;
            _chaCha = null;
            _ccm = null;
        }

        private void CheckNonce(SpanByte nonce)
        {
            bool ok;
            if (_ccm != null)
            {
                ok = nonce.Length >= AesCcmCipher.MinNonceLength && nonce.Length <= AesCcmCipher.MaxNonceLength;
            }
            else
            {
                ok = nonce.Length == (_gcm != null ? GcmNonceLength : ChaChaNonceLength);
            }

            if (!ok)
            {
                throw new SslException(SslError.InvalidArgument,
                    _algorithm + " cannot use a " + nonce.Length + "-byte nonce.");
            }
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
