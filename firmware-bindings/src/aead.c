/* AES-GCM, AES-CCM (16- and 8-byte tags) and ChaCha20-Poly1305 with one handle type. */
#include "internal.h"

#include <mbedtls/gcm.h>
#include <mbedtls/ccm.h>
#include <mbedtls/chachapoly.h>

enum aead_family { FAMILY_GCM, FAMILY_CCM, FAMILY_CHACHAPOLY };

struct omv_aead {
    int algorithm;
    enum aead_family family;
    size_t tag_length;
    union {
        mbedtls_gcm_context gcm;
        mbedtls_ccm_context ccm;
        mbedtls_chachapoly_context chachapoly;
    } ctx;
};

int omv_aead_key_length(int algorithm)
{
    switch (algorithm) {
    case OMV_AEAD_AES128_GCM:
    case OMV_AEAD_AES128_CCM:
    case OMV_AEAD_AES128_CCM8:
        return 16;
    case OMV_AEAD_AES256_GCM:
    case OMV_AEAD_AES256_CCM:
    case OMV_AEAD_AES256_CCM8:
    case OMV_AEAD_CHACHA20_POLY1305:
        return 32;
    default:
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    }
}

int omv_aead_tag_length(int algorithm)
{
    int key_length = omv_aead_key_length(algorithm);
    if (key_length < 0)
        return key_length;
    return algorithm == OMV_AEAD_AES128_CCM8 || algorithm == OMV_AEAD_AES256_CCM8 ? 8 : 16;
}

