/* CTR-DRBG (AES-256) seeded from the platform's entropy. */
#include "internal.h"

static int call_entropy_source(void *context, unsigned char *out, size_t length)
{
    omv_drbg *drbg = (omv_drbg *)context;
    return drbg->source(drbg->source_context, out, length) == 0 ? 0 : MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
}

int omv_internal_crypto_ready(void)
{
#if defined(OMV_INIT_PSA)
    /* 3.6 psa/crypto.h:106: "Applications may call this function more than once. Once a
     * call succeeds, subsequent calls are guaranteed to succeed." It seeds PSA's own RNG
     * from the platform entropy, hence the random failure. */
    psa_status_t status = psa_crypto_init();
    if (status == PSA_SUCCESS)
        return OMV_OK;
    if (status == PSA_ERROR_INSUFFICIENT_MEMORY)
        return OMV_ERR_OUT_OF_MEMORY;
    if (status == PSA_ERROR_INSUFFICIENT_ENTROPY)
        return OMV_ERR_RANDOM_FAILED;
    return OMV_ERR_INTERNAL;
#else
    return OMV_OK;
#endif
}

int omv_drbg_create(omv_drbg **out, omv_entropy_fn entropy_source, void *entropy_context,
                    const uint8_t *personalization, size_t personalization_length)
{
    if (out == NULL || (personalization == NULL && personalization_length != 0))
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    int ready = omv_internal_crypto_ready();
    if (ready != OMV_OK)
        return ready;
    omv_drbg *drbg = (omv_drbg *)calloc(1, sizeof(omv_drbg));
    if (drbg == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    mbedtls_entropy_init(&drbg->entropy);
    mbedtls_ctr_drbg_init(&drbg->ctr_drbg);
    int ret;
    if (entropy_source != NULL) {
        drbg->source = entropy_source;
        drbg->source_context = entropy_context;
        ret = mbedtls_ctr_drbg_seed(&drbg->ctr_drbg, call_entropy_source, drbg,
                                    personalization, personalization_length);
    } else {
        ret = mbedtls_ctr_drbg_seed(&drbg->ctr_drbg, mbedtls_entropy_func, &drbg->entropy,
                                    personalization, personalization_length);
    }
    if (ret != 0) {
        omv_drbg_free(drbg);
        return OMV_ERR_RANDOM_FAILED;
    }
    *out = drbg;
    return OMV_OK;
}

int omv_internal_random(void *drbg, unsigned char *out, size_t length)
{
    return mbedtls_ctr_drbg_random(&((omv_drbg *)drbg)->ctr_drbg, out, length);
}

int omv_drbg_random(omv_drbg *drbg, uint8_t *out, size_t length)
{
    if (drbg == NULL || (out == NULL && length != 0))
        return OMV_ERR_INVALID_ARGUMENT;
    /* ctr_drbg hands out at most MBEDTLS_CTR_DRBG_MAX_REQUEST bytes per call. */
    while (length > 0) {
        size_t chunk = length < MBEDTLS_CTR_DRBG_MAX_REQUEST ? length : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        if (mbedtls_ctr_drbg_random(&drbg->ctr_drbg, out, chunk) != 0)
            return OMV_ERR_RANDOM_FAILED;
        out += chunk;
        length -= chunk;
    }
    return OMV_OK;
}

void omv_drbg_free(omv_drbg *drbg)
{
    if (drbg == NULL)
        return;
    mbedtls_ctr_drbg_free(&drbg->ctr_drbg);
    mbedtls_entropy_free(&drbg->entropy);
    free(drbg);
}
