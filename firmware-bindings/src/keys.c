/* Peer public keys (from certificates) and our own private keys: ECDSA P-256 with DER
 * signatures, RSA PKCS#1 v1.5 and RSASSA-PSS (salt length = hash length, MGF1 with the
 * same hash, as TLS 1.3 requires in RFC 8446 4.2.3). */
/* Only for the EC group of a key on 3.0-3.5 (mbedtls_ecp_keypair.grp is MBEDTLS_PRIVATE
 * there; 3.6 has mbedtls_ecp_keypair_get_group_id, ecp.h:1482). Must precede every mbedTLS
 * include. */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include "internal.h"

struct omv_public_key {
    mbedtls_x509_crt certificate; /* the key stays inside its parsed certificate */
};

struct omv_private_key {
    mbedtls_pk_context pk;
};

/* P-256 ECDSA in DER: SEQUENCE { INTEGER r, INTEGER s }, each up to 33 bytes: 2 + 2 * 35. */
#define ECDSA_P256_MAX_SIGNATURE 72

mbedtls_ecp_group_id omv_internal_pk_group(const mbedtls_pk_context *pk)
{
    const mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*pk);
    if (ec == NULL)
        return MBEDTLS_ECP_DP_NONE;
#if MBEDTLS_VERSION_NUMBER >= 0x03060000
    return mbedtls_ecp_keypair_get_group_id(ec); /* 3.6 ecp.h:1482 */
#else
    return ec->grp.id; /* a private field in 3.0-3.5, readable through MBEDTLS_ALLOW_PRIVATE_ACCESS */
#endif
}

