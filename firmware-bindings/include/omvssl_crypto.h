/*
 * omvssl_crypto: the cryptography of OpenMvSsl's crypto provider interface
 * (src/OpenMvSsl/Crypto/ICryptoProvider.cs) as a C library over mbedTLS.
 *
 * Boundary rules:
 *  - only byte buffers, lengths, integers and opaque handles cross it;
 *  - the only memory that outlives a call is owned by a handle and released by its _free;
 *  - every function that can fail returns a negative omv_status on failure; functions that
 *    produce a variable amount of output return that length (>= 0) on success;
 *  - the numeric values of algorithms, groups, schemes and key types equal the managed enums
 *    (AeadAlgorithm, HashAlgorithm, NamedGroup, SignatureScheme, KeyType).
 * Handles are not thread-safe; use one per thread (the managed side already does).
 */
#ifndef OMVSSL_CRYPTO_H
#define OMVSSL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define OMV_API __declspec(dllexport)
#elif defined(__GNUC__)
#define OMV_API __attribute__((visibility("default")))
#else
#define OMV_API
#endif

/* Errors. The managed side maps each to an SslError (in brackets). */
typedef enum omv_status {
    OMV_OK = 0,
    OMV_ERR_INVALID_ARGUMENT = -1,        /* null handle/pointer, wrong key or nonce length [InvalidArgument] */
    OMV_ERR_UNSUPPORTED_ALGORITHM = -2,   /* unknown algorithm/group, scheme that does not fit the key [UnsupportedAlgorithm] */
    OMV_ERR_BUFFER_TOO_SMALL = -3,        /* output capacity too small [BufferTooSmall] */
    OMV_ERR_AUTHENTICATION_FAILED = -4,   /* AEAD tag mismatch [BadRecordMac] */
    OMV_ERR_BAD_SIGNATURE = -5,           /* signature does not verify or is malformed [DecryptError] */
    OMV_ERR_INVALID_PUBLIC_KEY = -6,      /* peer key share malformed or not on the curve [IllegalParameter] */
    OMV_ERR_BAD_PRIVATE_KEY = -7,         /* private key DER/PEM unreadable [BadKeyOrCertificate] */
    OMV_ERR_CERTIFICATE_MALFORMED = -8,   /* certificate DER unreadable [CertificateMalformed] */
    OMV_ERR_UNSUPPORTED_KEY = -9,         /* key type/curve the provider does not use [CertificateUnsupportedKey] */
    OMV_ERR_OUT_OF_MEMORY = -10,          /* allocation failed [InvalidState] */
    OMV_ERR_RANDOM_FAILED = -11,          /* entropy source or DRBG failed [InvalidState] */
    OMV_ERR_INTERNAL = -12                /* any other mbedTLS failure [InvalidState] */
} omv_status;

/* Same values as OpenMvSsl.Crypto.AeadAlgorithm. */
typedef enum omv_aead_algorithm {
    OMV_AEAD_AES128_GCM = 1,
    OMV_AEAD_AES256_GCM = 2,
    OMV_AEAD_AES128_CCM = 3,
    OMV_AEAD_AES256_CCM = 4,
    OMV_AEAD_AES128_CCM8 = 5,
    OMV_AEAD_AES256_CCM8 = 6,
    OMV_AEAD_CHACHA20_POLY1305 = 7
} omv_aead_algorithm;

/* Same values as OpenMvSsl.Crypto.HashAlgorithm. */
typedef enum omv_hash_algorithm {
    OMV_HASH_SHA256 = 1,
    OMV_HASH_SHA384 = 2
} omv_hash_algorithm;

/* Same values as OpenMvSsl.Crypto.NamedGroup (TLS code points). */
typedef enum omv_named_group {
    OMV_GROUP_SECP256R1 = 23,
    OMV_GROUP_SECP384R1 = 24
} omv_named_group;

/* Same values as OpenMvSsl.Crypto.SignatureScheme (TLS code points). */
typedef enum omv_signature_scheme {
    OMV_SIG_RSA_PKCS1_SHA256 = 0x0401,
    OMV_SIG_RSA_PKCS1_SHA384 = 0x0501,
    OMV_SIG_ECDSA_SECP256R1_SHA256 = 0x0403,
    OMV_SIG_RSA_PSS_RSAE_SHA256 = 0x0804,
    OMV_SIG_RSA_PSS_RSAE_SHA384 = 0x0805
} omv_signature_scheme;

/* Same values as OpenMvSsl.Crypto.KeyType. */
typedef enum omv_key_type {
    OMV_KEY_EC_P256 = 1,
    OMV_KEY_RSA = 2
} omv_key_type;

