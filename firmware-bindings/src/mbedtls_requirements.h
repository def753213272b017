/* The mbedTLS configuration options this library needs, checked at compile time so that a
 * firmware built with a configuration that lacks one stops with the option's name instead
 * of an implicit declaration or a link error. Included by internal.h right after
 * <mbedtls/version.h>, which has read the whole configuration by then (2.28: config.h with
 * MBEDTLS_USER_CONFIG_FILE and check_config.h; 3.x: build_info.h, which also derives the
 * legacy options from PSA_WANT_* when MBEDTLS_PSA_CRYPTO_CONFIG is on).
 * docs/firmware.md, "mbedTLS versions and configuration", lists them with what needs each. */
#ifndef OMVSSL_MBEDTLS_REQUIREMENTS_H
#define OMVSSL_MBEDTLS_REQUIREMENTS_H

#if !defined(MBEDTLS_VERSION_NUMBER) || MBEDTLS_VERSION_NUMBER < 0x021C0000
#error "omvssl_crypto needs mbedTLS 2.28 or later"
#endif

/* drbg.c: CTR-DRBG over mbedTLS's entropy collector. */
#if !defined(MBEDTLS_CTR_DRBG_C)
#error "omvssl_crypto needs MBEDTLS_CTR_DRBG_C (random numbers)"
#endif
#if !defined(MBEDTLS_ENTROPY_C)
#error "omvssl_crypto needs MBEDTLS_ENTROPY_C (seeds the DRBG)"
#endif

/* aead.c */
#if !defined(MBEDTLS_GCM_C)
#error "omvssl_crypto needs MBEDTLS_GCM_C (AES-GCM)"
#endif
#if !defined(MBEDTLS_CCM_C)
#error "omvssl_crypto needs MBEDTLS_CCM_C (AES-CCM, AES-CCM-8)"
#endif
#if !defined(MBEDTLS_CHACHAPOLY_C)
#error "omvssl_crypto needs MBEDTLS_CHACHAPOLY_C with MBEDTLS_CHACHA20_C and MBEDTLS_POLY1305_C (ChaCha20-Poly1305; off by default in ESP-IDF)"
#endif
/* GCM and CCM are keyed with MBEDTLS_CIPHER_ID_AES. 3.6 may run them over a PSA AES driver
 * without MBEDTLS_AES_C and then defines MBEDTLS_CCM_GCM_CAN_AES
 * (3.6: config_adjust_legacy_crypto.h:380). */
#if MBEDTLS_VERSION_NUMBER >= 0x03060000
#if !defined(MBEDTLS_CCM_GCM_CAN_AES)
#error "omvssl_crypto needs AES for GCM/CCM: MBEDTLS_AES_C (or a PSA AES driver)"
#endif
#elif !defined(MBEDTLS_AES_C)
#error "omvssl_crypto needs MBEDTLS_AES_C (AES-GCM, AES-CCM)"
#endif

/* hash.c (and the message hashes in keys.c, x509.c): mbedtls_md with HMAC. */
#if !defined(MBEDTLS_MD_C)
#error "omvssl_crypto needs MBEDTLS_MD_C (hashes and HMAC through mbedtls_md)"
#endif
#if MBEDTLS_VERSION_NUMBER >= 0x03060000
/* 3.6: a hash mbedtls_md can compute, legacy or PSA (config_adjust_legacy_crypto.h:172, :177). */
#if !defined(MBEDTLS_MD_CAN_SHA256)
#error "omvssl_crypto needs SHA-256: MBEDTLS_SHA256_C"
#endif
#if !defined(MBEDTLS_MD_CAN_SHA384)
#error "omvssl_crypto needs SHA-384: MBEDTLS_SHA384_C"
#endif
#elif MBEDTLS_VERSION_NUMBER >= 0x03000000
#if !defined(MBEDTLS_SHA256_C)
#error "omvssl_crypto needs MBEDTLS_SHA256_C"
#endif
#if !defined(MBEDTLS_SHA384_C)
#error "omvssl_crypto needs MBEDTLS_SHA384_C"
#endif
#else
/* 2.28: SHA-384 is part of MBEDTLS_SHA512_C unless MBEDTLS_SHA512_NO_SHA384 (config.h:1556). */
#if !defined(MBEDTLS_SHA256_C)
#error "omvssl_crypto needs MBEDTLS_SHA256_C"
#endif
#if !defined(MBEDTLS_SHA512_C) || defined(MBEDTLS_SHA512_NO_SHA384)
#error "omvssl_crypto needs SHA-384: MBEDTLS_SHA512_C without MBEDTLS_SHA512_NO_SHA384"
#endif
#endif

