/* SHA-256/384 (incremental, with a non-destructive current digest) and HMAC over mbedtls_md. */
#include "internal.h"

/* The md info is kept beside the context: mbedtls_md_info_from_ctx only exists in 3.x. */
struct omv_hash {
    mbedtls_md_context_t md;
    const mbedtls_md_info_t *info;
};

struct omv_hmac {
    mbedtls_md_context_t md;
    const mbedtls_md_info_t *info;
};

const mbedtls_md_info_t *omv_internal_md_info(int algorithm)
{
    switch (algorithm) {
    case OMV_HASH_SHA256:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    case OMV_HASH_SHA384:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA384);
    default:
        return NULL;
    }
}

int omv_hash_length(int algorithm)
{
    const mbedtls_md_info_t *info = omv_internal_md_info(algorithm);
    return info == NULL ? OMV_ERR_UNSUPPORTED_ALGORITHM : (int)mbedtls_md_get_size(info);
}

/* Sets up md for algorithm (with HMAC when key is not NULL). */
static int setup(mbedtls_md_context_t *md, int algorithm, const uint8_t *key, size_t key_length)
{
    const mbedtls_md_info_t *info = omv_internal_md_info(algorithm);
    if (info == NULL)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    mbedtls_md_init(md);
    int ret = mbedtls_md_setup(md, info, key != NULL ? 1 : 0);
    if (ret == MBEDTLS_ERR_MD_ALLOC_FAILED)
        return OMV_ERR_OUT_OF_MEMORY;
    if (ret != 0)
        return OMV_ERR_INTERNAL;
    ret = key != NULL ? mbedtls_md_hmac_starts(md, key, key_length) : mbedtls_md_starts(md);
    return ret == 0 ? OMV_OK : OMV_ERR_INTERNAL;
}

int omv_hash_create(omv_hash **out, int algorithm)
{
    if (out == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (omv_internal_md_info(algorithm) == NULL)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    int ready = omv_internal_crypto_ready(); /* 3.6 mbedtls_md may dispatch to PSA drivers */
    if (ready != OMV_OK)
        return ready;
    omv_hash *hash = (omv_hash *)calloc(1, sizeof(omv_hash));
    if (hash == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    hash->info = omv_internal_md_info(algorithm);
    int status = setup(&hash->md, algorithm, NULL, 0);
    if (status != OMV_OK) {
        omv_hash_free(hash);
        return status;
    }
    *out = hash;
    return OMV_OK;
}

int omv_hash_update(omv_hash *hash, const uint8_t *data, size_t length)
{
    if (hash == NULL || (data == NULL && length != 0))
        return OMV_ERR_INVALID_ARGUMENT;
    if (length == 0)
        return OMV_OK;
    return mbedtls_md_update(&hash->md, data, length) == 0 ? OMV_OK : OMV_ERR_INTERNAL;
}

static int check_output(const mbedtls_md_info_t *info, const uint8_t *out, size_t capacity)
{
    if (out == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    size_t size = mbedtls_md_get_size(info);
    return capacity < size ? OMV_ERR_BUFFER_TOO_SMALL : (int)size;
}

int omv_hash_current(omv_hash *hash, uint8_t *out, size_t capacity)
{
    if (hash == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    int size = check_output(hash->info, out, capacity);
    if (size < 0)
        return size;
    /* Finish a copy so that the running state stays untouched. The copy lives only for
     * this call. */
    mbedtls_md_context_t copy;
    mbedtls_md_init(&copy);
    int status = OMV_OK;
    int ret = mbedtls_md_setup(&copy, hash->info, 0);
    if (ret == 0)
        ret = mbedtls_md_clone(&copy, &hash->md);
    if (ret == 0)
        ret = mbedtls_md_finish(&copy, out);
    if (ret == MBEDTLS_ERR_MD_ALLOC_FAILED)
        status = OMV_ERR_OUT_OF_MEMORY;
    else if (ret != 0)
        status = OMV_ERR_INTERNAL;
    mbedtls_md_free(&copy);
    return status == OMV_OK ? size : status;
}

int omv_hash_finish_reset(omv_hash *hash, uint8_t *out, size_t capacity)
{
    if (hash == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    int size = check_output(hash->info, out, capacity);
    if (size < 0)
        return size;
    if (mbedtls_md_finish(&hash->md, out) != 0 || mbedtls_md_starts(&hash->md) != 0)
        return OMV_ERR_INTERNAL;
    return size;
}

void omv_hash_free(omv_hash *hash)
{
    if (hash == NULL)
        return;
    mbedtls_md_free(&hash->md);
    free(hash);
}

int omv_hmac_create(omv_hmac **out, int algorithm, const uint8_t *key, size_t key_length)
{
    if (out == NULL || (key == NULL && key_length != 0))
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (omv_internal_md_info(algorithm) == NULL)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    int ready = omv_internal_crypto_ready(); /* 3.6 mbedtls_md may dispatch to PSA drivers */
    if (ready != OMV_OK)
        return ready;
    omv_hmac *hmac = (omv_hmac *)calloc(1, sizeof(omv_hmac));
    if (hmac == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    hmac->info = omv_internal_md_info(algorithm);
    static const uint8_t empty_key[1] = { 0 };
    int status = setup(&hmac->md, algorithm, key != NULL ? key : empty_key, key_length);
    if (status != OMV_OK) {
        omv_hmac_free(hmac);
        return status;
    }
    *out = hmac;
    return OMV_OK;
}

int omv_hmac_update(omv_hmac *hmac, const uint8_t *data, size_t length)
{
    if (hmac == NULL || (data == NULL && length != 0))
        return OMV_ERR_INVALID_ARGUMENT;
    if (length == 0)
        return OMV_OK;
    return mbedtls_md_hmac_update(&hmac->md, data, length) == 0 ? OMV_OK : OMV_ERR_INTERNAL;
}

int omv_hmac_finish_reset(omv_hmac *hmac, uint8_t *out, size_t capacity)
{
    if (hmac == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    int size = check_output(hmac->info, out, capacity);
    if (size < 0)
        return size;
    if (mbedtls_md_hmac_finish(&hmac->md, out) != 0 || mbedtls_md_hmac_reset(&hmac->md) != 0)
        return OMV_ERR_INTERNAL;
    return size;
}

void omv_hmac_free(omv_hmac *hmac)
{
    if (hmac == NULL)
        return;
    mbedtls_md_free(&hmac->md); /* zeroizes the keyed pads */
    free(hmac);
}
