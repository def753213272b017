/* api36 variant "nanoframework": the switches of nanoFramework's own mbedTLS configuration for
 * its non-ESP32 targets (nf-interpreter src/PAL/COM/sockets/ssl/MbedTLS/nf_mbedtls_config.h,
 * read at commit e22bb796) that change how the crypto this library calls is built, on top of
 * mbedTLS's default configuration. An approximation: that file is a whole configuration of
 * its own and also needs the firmware (time source, hardware entropy, external PSA RNG).
 *
 * It enables PSA with MBEDTLS_USE_PSA_CRYPTO and MBEDTLS_PSA_CRYPTO_CONFIG, so the PSA_WANT_*
 * list (psa/crypto_config.h) decides which legacy modules 3.6 turns on; it does not define
 * MBEDTLS_CHACHAPOLY_C itself (3.6 config_adjust_legacy_from_psa.h derives it from
 * PSA_WANT_ALG_CHACHA20_POLY1305), hence the #undef below. */
#define MBEDTLS_USE_PSA_CRYPTO
#define MBEDTLS_PSA_CRYPTO_CONFIG
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ENTROPY_FORCE_SHA256
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_PK_PARSE_EC_EXTENDED
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT
#undef MBEDTLS_CHACHAPOLY_C
#undef MBEDTLS_CHACHA20_C
#undef MBEDTLS_POLY1305_C
