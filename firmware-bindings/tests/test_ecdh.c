/* ECDHE known answer (RFC 5903), round trips, peer point validation, and the DRBG. */
#include "test_util.h"

static int fixed_entropy(void *context, uint8_t *out, size_t length)
{
    (void)context;
    for (size_t i = 0; i < length; i++)
        out[i] = (uint8_t)i;
    return 0;
}

static int failing_entropy(void *context, uint8_t *out, size_t length)
{
    (void)context; (void)out; (void)length;
    return -1;
}

static void drbg_tests(void)
{
    omv_drbg *a = NULL, *b = NULL, *c = NULL;
    uint8_t x[100000], y[100000];
    /* The default sources work and give different output each time. */
    CHECK_EQ(omv_drbg_create(&a, NULL, NULL, (const uint8_t *)"test", 4), OMV_OK);
    CHECK_EQ(omv_drbg_random(a, x, 32), OMV_OK);
    CHECK_EQ(omv_drbg_random(a, y, 32), OMV_OK);
    CHECK(memcmp(x, y, 32) != 0);
    CHECK_EQ(omv_drbg_random(a, x, sizeof(x)), OMV_OK); /* more than one DRBG request */
    omv_drbg_free(a);
    /* A caller-supplied source is used: the same entropy gives the same stream. */
    CHECK_EQ(omv_drbg_create(&b, fixed_entropy, NULL, NULL, 0), OMV_OK);
    CHECK_EQ(omv_drbg_create(&c, fixed_entropy, NULL, NULL, 0), OMV_OK);
    CHECK_EQ(omv_drbg_random(b, x, 64), OMV_OK);
    CHECK_EQ(omv_drbg_random(c, y, 64), OMV_OK);
    CHECK_BYTES(x, y, 64);
    omv_drbg_free(b);
    omv_drbg_free(c);
    omv_drbg *failed = NULL;
    CHECK_EQ(omv_drbg_create(&failed, failing_entropy, NULL, NULL, 0), OMV_ERR_RANDOM_FAILED);
    CHECK(failed == NULL);
}