/* Reasons a certificate chain is not valid (bit flags, several may be set). */
typedef enum omv_cert_reason {
    OMV_CERT_EXPIRED = 1u << 0,
    OMV_CERT_NOT_YET_VALID = 1u << 1,
    OMV_CERT_HOSTNAME_MISMATCH = 1u << 2,
    OMV_CERT_UNTRUSTED = 1u << 3,
    OMV_CERT_BAD_SIGNATURE = 1u << 4,
    OMV_CERT_UNSUPPORTED_KEY = 1u << 5,
    OMV_CERT_MALFORMED = 1u << 6,
    OMV_CERT_OTHER = 1u << 7 /* any other mbedTLS verdict (key usage, ...) */
} omv_cert_reason;

typedef struct omv_drbg omv_drbg;
typedef struct omv_aead omv_aead;
typedef struct omv_hash omv_hash;
typedef struct omv_hmac omv_hmac;
typedef struct omv_ecdh omv_ecdh;
typedef struct omv_public_key omv_public_key;
typedef struct omv_private_key omv_private_key;

/* ---- Random: CTR-DRBG (AES-256) ---------------------------------------------------- */

/* Fills out[0..length) with entropy; returns 0 on success. */
typedef int (*omv_entropy_fn)(void *context, uint8_t *out, size_t length);

/* Seeds a DRBG from entropy_source (or, when it is NULL, from mbedTLS's default entropy
 * sources: getrandom on Linux, the hardware RNG on ESP32). personalization may be NULL. */
OMV_API int omv_drbg_create(omv_drbg **out, omv_entropy_fn entropy_source, void *entropy_context,
                            const uint8_t *personalization, size_t personalization_length);
OMV_API int omv_drbg_random(omv_drbg *drbg, uint8_t *out, size_t length);
OMV_API void omv_drbg_free(omv_drbg *drbg);

/* ---- AEAD ---------------------------------------------------------------------------- */

/* Key length (16 or 32) or OMV_ERR_UNSUPPORTED_ALGORITHM. */
OMV_API int omv_aead_key_length(int algorithm);
/* Tag length (16, or 8 for CCM_8) or OMV_ERR_UNSUPPORTED_ALGORITHM. */
OMV_API int omv_aead_tag_length(int algorithm);
OMV_API int omv_aead_create(omv_aead **out, int algorithm, const uint8_t *key, size_t key_length);
/* Writes ciphertext then tag into output (which may be plaintext itself). Nonce: 12 bytes
 * for GCM and ChaCha20-Poly1305, 7..13 for CCM. Returns plaintext_length + tag length. */
OMV_API int omv_aead_seal(omv_aead *aead, const uint8_t *nonce, size_t nonce_length,
                          const uint8_t *aad, size_t aad_length,
                          const uint8_t *plaintext, size_t plaintext_length,
                          uint8_t *output, size_t output_capacity);
/* Checks the tag at the end of input and writes the plaintext (input may be output).
 * Returns the plaintext length, or OMV_ERR_AUTHENTICATION_FAILED with output zeroed. */
OMV_API int omv_aead_open(omv_aead *aead, const uint8_t *nonce, size_t nonce_length,
                          const uint8_t *aad, size_t aad_length,
                          const uint8_t *ciphertext_and_tag, size_t input_length,
                          uint8_t *output, size_t output_capacity);
OMV_API void omv_aead_free(omv_aead *aead);

/* ---- Hash and HMAC ------------------------------------------------------------------- */

/* Digest length (32 or 48) or OMV_ERR_UNSUPPORTED_ALGORITHM. */
OMV_API int omv_hash_length(int algorithm);
OMV_API int omv_hash_create(omv_hash **out, int algorithm);
OMV_API int omv_hash_update(omv_hash *hash, const uint8_t *data, size_t length);
/* Digest of everything so far; the hash goes on (clone, then finish the clone). */
OMV_API int omv_hash_current(omv_hash *hash, uint8_t *out, size_t capacity);
/* Digest of everything so far, then starts again from empty. */
OMV_API int omv_hash_finish_reset(omv_hash *hash, uint8_t *out, size_t capacity);
OMV_API void omv_hash_free(omv_hash *hash);

OMV_API int omv_hmac_create(omv_hmac **out, int algorithm, const uint8_t *key, size_t key_length);
OMV_API int omv_hmac_update(omv_hmac *hmac, const uint8_t *data, size_t length);
/* MAC of everything since the last reset, then starts again with the same key. */
OMV_API int omv_hmac_finish_reset(omv_hmac *hmac, uint8_t *out, size_t capacity);
OMV_API void omv_hmac_free(omv_hmac *hmac);

/* ---- ECDHE --------------------------------------------------------------------------- */

/* Public key length (65 or 97) or OMV_ERR_UNSUPPORTED_ALGORITHM. */
OMV_API int omv_ecdh_public_key_length(int group);
/* Shared secret length (32 or 48) or OMV_ERR_UNSUPPORTED_ALGORITHM. */
OMV_API int omv_ecdh_shared_secret_length(int group);
/* Generates a fresh key pair on group. */
OMV_API int omv_ecdh_create(omv_ecdh **out, int group, omv_drbg *drbg);
/* Known-answer tests only: a key pair from a fixed big-endian private scalar. */
OMV_API int omv_ecdh_create_from_private(omv_ecdh **out, int group, const uint8_t *scalar,
                                         size_t scalar_length, omv_drbg *drbg);
