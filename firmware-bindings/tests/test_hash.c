/* SHA-256/384 and HMAC known answers. */
#include "test_util.h"

static void hash_abc(int algorithm, const char *expected_hex)
{
    size_t expected_length;
    uint8_t *expected = hex(expected_hex, &expected_length);
    omv_hash *hash = NULL;
    uint8_t digest[64], current[64];
    CHECK_EQ(omv_hash_length(algorithm), expected_length);
    CHECK_EQ(omv_hash_create(&hash, algorithm), OMV_OK);
    /* "abc" fed in two parts, with a current digest taken in between: the running state
     * must not be disturbed by it. */
    CHECK_EQ(omv_hash_update(hash, (const uint8_t *)"a", 1), OMV_OK);
    CHECK_EQ(omv_hash_current(hash, current, sizeof(current)), expected_length);
    CHECK_EQ(omv_hash_update(hash, (const uint8_t *)"bc", 2), OMV_OK);
    CHECK_EQ(omv_hash_current(hash, current, sizeof(current)), expected_length);
    CHECK_BYTES(current, expected, expected_length);
    CHECK_EQ(omv_hash_current(hash, current, sizeof(current)), expected_length); /* twice: same answer */
    CHECK_BYTES(current, expected, expected_length);
    CHECK_EQ(omv_hash_finish_reset(hash, digest, sizeof(digest)), expected_length);
    CHECK_BYTES(digest, expected, expected_length);
    /* After the reset: "abc" again from empty gives the same digest. */
    CHECK_EQ(omv_hash_update(hash, (const uint8_t *)"abc", 3), OMV_OK);
    CHECK_EQ(omv_hash_finish_reset(hash, digest, sizeof(digest)), expected_length);
    CHECK_BYTES(digest, expected, expected_length);
    CHECK_EQ(omv_hash_current(hash, digest, expected_length - 1), OMV_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(omv_hash_update(hash, NULL, 5), OMV_ERR_INVALID_ARGUMENT);
    omv_hash_free(hash);
    free(expected);
}

static void hmac_case(const char *name, const char *key_hex, const char *data_hex, const char *sha256_hex,
                      const char *sha384_hex)
{
    fprintf(stderr, "-- %s\n", name);
    size_t key_length, data_length;
    uint8_t *key = hex(key_hex, &key_length), *data = hex(data_hex, &data_length);
    const char *expected_hex[2] = { sha256_hex, sha384_hex };
    int algorithms[2] = { OMV_HASH_SHA256, OMV_HASH_SHA384 };
    for (int i = 0; i < 2; i++) {
        size_t expected_length;
        uint8_t *expected = hex(expected_hex[i], &expected_length);
        uint8_t mac[64];
        omv_hmac *hmac = NULL;
        CHECK_EQ(omv_hmac_create(&hmac, algorithms[i], key, key_length), OMV_OK);
        for (int round = 0; round < 2; round++) { /* the second round checks the reset */
            CHECK_EQ(omv_hmac_update(hmac, data, data_length / 2), OMV_OK);
            CHECK_EQ(omv_hmac_update(hmac, data + data_length / 2, data_length - data_length / 2), OMV_OK);
            CHECK_EQ(omv_hmac_finish_reset(hmac, mac, sizeof(mac)), expected_length);
            CHECK_BYTES(mac, expected, expected_length);
        }
        CHECK_EQ(omv_hmac_finish_reset(hmac, mac, 10), OMV_ERR_BUFFER_TOO_SMALL);
        omv_hmac_free(hmac);
        free(expected);
    }
    free(key);
    free(data);
}

int main(void)
{
    /* FIPS 180-2 appendix B.1 and D.1: "abc". */
    hash_abc(OMV_HASH_SHA256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hash_abc(OMV_HASH_SHA384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                              "8086072ba1e7cc2358baeca134c825a7");

    /* RFC 4231 section 4.2-4.5, test cases 1-4. */
    hmac_case("RFC 4231 case 1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
              "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6");
    hmac_case("RFC 4231 case 2", "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
              "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
    hmac_case("RFC 4231 case 3", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
              "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
              "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27");
    hmac_case("RFC 4231 case 4", "0102030405060708090a0b0c0d0e0f10111213141516171819",
              "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
              "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
              "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb");

    omv_hash *hash = NULL;
    CHECK_EQ(omv_hash_create(&hash, 5), OMV_ERR_UNSUPPORTED_ALGORITHM);
    CHECK_EQ(omv_hash_length(5), OMV_ERR_UNSUPPORTED_ALGORITHM);
    omv_hmac *hmac = NULL;
    CHECK_EQ(omv_hmac_create(&hmac, 0, (const uint8_t *)"k", 1), OMV_ERR_UNSUPPORTED_ALGORITHM);
    return test_summary("hash");
}
