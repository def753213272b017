/* Private key import (PKCS#8, SEC1, PKCS#1, PEM), public keys from certificates, ECDSA and
 * RSA (PKCS#1 v1.5, PSS) sign/verify round trips, and verification of OpenSSL's signatures.
 * argv[1]: the directory gen_pki.sh filled. */
#include "test_util.h"

static const char *dir;
static omv_drbg *drbg;

static omv_public_key *load_public(const char *name)
{
    size_t length;
    uint8_t *der = read_fixture(dir, name, &length);
    omv_public_key *key = NULL;
    CHECK_EQ(omv_public_key_from_certificate(&key, der, length), OMV_OK);
    free(der);
    return key;
}

static omv_private_key *load_private(const char *name, int expected_type, int expected_bits)
{
    size_t length;
    uint8_t *data = read_fixture(dir, name, &length);
    omv_private_key *key = NULL;
    fprintf(stderr, "-- import %s\n", name);
    CHECK_EQ(omv_private_key_import(&key, data, length, drbg), OMV_OK);
    if (key != NULL) {
        CHECK_EQ(omv_private_key_type(key), expected_type);
        CHECK_EQ(omv_private_key_bits(key), expected_bits);
    }
    free(data);
    return key;
}

/* Verifies OpenSSL's signature of message.bin with scheme, and refuses it once altered. */
static void verify_openssl(omv_public_key *key, int scheme, const char *signature_name)
{
    fprintf(stderr, "-- verify %s\n", signature_name);
    size_t message_length, signature_length;
    uint8_t *message = read_fixture(dir, "message.bin", &message_length);
    uint8_t *signature = read_fixture(dir, signature_name, &signature_length);
    CHECK_EQ(omv_public_key_verify(key, scheme, message, message_length, signature, signature_length), OMV_OK);
    message[0] ^= 1;
    CHECK_EQ(omv_public_key_verify(key, scheme, message, message_length, signature, signature_length),
             OMV_ERR_BAD_SIGNATURE);
    message[0] ^= 1;
    signature[signature_length - 2] ^= 0x10;
    CHECK_EQ(omv_public_key_verify(key, scheme, message, message_length, signature, signature_length),
             OMV_ERR_BAD_SIGNATURE);
    CHECK_EQ(omv_public_key_verify(key, scheme, message, message_length, signature, signature_length - 1),
             OMV_ERR_BAD_SIGNATURE);
    free(message);
    free(signature);
}

/* Signs with the private key and verifies with the public key; a signature made for one
 * message must not verify for another. */