/* Writes the uncompressed point (0x04 || X || Y); returns its length. */
OMV_API int omv_ecdh_public_key(omv_ecdh *ecdh, uint8_t *out, size_t capacity);
/* Validates the peer's uncompressed point (format, range, on the curve) and writes the
 * fixed-length X coordinate of the shared point; returns its length. */
OMV_API int omv_ecdh_shared_secret(omv_ecdh *ecdh, const uint8_t *peer_point, size_t peer_point_length,
                                   uint8_t *out, size_t capacity, omv_drbg *drbg);
OMV_API void omv_ecdh_free(omv_ecdh *ecdh);

/* ---- Public keys (from certificates) -------------------------------------------------- */

/* Reads the subject public key of a DER certificate. OMV_ERR_CERTIFICATE_MALFORMED,
 * or OMV_ERR_UNSUPPORTED_KEY for anything but EC P-256 and RSA. */
OMV_API int omv_public_key_from_certificate(omv_public_key **out, const uint8_t *der, size_t der_length);
/* omv_key_type value. */
OMV_API int omv_public_key_type(omv_public_key *key);
OMV_API int omv_public_key_bits(omv_public_key *key);
/* 0 when the signature (DER for ECDSA) over message verifies; OMV_ERR_BAD_SIGNATURE, or
 * OMV_ERR_UNSUPPORTED_ALGORITHM when the scheme does not fit the key. */
OMV_API int omv_public_key_verify(omv_public_key *key, int scheme, const uint8_t *message, size_t message_length,
                                  const uint8_t *signature, size_t signature_length);
OMV_API void omv_public_key_free(omv_public_key *key);

/* ---- Private keys -------------------------------------------------------------------- */

/* DER (PKCS#8, SEC1, PKCS#1) or PEM (text starting with "-----BEGIN"), unencrypted.
 * OMV_ERR_BAD_PRIVATE_KEY, or OMV_ERR_UNSUPPORTED_KEY for other key types/curves. */
OMV_API int omv_private_key_import(omv_private_key **out, const uint8_t *data, size_t length, omv_drbg *drbg);
OMV_API int omv_private_key_type(omv_private_key *key);
OMV_API int omv_private_key_bits(omv_private_key *key);
/* 72 for P-256 (DER), the modulus length for RSA. */
OMV_API int omv_private_key_max_signature_length(omv_private_key *key);
/* Hashes message as the scheme says and signs; returns the signature length. */
OMV_API int omv_private_key_sign(omv_private_key *key, int scheme, const uint8_t *message, size_t message_length,
                                 uint8_t *signature, size_t capacity, omv_drbg *drbg);
OMV_API void omv_private_key_free(omv_private_key *key);

/* ---- X.509 chains -------------------------------------------------------------------- */

/* Verifies a chain against trust anchors at now_unix (seconds since 1970, UTC), and the leaf
 * against hostname unless it is NULL. Certificates are DER, concatenated, with one length
 * per certificate; the chain is leaf first. On return *reasons holds omv_cert_reason flags
 * (0: valid) and *problem_index the chain index of the first certificate with a problem
 * (-1 when none is attributable to a chain certificate). Returns 0 when the check ran (a bad
 * chain is not an error) or a negative omv_status for bad arguments or memory. */
OMV_API int omv_x509_verify(const uint8_t *chain, const uint32_t *chain_lengths, size_t chain_count,
                            const uint8_t *anchors, const uint32_t *anchor_lengths, size_t anchor_count,
                            const char *hostname, int64_t now_unix,
                            uint32_t *reasons, int32_t *problem_index);

/* What omv_x509_describe writes. */
typedef enum omv_x509_text {
    OMV_X509_SUBJECT = 0,        /* subject DN: one "NAME=value" line per attribute, in DER order */
    OMV_X509_ISSUER = 1,         /* issuer DN, the same way */
    OMV_X509_PRESENTED_NAMES = 2 /* the SAN's DNS names then IP addresses, one per line; the CN
                                    when there is no SAN extension (the names a hostname is matched against) */
} omv_x509_text;

/* Writes the text that `which` names (UTF-8/ASCII, lines separated by '\n', no terminating NUL)
 * into out; returns its length. Control characters in values become '?'. IPv4 addresses are
 * dotted decimal, IPv6 eight groups of hex. OMV_ERR_CERTIFICATE_MALFORMED, OMV_ERR_BUFFER_TOO_SMALL. */
OMV_API int omv_x509_describe(const uint8_t *der, size_t der_length, int which, char *out, size_t capacity);

/* Validity period of a DER certificate as Unix times. */
OMV_API int omv_x509_validity(const uint8_t *der, size_t der_length, int64_t *not_before, int64_t *not_after);

#ifdef __cplusplus
}
#endif

#endif