int omv_aead_create(omv_aead **out, int algorithm, const uint8_t *key, size_t key_length)
{
    if (out == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    int expected = omv_aead_key_length(algorithm);
    if (expected < 0)
        return expected;
    if (key == NULL || key_length != (size_t)expected)
        return OMV_ERR_INVALID_ARGUMENT;
    int ready = omv_internal_crypto_ready(); /* 3.6 may run AES through a PSA driver */
    if (ready != OMV_OK)
        return ready;
    omv_aead *aead = (omv_aead *)calloc(1, sizeof(omv_aead));
    if (aead == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    aead->algorithm = algorithm;
    aead->tag_length = (size_t)omv_aead_tag_length(algorithm);
    int ret;
    unsigned int key_bits = (unsigned int)key_length * 8;
    switch (algorithm) {
    case OMV_AEAD_AES128_GCM:
    case OMV_AEAD_AES256_GCM:
        aead->family = FAMILY_GCM;
        mbedtls_gcm_init(&aead->ctx.gcm);
        ret = mbedtls_gcm_setkey(&aead->ctx.gcm, MBEDTLS_CIPHER_ID_AES, key, key_bits);
        break;
    case OMV_AEAD_CHACHA20_POLY1305:
        aead->family = FAMILY_CHACHAPOLY;
        mbedtls_chachapoly_init(&aead->ctx.chachapoly);
        ret = mbedtls_chachapoly_setkey(&aead->ctx.chachapoly, key);
        break;
    default:
        aead->family = FAMILY_CCM;
        mbedtls_ccm_init(&aead->ctx.ccm);
        ret = mbedtls_ccm_setkey(&aead->ctx.ccm, MBEDTLS_CIPHER_ID_AES, key, key_bits);
        break;
    }
    if (ret != 0) {
        omv_aead_free(aead);
        return OMV_ERR_INTERNAL;
    }
    *out = aead;
    return OMV_OK;
}

static int check_nonce(const omv_aead *aead, const uint8_t *nonce, size_t nonce_length)
{
    if (nonce == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    if (aead->family == FAMILY_CCM)
        return nonce_length >= 7 && nonce_length <= 13 ? OMV_OK : OMV_ERR_INVALID_ARGUMENT;
    return nonce_length == 12 ? OMV_OK : OMV_ERR_INVALID_ARGUMENT;
}

/* Lengths go through int return values; refuse anything that could not be returned. */
#define OMV_MAX_AEAD_INPUT ((size_t)0x3FFFFFFF)

int omv_aead_seal(omv_aead *aead, const uint8_t *nonce, size_t nonce_length,
                  const uint8_t *aad, size_t aad_length,
                  const uint8_t *plaintext, size_t plaintext_length,
                  uint8_t *output, size_t output_capacity)
{
    if (aead == NULL || output == NULL || (aad == NULL && aad_length != 0) ||
        (plaintext == NULL && plaintext_length != 0) || plaintext_length > OMV_MAX_AEAD_INPUT)
        return OMV_ERR_INVALID_ARGUMENT;
    int status = check_nonce(aead, nonce, nonce_length);
    if (status != OMV_OK)
        return status;
    if (output_capacity < plaintext_length + aead->tag_length)
        return OMV_ERR_BUFFER_TOO_SMALL;
    if (plaintext == NULL)
        plaintext = output; /* empty plaintext: mbedTLS still wants a pointer */
    uint8_t *tag = output + plaintext_length;
    int ret;
    switch (aead->family) {
    case FAMILY_GCM:
        ret = mbedtls_gcm_crypt_and_tag(&aead->ctx.gcm, MBEDTLS_GCM_ENCRYPT, plaintext_length, nonce, nonce_length,
                                        aad, aad_length, plaintext, output, aead->tag_length, tag);
        break;
    case FAMILY_CCM:
        ret = mbedtls_ccm_encrypt_and_tag(&aead->ctx.ccm, plaintext_length, nonce, nonce_length, aad, aad_length,
                                          plaintext, output, tag, aead->tag_length);
        break;
    default:
        ret = mbedtls_chachapoly_encrypt_and_tag(&aead->ctx.chachapoly, plaintext_length, nonce, aad, aad_length,
                                                 plaintext, output, tag);
        break;
    }
    if (ret == MBEDTLS_ERR_CCM_BAD_INPUT)
        return OMV_ERR_INVALID_ARGUMENT; /* e.g. longer than the CCM length field allows */
    if (ret != 0)
        return OMV_ERR_INTERNAL;
    return (int)(plaintext_length + aead->tag_length);
}

int omv_aead_open(omv_aead *aead, const uint8_t *nonce, size_t nonce_length,
                  const uint8_t *aad, size_t aad_length,
                  const uint8_t *ciphertext_and_tag, size_t input_length,
                  uint8_t *output, size_t output_capacity)
{
    if (aead == NULL || ciphertext_and_tag == NULL || output == NULL || (aad == NULL && aad_length != 0) ||
        input_length > OMV_MAX_AEAD_INPUT)
        return OMV_ERR_INVALID_ARGUMENT;
    int status = check_nonce(aead, nonce, nonce_length);
    if (status != OMV_OK)
        return status;
    if (input_length < aead->tag_length)
        return OMV_ERR_AUTHENTICATION_FAILED; /* too short to hold a tag: cannot be authentic */
    size_t length = input_length - aead->tag_length;
    if (output_capacity < length)
        return OMV_ERR_BUFFER_TOO_SMALL;
    const uint8_t *tag = ciphertext_and_tag + length;
    int ret;
    switch (aead->family) {
    case FAMILY_GCM:
        ret = mbedtls_gcm_auth_decrypt(&aead->ctx.gcm, length, nonce, nonce_length, aad, aad_length,
                                       tag, aead->tag_length, ciphertext_and_tag, output);
        break;
    case FAMILY_CCM:
        ret = mbedtls_ccm_auth_decrypt(&aead->ctx.ccm, length, nonce, nonce_length, aad, aad_length,
                                       ciphertext_and_tag, output, tag, aead->tag_length);
        break;
    default:
        ret = mbedtls_chachapoly_auth_decrypt(&aead->ctx.chachapoly, length, nonce, aad, aad_length,
                                              tag, ciphertext_and_tag, output);
        break;
    }
    if (ret != 0) {
        /* mbedTLS already wipes on a tag mismatch; wipe on every failure so no caller
         * ever sees unauthenticated plaintext. */
        mbedtls_platform_zeroize(output, length);
        if (ret == MBEDTLS_ERR_GCM_AUTH_FAILED || ret == MBEDTLS_ERR_CCM_AUTH_FAILED ||
            ret == MBEDTLS_ERR_CHACHAPOLY_AUTH_FAILED)
            return OMV_ERR_AUTHENTICATION_FAILED;
        return OMV_ERR_INTERNAL;
    }
    return (int)length;
}

void omv_aead_free(omv_aead *aead)
{
    if (aead == NULL)
        return;
    switch (aead->family) {
    case FAMILY_GCM:
        mbedtls_gcm_free(&aead->ctx.gcm);
        break;
    case FAMILY_CCM:
        mbedtls_ccm_free(&aead->ctx.ccm);
        break;
    default:
        mbedtls_chachapoly_free(&aead->ctx.chachapoly);
        break;
    }
    mbedtls_platform_zeroize(aead, sizeof(*aead));
    free(aead);
}