static void round_trip(omv_private_key *private_key, omv_public_key *public_key, int scheme)
{
    fprintf(stderr, "-- round trip scheme 0x%04x\n", scheme);
    const uint8_t message[] = "ClientHello..ServerHello transcript";
    uint8_t signature[512];
    int max = omv_private_key_max_signature_length(private_key);
    int length = omv_private_key_sign(private_key, scheme, message, sizeof(message), signature, sizeof(signature), drbg);
    CHECK(length > 0 && length <= max);
    if (length <= 0)
        return;
    CHECK_EQ(omv_public_key_verify(public_key, scheme, message, sizeof(message), signature, (size_t)length), OMV_OK);
    CHECK_EQ(omv_public_key_verify(public_key, scheme, message, sizeof(message) - 1, signature, (size_t)length),
             OMV_ERR_BAD_SIGNATURE);
    CHECK_EQ(omv_private_key_sign(private_key, scheme, message, sizeof(message), signature, (size_t)max - 1, drbg),
             OMV_ERR_BUFFER_TOO_SMALL);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_keys <pki directory>\n");
        return 2;
    }
    dir = argv[1];
    CHECK_EQ(omv_drbg_create(&drbg, NULL, NULL, NULL, 0), OMV_OK);

    omv_public_key *ec_public = load_public("leaf.der");
    omv_public_key *rsa_public = load_public("rsa_leaf.der");
    CHECK_EQ(omv_public_key_type(ec_public), OMV_KEY_EC_P256);
    CHECK_EQ(omv_public_key_bits(ec_public), 256);
    CHECK_EQ(omv_public_key_type(rsa_public), OMV_KEY_RSA);
    CHECK_EQ(omv_public_key_bits(rsa_public), 2048);

    verify_openssl(ec_public, OMV_SIG_ECDSA_SECP256R1_SHA256, "ecdsa_sha256.sig");
    verify_openssl(rsa_public, OMV_SIG_RSA_PKCS1_SHA256, "rsa_pkcs1_sha256.sig");
    verify_openssl(rsa_public, OMV_SIG_RSA_PKCS1_SHA384, "rsa_pkcs1_sha384.sig");
    verify_openssl(rsa_public, OMV_SIG_RSA_PSS_RSAE_SHA256, "rsa_pss_sha256.sig");
    verify_openssl(rsa_public, OMV_SIG_RSA_PSS_RSAE_SHA384, "rsa_pss_sha384.sig");

    /* A valid signature under the wrong scheme: PKCS#1 v1.5 is not PSS, SHA-256 is not SHA-384. */
    size_t message_length, signature_length;
    uint8_t *message = read_fixture(dir, "message.bin", &message_length);
    uint8_t *signature = read_fixture(dir, "rsa_pkcs1_sha256.sig", &signature_length);
    CHECK_EQ(omv_public_key_verify(rsa_public, OMV_SIG_RSA_PSS_RSAE_SHA256, message, message_length, signature,
                                   signature_length), OMV_ERR_BAD_SIGNATURE);
    CHECK_EQ(omv_public_key_verify(rsa_public, OMV_SIG_RSA_PKCS1_SHA384, message, message_length, signature,
                                   signature_length), OMV_ERR_BAD_SIGNATURE);
    /* Schemes that do not fit the key. */
    CHECK_EQ(omv_public_key_verify(rsa_public, OMV_SIG_ECDSA_SECP256R1_SHA256, message, message_length, signature,
                                   signature_length), OMV_ERR_UNSUPPORTED_ALGORITHM);
    CHECK_EQ(omv_public_key_verify(ec_public, OMV_SIG_RSA_PSS_RSAE_SHA256, message, message_length, signature,
                                   signature_length), OMV_ERR_UNSUPPORTED_ALGORITHM);
    CHECK_EQ(omv_public_key_verify(ec_public, 0x0807, message, message_length, signature, signature_length),
             OMV_ERR_UNSUPPORTED_ALGORITHM);
    /* Garbage where a DER ECDSA signature belongs. */
    CHECK_EQ(omv_public_key_verify(ec_public, OMV_SIG_ECDSA_SECP256R1_SHA256, message, message_length,
                                   (const uint8_t *)"\x30\x02\x02\x00", 4), OMV_ERR_BAD_SIGNATURE);
    free(message);
    free(signature);

    /* Every private key encoding, each used to sign. */
    const char *ec_names[3] = { "ec_pkcs8.der", "ec_sec1.der", "ec_sec1.pem" };
    for (int i = 0; i < 3; i++) {
        omv_private_key *key = load_private(ec_names[i], OMV_KEY_EC_P256, 256);
        if (key == NULL)
            continue;
        CHECK_EQ(omv_private_key_max_signature_length(key), 72);
        round_trip(key, ec_public, OMV_SIG_ECDSA_SECP256R1_SHA256);
        uint8_t sig[512];
        CHECK_EQ(omv_private_key_sign(key, OMV_SIG_RSA_PKCS1_SHA256, (const uint8_t *)"m", 1, sig, sizeof(sig), drbg),
                 OMV_ERR_UNSUPPORTED_ALGORITHM);
        omv_private_key_free(key);
    }
    const char *rsa_names[4] = { "rsa_pkcs8.der", "rsa_pkcs1.der", "rsa_pkcs1.pem", "rsa_pkcs8.pem" };
    for (int i = 0; i < 4; i++) {
        omv_private_key *key = load_private(rsa_names[i], OMV_KEY_RSA, 2048);
        if (key == NULL)
            continue;
        CHECK_EQ(omv_private_key_max_signature_length(key), 256);
        int schemes[4] = { OMV_SIG_RSA_PKCS1_SHA256, OMV_SIG_RSA_PKCS1_SHA384, OMV_SIG_RSA_PSS_RSAE_SHA256,
                           OMV_SIG_RSA_PSS_RSAE_SHA384 };
        for (int s = 0; s < 4; s++)
            round_trip(key, rsa_public, schemes[s]);
        /* PKCS#1 v1.5 is deterministic: our signature equals OpenSSL's. */
        size_t m_length, expected_length;
        uint8_t *m = read_fixture(dir, "message.bin", &m_length);
        uint8_t *expected = read_fixture(dir, "rsa_pkcs1_sha256.sig", &expected_length);
        uint8_t sig[512];
        CHECK_EQ(omv_private_key_sign(key, OMV_SIG_RSA_PKCS1_SHA256, m, m_length, sig, sizeof(sig), drbg),
                 expected_length);
        CHECK_BYTES(sig, expected, expected_length);
        free(m);
        free(expected);
        omv_private_key_free(key);
    }

    /* Malformed and unsupported keys and certificates. */
    size_t length;
    uint8_t *der = read_fixture(dir, "ec_pkcs8.der", &length);
    omv_private_key *key = NULL;
    CHECK_EQ(omv_private_key_import(&key, der, length - 5, drbg), OMV_ERR_BAD_PRIVATE_KEY);
    der[0] = 0x31;
    CHECK_EQ(omv_private_key_import(&key, der, length, drbg), OMV_ERR_BAD_PRIVATE_KEY);
    CHECK(key == NULL);
    free(der);
    CHECK_EQ(omv_private_key_import(&key, (const uint8_t *)"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                                    56, drbg), OMV_ERR_BAD_PRIVATE_KEY);
    der = read_fixture(dir, "p384_pkcs8.der", &length);
    CHECK_EQ(omv_private_key_import(&key, der, length, drbg), OMV_ERR_UNSUPPORTED_KEY);
    free(der);

    omv_public_key *public_key = NULL;
    der = read_fixture(dir, "leaf.der", &length);
    CHECK_EQ(omv_public_key_from_certificate(&public_key, der, length - 1), OMV_ERR_CERTIFICATE_MALFORMED);
    der[1] ^= 0x01; /* outer length wrong */
    CHECK_EQ(omv_public_key_from_certificate(&public_key, der, length), OMV_ERR_CERTIFICATE_MALFORMED);
    CHECK_EQ(omv_public_key_from_certificate(&public_key, (const uint8_t *)"\x30\x03\x02\x01\x00", 5),
             OMV_ERR_CERTIFICATE_MALFORMED);
    CHECK(public_key == NULL);
    free(der);
    der = read_fixture(dir, "p384_leaf.der", &length);
    CHECK_EQ(omv_public_key_from_certificate(&public_key, der, length), OMV_ERR_UNSUPPORTED_KEY);
    free(der);

    omv_public_key_free(ec_public);
    omv_public_key_free(rsa_public);
    omv_drbg_free(drbg);
    return test_summary("keys");
}