int main(void)
{
    drbg_tests();
    omv_drbg *drbg = NULL;
    CHECK_EQ(omv_drbg_create(&drbg, NULL, NULL, NULL, 0), OMV_OK);

    /* RFC 5903 section 8.1: 256-bit random ECP group. */
    size_t i_length, r_length, gi_length, gr_length, shared_length;
    uint8_t *i = hex("C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433", &i_length);
    uint8_t *r = hex("C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53", &r_length);
    uint8_t *gi = hex("04 DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
                      "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3", &gi_length);
    uint8_t *gr = hex("04 D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
                      "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB", &gr_length);
    uint8_t *shared = hex("D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE", &shared_length);

    omv_ecdh *initiator = NULL, *responder = NULL;
    uint8_t point[97], secret[48];
    CHECK_EQ(omv_ecdh_create_from_private(&initiator, OMV_GROUP_SECP256R1, i, i_length, drbg), OMV_OK);
    CHECK_EQ(omv_ecdh_create_from_private(&responder, OMV_GROUP_SECP256R1, r, r_length, drbg), OMV_OK);
    CHECK_EQ(omv_ecdh_public_key(initiator, point, sizeof(point)), 65);
    CHECK_BYTES(point, gi, 65);
    CHECK_EQ(omv_ecdh_public_key(responder, point, sizeof(point)), 65);
    CHECK_BYTES(point, gr, 65);
    CHECK_EQ(omv_ecdh_shared_secret(initiator, gr, gr_length, secret, sizeof(secret), drbg), 32);
    CHECK_BYTES(secret, shared, 32);
    CHECK_EQ(omv_ecdh_shared_secret(responder, gi, gi_length, secret, sizeof(secret), drbg), 32);
    CHECK_BYTES(secret, shared, 32);

    /* Peer point validation. */
    uint8_t bad[65];
    memcpy(bad, gr, 65);
    bad[64] ^= 0x01; /* y changed: not on the curve */
    CHECK_EQ(omv_ecdh_shared_secret(initiator, bad, 65, secret, sizeof(secret), drbg), OMV_ERR_INVALID_PUBLIC_KEY);
    memset(bad + 1, 0xFF, 64); /* coordinates >= p */
    CHECK_EQ(omv_ecdh_shared_secret(initiator, bad, 65, secret, sizeof(secret), drbg), OMV_ERR_INVALID_PUBLIC_KEY);
    memset(bad + 1, 0x00, 64); /* (0, 0) */
    CHECK_EQ(omv_ecdh_shared_secret(initiator, bad, 65, secret, sizeof(secret), drbg), OMV_ERR_INVALID_PUBLIC_KEY);
    memcpy(bad, gr, 33);
    bad[0] = 0x02; /* compressed form: not allowed in TLS */
    CHECK_EQ(omv_ecdh_shared_secret(initiator, bad, 33, secret, sizeof(secret), drbg), OMV_ERR_INVALID_PUBLIC_KEY);
    uint8_t infinity[1] = { 0x00 };
    CHECK_EQ(omv_ecdh_shared_secret(initiator, infinity, 1, secret, sizeof(secret), drbg), OMV_ERR_INVALID_PUBLIC_KEY);
    CHECK_EQ(omv_ecdh_shared_secret(initiator, gr, 64, secret, sizeof(secret), drbg), OMV_ERR_INVALID_PUBLIC_KEY);
    CHECK_EQ(omv_ecdh_shared_secret(initiator, gr, 65, secret, 31, drbg), OMV_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(omv_ecdh_public_key(initiator, point, 64), OMV_ERR_BUFFER_TOO_SMALL);
    omv_ecdh_free(initiator);
    omv_ecdh_free(responder);

    /* Zero and out-of-range private scalars are refused. */
    uint8_t zero[32] = { 0 };
    CHECK_EQ(omv_ecdh_create_from_private(&initiator, OMV_GROUP_SECP256R1, zero, 32, drbg), OMV_ERR_INVALID_ARGUMENT);
    CHECK(initiator == NULL);

    /* Fresh key pairs on both groups agree with each other. */
    int groups[2] = { OMV_GROUP_SECP256R1, OMV_GROUP_SECP384R1 };
    for (int g = 0; g < 2; g++) {
        omv_ecdh *a = NULL, *b = NULL;
        uint8_t pa[97], pb[97], sa[48], sb[48];
        int point_length = omv_ecdh_public_key_length(groups[g]);
        int secret_length = omv_ecdh_shared_secret_length(groups[g]);
        CHECK_EQ(point_length, g == 0 ? 65 : 97);
        CHECK_EQ(omv_ecdh_create(&a, groups[g], drbg), OMV_OK);
        CHECK_EQ(omv_ecdh_create(&b, groups[g], drbg), OMV_OK);
        CHECK_EQ(omv_ecdh_public_key(a, pa, sizeof(pa)), point_length);
        CHECK_EQ(omv_ecdh_public_key(b, pb, sizeof(pb)), point_length);
        CHECK(memcmp(pa, pb, (size_t)point_length) != 0);
        CHECK_EQ(omv_ecdh_shared_secret(a, pb, (size_t)point_length, sa, sizeof(sa), drbg), secret_length);
        CHECK_EQ(omv_ecdh_shared_secret(b, pa, (size_t)point_length, sb, sizeof(sb), drbg), secret_length);
        CHECK_BYTES(sa, sb, (size_t)secret_length);
        /* A point of the other group is refused by length. */
        CHECK_EQ(omv_ecdh_shared_secret(a, pa, g == 0 ? 97 : 65, sa, sizeof(sa), drbg),
                 OMV_ERR_INVALID_PUBLIC_KEY);
        omv_ecdh_free(a);
        omv_ecdh_free(b);
    }
    omv_ecdh *x25519 = NULL;
    CHECK_EQ(omv_ecdh_create(&x25519, 29, drbg), OMV_ERR_UNSUPPORTED_ALGORITHM);
    CHECK_EQ(omv_ecdh_public_key_length(29), OMV_ERR_UNSUPPORTED_ALGORITHM);

    omv_drbg_free(drbg);
    free(i); free(r); free(gi); free(gr); free(shared);
    return test_summary("ecdh");
}
