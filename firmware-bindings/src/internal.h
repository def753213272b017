/* Shared by the library's sources: mbedTLS includes, version switches, small helpers. */
#ifndef OMVSSL_INTERNAL_H
#define OMVSSL_INTERNAL_H

/* mbedTLS 3.x marks struct fields private (MBEDTLS_PRIVATE). Only x509.c (the certificate
 * signature fields) and keys.c (the EC group of a key before 3.6) read such fields; they
 * define MBEDTLS_ALLOW_PRIVATE_ACCESS themselves, so a new private access anywhere else
 * fails to compile against 3.x instead of passing unnoticed. */

#include "omvssl_crypto.h"

/* version.h pulls in the configuration (config.h in 2.28, build_info.h in 3.x), which the
 * requirement checks below read. */
#include <mbedtls/version.h>
#include "mbedtls_requirements.h"
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/ecp.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/oid.h>
#include <mbedtls/asn1.h>
#include <mbedtls/platform_util.h>
/* PSA crypto is there to initialise: built in (MBEDTLS_PSA_CRYPTO_C) or provided by a PSA
 * client such as TF-M (3.6: config_adjust_legacy_crypto.h:98 derives CLIENT from _C).
 * 2.28 has PSA too, but none of its functions that this library calls use it. */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && (defined(MBEDTLS_PSA_CRYPTO_C) || defined(MBEDTLS_PSA_CRYPTO_CLIENT))
#define OMV_INIT_PSA 1
#include <psa/crypto.h>
#endif

#include <stdlib.h>
#include <string.h>

struct omv_drbg {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context ctr_drbg;
    omv_entropy_fn source;
    void *source_context;
};

/* Makes sure PSA crypto is initialised where this mbedTLS needs it (3.x with PSA: with
 * MBEDTLS_USE_PSA_CRYPTO, pk and X.509 operations run through PSA). Called by every
 * function that can be an application's first call into the library; idempotent; always
 * OMV_OK on 2.28. Returns OMV_OK or a negative omv_status. */
int omv_internal_crypto_ready(void);

/* The mbedTLS RNG callback pair for a DRBG handle. */
int omv_internal_random(void *drbg, unsigned char *out, size_t length);

/* NULL for an unknown omv_hash_algorithm. */
const mbedtls_md_info_t *omv_internal_md_info(int algorithm);

/* The mbedTLS group of an omv_named_group, or MBEDTLS_ECP_DP_NONE. */
mbedtls_ecp_group_id omv_internal_group(int group);

/* The EC group id of an EC key held in a pk context (private in 3.x). */
mbedtls_ecp_group_id omv_internal_pk_group(const mbedtls_pk_context *pk);

/* omv_key_type of a parsed key, or OMV_ERR_UNSUPPORTED_KEY. */
int omv_internal_key_type(const mbedtls_pk_context *pk);

/* 1 when der is exactly one DER SEQUENCE (mbedTLS's parsers ignore bytes after it). */
int omv_internal_der_is_exact(const uint8_t *der, size_t length);

/* mbedtls_x509_crt_parse_der, refusing trailing bytes with MBEDTLS_ERR_X509_INVALID_FORMAT. */
int omv_internal_parse_certificate(mbedtls_x509_crt *chain, const uint8_t *der, size_t length);

#endif