/* ecdh.c: the plain ecp API (mbedtls_ecp_gen_keypair, mbedtls_ecp_mul: MBEDTLS_ECP_C, not
 * just 3.x's MBEDTLS_ECP_LIGHT) and mbedtls_ecdh_compute_shared. keys.c: ECDSA through pk.
 * secp384r1 is optional: without MBEDTLS_ECP_DP_SECP384R1_ENABLED that group reports
 * OMV_ERR_UNSUPPORTED_ALGORITHM. */
#if !defined(MBEDTLS_BIGNUM_C)
#error "omvssl_crypto needs MBEDTLS_BIGNUM_C"
#endif
#if !defined(MBEDTLS_ECP_C)
#error "omvssl_crypto needs MBEDTLS_ECP_C (ECDHE key generation and agreement)"
#endif
#if !defined(MBEDTLS_ECDH_C)
#error "omvssl_crypto needs MBEDTLS_ECDH_C (ECDHE shared secret)"
#endif
#if !defined(MBEDTLS_ECDSA_C)
#error "omvssl_crypto needs MBEDTLS_ECDSA_C (ECDSA P-256 signatures)"
#endif
#if !defined(MBEDTLS_ECP_DP_SECP256R1_ENABLED)
#error "omvssl_crypto needs MBEDTLS_ECP_DP_SECP256R1_ENABLED (secp256r1)"
#endif

/* keys.c: RSA PKCS#1 v1.5 and RSASSA-PSS. */
#if !defined(MBEDTLS_RSA_C)
#error "omvssl_crypto needs MBEDTLS_RSA_C"
#endif
#if !defined(MBEDTLS_PKCS1_V15)
#error "omvssl_crypto needs MBEDTLS_PKCS1_V15 (RSA PKCS#1 v1.5 signatures)"
#endif
#if !defined(MBEDTLS_PKCS1_V21)
#error "omvssl_crypto needs MBEDTLS_PKCS1_V21 (RSASSA-PSS signatures)"
#endif

/* keys.c, x509.c: key and certificate parsing, DER checks, names. */
#if !defined(MBEDTLS_PK_C) || !defined(MBEDTLS_PK_PARSE_C)
#error "omvssl_crypto needs MBEDTLS_PK_C and MBEDTLS_PK_PARSE_C (key import)"
#endif
#if !defined(MBEDTLS_PEM_PARSE_C)
#error "omvssl_crypto needs MBEDTLS_PEM_PARSE_C with MBEDTLS_BASE64_C (PEM private keys)"
#endif
#if !defined(MBEDTLS_ASN1_PARSE_C)
#error "omvssl_crypto needs MBEDTLS_ASN1_PARSE_C"
#endif
#if !defined(MBEDTLS_OID_C)
#error "omvssl_crypto needs MBEDTLS_OID_C (attribute names in certificate descriptions)"
#endif
#if !defined(MBEDTLS_X509_CRT_PARSE_C)
#error "omvssl_crypto needs MBEDTLS_X509_CRT_PARSE_C with MBEDTLS_X509_USE_C (certificates, chain verification)"
#endif

#endif
