/* Ephemeral ECDH on secp256r1/secp384r1 with the plain ecp API (no mbedtls_ecdh_context,
 * whose fields are private in 3.x and which 3.x may route through PSA). */
#include "internal.h"

struct omv_ecdh {
    mbedtls_ecp_group group;
    mbedtls_mpi private_scalar;
    mbedtls_ecp_point public_point;
    size_t coordinate_length;
};

mbedtls_ecp_group_id omv_internal_group(int group)
{
    switch (group) {
    case OMV_GROUP_SECP256R1:
        return MBEDTLS_ECP_DP_SECP256R1;
#if defined(MBEDTLS_ECP_DP_SECP384R1_ENABLED)
    case OMV_GROUP_SECP384R1:
        return MBEDTLS_ECP_DP_SECP384R1;
#endif
    default:
        /* also secp384r1 in a configuration without it: unsupported, not an internal error */
        return MBEDTLS_ECP_DP_NONE;
    }
}

static int coordinate_length(int group)
{
    switch (group) {
    case OMV_GROUP_SECP256R1:
        return 32;
    case OMV_GROUP_SECP384R1:
        return 48;
    default:
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    }
}

int omv_ecdh_public_key_length(int group)
{
    int length = coordinate_length(group);
    return length < 0 ? length : 1 + 2 * length;
}

int omv_ecdh_shared_secret_length(int group)
{
    return coordinate_length(group);
}

static int map_ecp_error(int ret)
{
    if (ret == MBEDTLS_ERR_MPI_ALLOC_FAILED || ret == MBEDTLS_ERR_ECP_ALLOC_FAILED)
        return OMV_ERR_OUT_OF_MEMORY;
    if (ret == MBEDTLS_ERR_ECP_RANDOM_FAILED || ret == MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED)
        return OMV_ERR_RANDOM_FAILED;
    return OMV_ERR_INTERNAL;
}

/* Allocates a handle with the group loaded; the key is filled in by the caller. */
static int allocate(omv_ecdh **out, int group, omv_drbg *drbg)
{
    if (out == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    *out = NULL;
    mbedtls_ecp_group_id id = omv_internal_group(group);
    if (id == MBEDTLS_ECP_DP_NONE)
        return OMV_ERR_UNSUPPORTED_ALGORITHM;
    if (drbg == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    omv_ecdh *ecdh = (omv_ecdh *)calloc(1, sizeof(omv_ecdh));
    if (ecdh == NULL)
        return OMV_ERR_OUT_OF_MEMORY;
    mbedtls_ecp_group_init(&ecdh->group);
    mbedtls_mpi_init(&ecdh->private_scalar);
    mbedtls_ecp_point_init(&ecdh->public_point);
    ecdh->coordinate_length = (size_t)coordinate_length(group);
    int ret = mbedtls_ecp_group_load(&ecdh->group, id);
    if (ret != 0) {
        omv_ecdh_free(ecdh);
        return map_ecp_error(ret);
    }
    *out = ecdh;
    return OMV_OK;
}

int omv_ecdh_create(omv_ecdh **out, int group, omv_drbg *drbg)
{
    int status = allocate(out, group, drbg);
    if (status != OMV_OK)
        return status;
    omv_ecdh *ecdh = *out;
    int ret = mbedtls_ecp_gen_keypair(&ecdh->group, &ecdh->private_scalar, &ecdh->public_point,
                                      omv_internal_random, drbg);
    if (ret != 0) {
        omv_ecdh_free(ecdh);
        *out = NULL;
        return map_ecp_error(ret);
    }
    return OMV_OK;
}

int omv_ecdh_create_from_private(omv_ecdh **out, int group, const uint8_t *scalar, size_t scalar_length,
                                 omv_drbg *drbg)
{
    if (scalar == NULL || scalar_length == 0)
        return OMV_ERR_INVALID_ARGUMENT;
    int status = allocate(out, group, drbg);
    if (status != OMV_OK)
        return status;
    omv_ecdh *ecdh = *out;
    int ret = mbedtls_mpi_read_binary(&ecdh->private_scalar, scalar, scalar_length);
    if (ret == 0 && mbedtls_ecp_check_privkey(&ecdh->group, &ecdh->private_scalar) != 0)
        status = OMV_ERR_INVALID_ARGUMENT;
    else if (ret == 0)
        ret = mbedtls_ecp_mul(&ecdh->group, &ecdh->public_point, &ecdh->private_scalar, &ecdh->group.G,
                              omv_internal_random, drbg);
    if (status == OMV_OK && ret != 0)
        status = map_ecp_error(ret);
    if (status != OMV_OK) {
        omv_ecdh_free(ecdh);
        *out = NULL;
    }
    return status;
}

int omv_ecdh_public_key(omv_ecdh *ecdh, uint8_t *out, size_t capacity)
{
    if (ecdh == NULL || out == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    size_t length = 0;
    int ret = mbedtls_ecp_point_write_binary(&ecdh->group, &ecdh->public_point, MBEDTLS_ECP_PF_UNCOMPRESSED,
                                             &length, out, capacity);
    if (ret == MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL)
        return OMV_ERR_BUFFER_TOO_SMALL;
    return ret == 0 ? (int)length : map_ecp_error(ret);
}

int omv_ecdh_shared_secret(omv_ecdh *ecdh, const uint8_t *peer_point, size_t peer_point_length,
                           uint8_t *out, size_t capacity, omv_drbg *drbg)
{
    if (ecdh == NULL || peer_point == NULL || out == NULL || drbg == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    /* TLS allows only the uncompressed form (RFC 8446 4.2.8.2, RFC 8422 5.4.1); check it
     * here rather than rely on what a given mbedTLS version's reader accepts. */
    if (peer_point_length != 1 + 2 * ecdh->coordinate_length || peer_point[0] != 0x04)
        return OMV_ERR_INVALID_PUBLIC_KEY;
    if (capacity < ecdh->coordinate_length)
        return OMV_ERR_BUFFER_TOO_SMALL;
    mbedtls_ecp_point peer;
    mbedtls_mpi shared;
    mbedtls_ecp_point_init(&peer);
    mbedtls_mpi_init(&shared);
    int status = OMV_OK;
    int ret = mbedtls_ecp_point_read_binary(&ecdh->group, &peer, peer_point, peer_point_length);
    /* Full validation: coordinates below p, point on the curve, not the point at infinity. */
    if (ret != 0 || mbedtls_ecp_check_pubkey(&ecdh->group, &peer) != 0) {
        status = OMV_ERR_INVALID_PUBLIC_KEY;
    } else {
        ret = mbedtls_ecdh_compute_shared(&ecdh->group, &shared, &peer, &ecdh->private_scalar,
                                          omv_internal_random, drbg);
        if (ret == 0)
            ret = mbedtls_mpi_write_binary(&shared, out, ecdh->coordinate_length); /* fixed length */
        if (ret != 0)
            status = map_ecp_error(ret);
    }
    mbedtls_mpi_free(&shared);
    mbedtls_ecp_point_free(&peer);
    return status == OMV_OK ? (int)ecdh->coordinate_length : status;
}

void omv_ecdh_free(omv_ecdh *ecdh)
{
    if (ecdh == NULL)
        return;
    mbedtls_mpi_free(&ecdh->private_scalar); /* zeroizes the limbs */
    mbedtls_ecp_point_free(&ecdh->public_point);
    mbedtls_ecp_group_free(&ecdh->group);
    free(ecdh);
}