int omv_internal_der_is_exact(const uint8_t *der, size_t length)
{
    unsigned char *p = (unsigned char *)der;
    size_t content = 0;
    if (der == NULL || mbedtls_asn1_get_tag(&p, der + length, &content, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
        return 0;
    return p + content == der + length;
}

int omv_internal_parse_certificate(mbedtls_x509_crt *chain, const uint8_t *der, size_t length)
{
    if (!omv_internal_der_is_exact(der, length))
        return MBEDTLS_ERR_X509_INVALID_FORMAT;
    return mbedtls_x509_crt_parse_der(chain, der, length);
}

int omv_internal_key_type(const mbedtls_pk_context *pk)
{
    mbedtls_pk_type_t type = mbedtls_pk_get_type(pk);
    if (type == MBEDTLS_PK_RSA) {
        /* The same rule as the .NET provider: RSA from 2048 to 8192 bits. */
        size_t bits = mbedtls_pk_get_bitlen(pk);
        return bits >= 2048 && bits <= 8192 ? OMV_KEY_RSA : OMV_ERR_UNSUPPORTED_KEY;
    }
    if ((type == MBEDTLS_PK_ECKEY || type == MBEDTLS_PK_ECDSA) && omv_internal_pk_group(pk) == MBEDTLS_ECP_DP_SECP256R1)
        return OMV_KEY_EC_P256;
    return OMV_ERR_UNSUPPORTED_KEY;
}

/* What a scheme means: the hash, and whether it is ECDSA, PKCS#1 v1.5 or PSS. */
typedef struct scheme_info {
    mbedtls_md_type_t md;
    int key_type;
    int pss;
} scheme_info;

static int describe_scheme(int scheme, scheme_info *info)
{
    info->pss = 0;
    switch (scheme) {
    case OMV_SIG_ECDSA_SECP256R1_SHA256:
        info->md = MBEDTLS_MD_SHA256; info->key_type = OMV_KEY_EC_P256; return OMV_OK;
    case OMV_SIG_RSA_PKCS1_SHA256:
        info->md = MBEDTLS_MD_SHA256; info->key_type = OMV_KEY_RSA; return OMV_OK;
    case OMV_SIG_RSA_PKCS1_SHA384:
        info->md = MBEDTLS_MD_SHA384; info->key_type = OMV_KEY_RSA; return OMV_OK;
    case OMV_SIG_RSA_PSS_RSAE_SHA256:
        info->md = MBEDTLS_MD_SHA256; info->key_type = OMV_KEY_RSA; info->pss = 1; return OMV_OK;
    case OMV_SIG_RSA_PSS_RSAE_SHA384:
        info->md = MBEDTLS_MD_SHA384; info->key_type = OMV_KEY_RSA; info->pss = 1; return OMV_OK;
    default:
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    }
}

/* Hashes message for scheme into hash (MBEDTLS_MD_MAX_SIZE bytes); returns the hash length. */
static int hash_message(const scheme_info *info, const uint8_t *message, size_t length, uint8_t *hash)
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(info->md);
    if (md == NULL)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    static const uint8_t nothing[1] = { 0 };
    if (mbedtls_md(md, message != NULL ? message : nothing, length, hash) != 0)
        return OMV_ERR_INTERNAL;
    return (int)mbedtls_md_get_size(md);
}

/* ---- public keys ---- */

int omv_public_key_from_certificate(omv_public_key **out, const uint8_t *der, size_t der_length)
{
    if (out == NULL || der == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    int ready = omv_internal_crypto_ready(); /* 3.x with MBEDTLS_USE_PSA_CRYPTO verifies through PSA */
    if (ready != OMV_OK)
        return ready;
    omv_public_key *key = (omv_public_key *)calloc(1, sizeof(omv_public_key));
    if (key == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    mbedtls_x509_crt_init(&key->certificate);
    int ret = omv_internal_parse_certificate(&key->certificate, der, der_length);
    int status = OMV_OK;
    if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED)
        status = OMV_ERR_OUT_OF_MEMORY;
    else if (ret == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG || ret == MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG ||
             ret == (MBEDTLS_ERR_PK_UNKNOWN_PK_ALG + MBEDTLS_ERR_X509_INVALID_ALG) ||
             ret == MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE || ret == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE)
        status = OMV_ERR_UNSUPPORTED_KEY;
    else if (ret != 0)
        status = OMV_ERR_CERTIFICATE_MALFORMED;
    else if (omv_internal_key_type(&key->certificate.pk) < 0)
        status = OMV_ERR_UNSUPPORTED_KEY;
    if (status != OMV_OK) {
        omv_public_key_free(key);
        return status;
    }
    *out = key;
    return OMV_OK;
}

int omv_public_key_type(omv_public_key *key)
{
    return key == NULL ? OMV_ERR_INVALID_ARGUMENT : omv_internal_key_type(&key->certificate.pk);
}

int omv_public_key_bits(omv_public_key *key)
{
    return key == NULL ? OMV_ERR_INVALID_ARGUMENT : (int)mbedtls_pk_get_bitlen(&key->certificate.pk);
}

int omv_public_key_verify(omv_public_key *key, int scheme, const uint8_t *message, size_t message_length,
                          const uint8_t *signature, size_t signature_length)
{
    if (key == NULL || (message == NULL && message_length != 0) || signature == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    scheme_info info;
    int status = describe_scheme(scheme, &info);
    if (status != OMV_OK)
        return status;
    mbedtls_pk_context *pk = &key->certificate.pk;
    if (omv_internal_key_type(pk) != info.key_type)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    uint8_t hash[MBEDTLS_MD_MAX_SIZE];
    int hash_length = hash_message(&info, message, message_length, hash);
    if (hash_length < 0)
        return hash_length;
    int ret;
    if (info.pss) {
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        /* Not mbedtls_pk_verify_ext: with MBEDTLS_USE_PSA_CRYPTO, 3.6 verifies PSS there with
         * PSA_ALG_RSA_PSS_ANY_SALT and ignores expected_salt_len (3.6.6 library/pk.c:1246-1258,
         * in mbedtls_pk_verify_ext). The RSA layer checks the salt length in every
         * configuration (rsa.h:1120, mbedtls_rsa_rsassa_pss_verify_ext, which reads exactly
         * the modulus length of signature, so check that first as pk_verify_ext does). */
        if (signature_length != mbedtls_pk_get_len(pk))
            return OMV_ERR_BAD_SIGNATURE;
        ret = mbedtls_rsa_rsassa_pss_verify_ext(mbedtls_pk_rsa(*pk), info.md, (unsigned int)hash_length, hash,
                                                info.md, hash_length, signature);
#else
        mbedtls_pk_rsassa_pss_options options;
        options.mgf1_hash_id = info.md;
        options.expected_salt_len = hash_length;
        ret = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &options, pk, info.md, hash, (size_t)hash_length,
                                    signature, signature_length);
#endif
    } else {
        /* RSA keys parsed from certificates keep PKCS#1 v1.5 padding, which pk_verify uses. */
        ret = mbedtls_pk_verify(pk, info.md, hash, (size_t)hash_length, signature, signature_length);
    }
    return ret == 0 ? OMV_OK : OMV_ERR_BAD_SIGNATURE;
}

void omv_public_key_free(omv_public_key *key)
{
    if (key == NULL)
        return;
    mbedtls_x509_crt_free(&key->certificate);
    free(key);
}

/* ---- private keys ---- */

static int is_pem(const uint8_t *data, size_t length)
{
    static const char marker[] = "-----BEGIN";
    return length >= sizeof(marker) - 1 && memcmp(data, marker, sizeof(marker) - 1) == 0;
}

static int parse_key(mbedtls_pk_context *pk, const uint8_t *data, size_t length, omv_drbg *drbg)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    /* 3.x takes an RNG for the blinding of the RSA consistency check (3.6 pk.h:1112). */
    return mbedtls_pk_parse_key(pk, data, length, NULL, 0, omv_internal_random, drbg);
#else
    (void)drbg;
    return mbedtls_pk_parse_key(pk, data, length, NULL, 0);
#endif
}

int omv_private_key_import(omv_private_key **out, const uint8_t *data, size_t length, omv_drbg *drbg)
{
    if (out == NULL || data == NULL || drbg == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    omv_private_key *key = (omv_private_key *)calloc(1, sizeof(omv_private_key));
    if (key == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    mbedtls_pk_init(&key->pk);
    int ret;
    if (is_pem(data, length)) {
        /* mbedTLS reads PEM only from a NUL-terminated buffer whose length counts the NUL. */
        uint8_t *text = (uint8_t *)malloc(length + 1);
        if (text == NULL) {
            omv_private_key_free(key);
            return OMV_ERR_OUT_OF_MEMORY;
        }
        memcpy(text, data, length);
        text[length] = 0;
        ret = parse_key(&key->pk, text, length + 1, drbg);
        mbedtls_platform_zeroize(text, length + 1);
        free(text);
    } else {
        ret = omv_internal_der_is_exact(data, length) ? parse_key(&key->pk, data, length, drbg) : MBEDTLS_ERR_PK_KEY_INVALID_FORMAT;
    }
    int status = OMV_OK;
    if (ret == MBEDTLS_ERR_PK_ALLOC_FAILED)
        status = OMV_ERR_OUT_OF_MEMORY;
    else if (ret != 0)
        status = OMV_ERR_BAD_PRIVATE_KEY;
    else if (omv_internal_key_type(&key->pk) < 0)
        status = OMV_ERR_UNSUPPORTED_KEY;
    if (status != OMV_OK) {
        omv_private_key_free(key);
        return status;
    }
    *out = key;
    return OMV_OK;
}

int omv_private_key_type(omv_private_key *key)
{
    return key == NULL ? OMV_ERR_INVALID_ARGUMENT : omv_internal_key_type(&key->pk);
}

int omv_private_key_bits(omv_private_key *key)
{
    return key == NULL ? OMV_ERR_INVALID_ARGUMENT : (int)mbedtls_pk_get_bitlen(&key->pk);
}

int omv_private_key_max_signature_length(omv_private_key *key)
{
    if (key == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    int type = omv_internal_key_type(&key->pk);
    if (type < 0)
        return type;
    return type == OMV_KEY_EC_P256 ? ECDSA_P256_MAX_SIGNATURE : (int)mbedtls_pk_get_len(&key->pk);
}

static int sign_rsa(mbedtls_rsa_context *rsa, const scheme_info *info, const uint8_t *hash, int hash_length,
                    uint8_t *signature, omv_drbg *drbg)
{
    /* The padding mode lives in the RSA context; set it for each signature. 3.x:
     * mbedtls_rsa_set_padding returns int (3.6 rsa.h:175), the sign functions have no mode
     * argument (rsa.h:883 PKCS#1 v1.5, rsa.h:935 PSS with an explicit salt length). */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    int ret = mbedtls_rsa_set_padding(rsa, info->pss ? MBEDTLS_RSA_PKCS_V21 : MBEDTLS_RSA_PKCS_V15, info->md);
    if (ret != 0)
        return ret;
    if (info->pss)
        return mbedtls_rsa_rsassa_pss_sign_ext(rsa, omv_internal_random, drbg, info->md, (unsigned int)hash_length,
                                               hash, hash_length, signature);
    return mbedtls_rsa_rsassa_pkcs1_v15_sign(rsa, omv_internal_random, drbg, info->md, (unsigned int)hash_length,
                                             hash, signature);
#else
    mbedtls_rsa_set_padding(rsa, info->pss ? MBEDTLS_RSA_PKCS_V21 : MBEDTLS_RSA_PKCS_V15, (int)info->md);
    if (info->pss)
        return mbedtls_rsa_rsassa_pss_sign_ext(rsa, omv_internal_random, drbg, info->md, (unsigned int)hash_length,
                                               hash, hash_length, signature);
    return mbedtls_rsa_rsassa_pkcs1_v15_sign(rsa, omv_internal_random, drbg, MBEDTLS_RSA_PRIVATE, info->md,
                                             (unsigned int)hash_length, hash, signature);
#endif
}

int omv_private_key_sign(omv_private_key *key, int scheme, const uint8_t *message, size_t message_length,
                         uint8_t *signature, size_t capacity, omv_drbg *drbg)
{
    if (key == NULL || (message == NULL && message_length != 0) || signature == NULL || drbg == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    scheme_info info;
    int status = describe_scheme(scheme, &info);
    if (status != OMV_OK)
        return status;
    if (omv_internal_key_type(&key->pk) != info.key_type)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    int max_length = omv_private_key_max_signature_length(key);
    if (capacity < (size_t)max_length)
        return OMV_ERR_BUFFER_TOO_SMALL;
    uint8_t hash[MBEDTLS_MD_MAX_SIZE];
    int hash_length = hash_message(&info, message, message_length, hash);
    if (hash_length < 0)
        return hash_length;
    int ret;
    size_t length = 0;
    if (info.key_type == OMV_KEY_RSA) {
        ret = sign_rsa(mbedtls_pk_rsa(key->pk), &info, hash, hash_length, signature, drbg);
        length = (size_t)max_length;
    } else {
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        /* 3.x: the signature buffer's size comes before the length out (3.6 pk.h:852). */
        ret = mbedtls_pk_sign(&key->pk, info.md, hash, (size_t)hash_length, signature, capacity, &length,
                              omv_internal_random, drbg);
#else
        ret = mbedtls_pk_sign(&key->pk, info.md, hash, (size_t)hash_length, signature, &length,
                              omv_internal_random, drbg);
#endif
    }
    mbedtls_platform_zeroize(hash, sizeof(hash));
    if (ret == MBEDTLS_ERR_ECP_RANDOM_FAILED || ret == MBEDTLS_ERR_RSA_RNG_FAILED)
        return OMV_ERR_RANDOM_FAILED;
    if (ret != 0)
        return OMV_ERR_INTERNAL;
    return (int)length;
}

void omv_private_key_free(omv_private_key *key)
{
    if (key == NULL)
        return;
    mbedtls_pk_free(&key->pk); /* zeroizes the key material */
    free(key);
}
