/* Shared by the library's sources: mbedTLS includes, version switches, small helpers. */
#ifndef OMVSSL_INTERNAL_H
#define OMVSSL_INTERNAL_H

/* mbedTLS 3.x marks struct fields private (MBEDTLS_PRIVATE); this library reads a few of
 * them (certificate signature fields, the EC group of a key) and says so here, once. */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS

#include "omvssl_crypto.h"

#include <mbedtls/version.h>
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
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
#include <psa/crypto.h>
#endif

#include <stdlib.h>
#include <string.h>

#if MBEDTLS_VERSION_NUMBER < 0x021C0000
#error "omvssl_crypto needs mbedTLS 2.28 or later"
#endif

struct omv_drbg {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context ctr_drbg;
    omv_entropy_fn source;
    void *source_context;
};

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
