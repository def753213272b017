/* AEAD known answers and negative cases. */
#include "test_util.h"

/* Seals plaintext, compares with ciphertext||tag, opens it back (separate buffers and in
 * place) and checks that a flipped tag bit and a changed AAD are refused. */
static void known_answer(const char *name, int algorithm, const char *key_hex, const char *nonce_hex,
                         const char *aad_hex, const char *plaintext_hex, const char *expected_hex)
{
    size_t key_length, nonce_length, aad_length, plaintext_length, expected_length;
    uint8_t *key = hex(key_hex, &key_length), *nonce = hex(nonce_hex, &nonce_length);
    uint8_t *aad = hex(aad_hex, &aad_length), *plaintext = hex(plaintext_hex, &plaintext_length);
    uint8_t *expected = hex(expected_hex, &expected_length);
    fprintf(stderr, "-- %s\n", name);

    omv_aead *aead = NULL;
    CHECK_EQ(omv_aead_create(&aead, algorithm, key, key_length), OMV_OK);
    int tag_length = omv_aead_tag_length(algorithm);
    CHECK_EQ(expected_length, plaintext_length + (size_t)tag_length);

    uint8_t sealed[256], opened[256];
    CHECK_EQ(omv_aead_seal(aead, nonce, nonce_length, aad, aad_length, plaintext, plaintext_length, sealed, sizeof(sealed)),
             expected_length);
    CHECK_BYTES(sealed, expected, expected_length);
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, aad, aad_length, sealed, expected_length, opened, sizeof(opened)),
             plaintext_length);
    CHECK_BYTES(opened, plaintext, plaintext_length);

    /* In place, both ways. */
    uint8_t buffer[256];
    memcpy(buffer, plaintext, plaintext_length);
    CHECK_EQ(omv_aead_seal(aead, nonce, nonce_length, aad, aad_length, buffer, plaintext_length, buffer, sizeof(buffer)),
             expected_length);
    CHECK_BYTES(buffer, expected, expected_length);
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, aad, aad_length, buffer, expected_length, buffer, sizeof(buffer)),
             plaintext_length);
    CHECK_BYTES(buffer, plaintext, plaintext_length);

    /* Bad tag: refused, and the output holds no plaintext. */
    memcpy(buffer, expected, expected_length);
    buffer[expected_length - 1] ^= 0x01;
    memset(opened, 0xAA, sizeof(opened));
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, aad, aad_length, buffer, expected_length, opened, sizeof(opened)),
             OMV_ERR_AUTHENTICATION_FAILED);
    int zeroed = 1;
    for (size_t i = 0; i < plaintext_length; i++)
        if (opened[i] != 0)
            zeroed = 0;
    CHECK(zeroed);
    /* Bad ciphertext byte and bad AAD. */
    memcpy(buffer, expected, expected_length);
    buffer[0] ^= 0x80;
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, aad, aad_length, buffer, expected_length, opened, sizeof(opened)),
             OMV_ERR_AUTHENTICATION_FAILED);
    uint8_t other_aad[1] = { 0x42 };
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, other_aad, 1, expected, expected_length, opened, sizeof(opened)),
             OMV_ERR_AUTHENTICATION_FAILED);
    /* Wrong lengths. */
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, aad, aad_length, expected, (size_t)tag_length - 1, opened,
                           sizeof(opened)), OMV_ERR_AUTHENTICATION_FAILED);
    CHECK_EQ(omv_aead_seal(aead, nonce, nonce_length, aad, aad_length, plaintext, plaintext_length, sealed,
                           expected_length - 1), OMV_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(omv_aead_open(aead, nonce, nonce_length, aad, aad_length, expected, expected_length, opened,
                           plaintext_length - 1), OMV_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(omv_aead_seal(aead, nonce, 6, aad, aad_length, plaintext, plaintext_length, sealed, sizeof(sealed)),
             OMV_ERR_INVALID_ARGUMENT);

    omv_aead_free(aead);
    free(key); free(nonce); free(aad); free(plaintext); free(expected);
}

static const char *GCM_KEY = "feffe9928665731c6d6a8f9467308308";
static const char *GCM_IV = "cafebabefacedbaddecaf888";
static const char *GCM_P64 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                             "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
static const char *GCM_P60 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                             "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
static const char *GCM_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

int main(void)
{
    /* McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 3, 4, 15, 16. */
    known_answer("GCM test case 3", OMV_AEAD_AES128_GCM, GCM_KEY, GCM_IV, "", GCM_P64,
                 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                 "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
                 "4d5c2af327cd64a62cf35abd2ba6fab4");
    known_answer("GCM test case 4", OMV_AEAD_AES128_GCM, GCM_KEY, GCM_IV, GCM_AAD, GCM_P60,
                 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                 "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                 "5bc94fbc3221a5db94fae95ae7121a47");
    known_answer("GCM test case 15", OMV_AEAD_AES256_GCM,
                 "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", GCM_IV, "", GCM_P64,
                 "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                 "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                 "b094dac5d93471bdec1a502270e3cc6c");
    known_answer("GCM test case 16", OMV_AEAD_AES256_GCM,
                 "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", GCM_IV, GCM_AAD, GCM_P60,
                 "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                 "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                 "76fc6ece0f4e1768cddf8853bb2d551b");

    /* RFC 3610 section 8, packet vectors #1-#3 (M = 8, L = 2: 13-byte nonce, 8-byte tag). */
    const char *ccm_key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf";
    known_answer("RFC 3610 packet 1", OMV_AEAD_AES128_CCM8, ccm_key, "00000003020100a0a1a2a3a4a5", "0001020304050607",
                 "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
                 "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384" "17e8d12cfdf926e0");
    known_answer("RFC 3610 packet 2", OMV_AEAD_AES128_CCM8, ccm_key, "00000004030201a0a1a2a3a4a5", "0001020304050607",
                 "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                 "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3b" "a091d56e10400916");
    known_answer("RFC 3610 packet 3", OMV_AEAD_AES128_CCM8, ccm_key, "00000005040302a0a1a2a3a4a5", "0001020304050607",
                 "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
                 "51b1e5f44a197d1da46b0f8e2d282ae871e838bb64da8596574a" "daa76fbd9fb0c5");
    /* NIST SP 800-38C appendix C, example 3 (12-byte nonce, 8-byte tag). */
    known_answer("SP 800-38C example 3", OMV_AEAD_AES128_CCM8, "404142434445464748494a4b4c4d4e4f",
                 "101112131415161718191a1b", "000102030405060708090a0b0c0d0e0f10111213",
                 "202122232425262728292a2b2c2d2e2f3031323334353637",
                 "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5" "484392fbc1b09951");

    /* RFC 8439 section 2.8.2. */
    known_answer("RFC 8439 2.8.2", OMV_AEAD_CHACHA20_POLY1305,
                 "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "070000004041424344454647",
                 "50515253c0c1c2c3c4c5c6c7",
                 "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
                 "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
                 "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
                 "637265656e20776f756c642062652069742e",
                 "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                 "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                 "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                 "3ff4def08e4b7a9de576d26586cec64b6116"
                 "1ae10b594f09e26a7e902ecbd0600691");

    /* 16-byte-tag CCM (TLS AES_128_CCM) and AES-256-CCM: round trips, sizes, tamper. */
    int ccm_algorithms[3] = { OMV_AEAD_AES128_CCM, OMV_AEAD_AES256_CCM, OMV_AEAD_AES256_CCM8 };
    for (int i = 0; i < 3; i++) {
        uint8_t key[32] = { 1, 2, 3 }, nonce[12] = { 9 }, message[40] = { 7 }, sealed[64], opened[64];
        omv_aead *aead = NULL;
        int key_length = omv_aead_key_length(ccm_algorithms[i]);
        int tag_length = omv_aead_tag_length(ccm_algorithms[i]);
        CHECK_EQ(omv_aead_create(&aead, ccm_algorithms[i], key, (size_t)key_length), OMV_OK);
        CHECK_EQ(omv_aead_seal(aead, nonce, 12, NULL, 0, message, 40, sealed, sizeof(sealed)), 40 + tag_length);
        CHECK_EQ(omv_aead_open(aead, nonce, 12, NULL, 0, sealed, 40 + (size_t)tag_length, opened, sizeof(opened)), 40);
        CHECK_BYTES(opened, message, 40);
        sealed[40] ^= 1;
        CHECK_EQ(omv_aead_open(aead, nonce, 12, NULL, 0, sealed, 40 + (size_t)tag_length, opened, sizeof(opened)),
                 OMV_ERR_AUTHENTICATION_FAILED);
        omv_aead_free(aead);
    }
    CHECK_EQ(omv_aead_tag_length(OMV_AEAD_AES128_CCM), 16);
    CHECK_EQ(omv_aead_tag_length(OMV_AEAD_AES256_CCM8), 8);

    /* Wrong key length and unknown algorithm. */
    uint8_t key[32] = { 0 };
    omv_aead *aead = (omv_aead *)&key; /* must be reset to NULL on failure */
    CHECK_EQ(omv_aead_create(&aead, OMV_AEAD_AES128_GCM, key, 32), OMV_ERR_INVALID_ARGUMENT);
    CHECK(aead == NULL);
    CHECK_EQ(omv_aead_create(&aead, 99, key, 16), OMV_ERR_UNSUPPORTED_ALGORITHM);
    CHECK_EQ(omv_aead_key_length(0), OMV_ERR_UNSUPPORTED_ALGORITHM);
    omv_aead_free(NULL);
    return test_summary("aead");
}
