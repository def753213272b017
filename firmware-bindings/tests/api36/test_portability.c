/* Behaviour that must be the same on every mbedTLS version and configuration the library
 * supports (2.28 here in CI; 3.6 with and without MBEDTLS_USE_PSA_CRYPTO through run.sh):
 *   - the first calls of a process may be certificate operations, before any DRBG exists
 *     (3.x with MBEDTLS_USE_PSA_CRYPTO verifies through PSA, which must be initialised);
 *   - RSASSA-PSS signatures verify only with salt length = hash length (RFC 8446 4.2.3),
 *     which 3.6's mbedtls_pk_verify_ext stops checking under MBEDTLS_USE_PSA_CRYPTO.
 * argv[1]: the directory gen_pki.sh filled; argv[2]: the one gen_fixtures.sh filled. */
#include "../test_util.h"

static const char *pki;
static const char *fixtures;

static void verify_first_in_process(void)
{
    size_t leaf_length, ca_length;
    uint8_t *leaf = read_fixture(pki, "leaf.der", &leaf_length);
    uint8_t *ca = read_fixture(pki, "ca.der", &ca_length);
    uint32_t leaf_length32 = (uint32_t)leaf_length, ca_length32 = (uint32_t)ca_length;
    uint32_t reasons = 0xFFFFFFFFu;
    int32_t problem = 7;
    /* 2030-01-01: inside the leaf's and the CA's validity (gen_pki.sh). */
    CHECK_EQ(omv_x509_verify(leaf, &leaf_length32, 1, ca, &ca_length32, 1, "device.example", 1893456000LL,
                             &reasons, &problem),
             OMV_OK);
    CHECK_EQ(reasons, 0);
    CHECK_EQ(problem, -1);
    free(leaf);
    free(ca);
}

/* Verifies signature_name (over message.bin) with the certificate's key under scheme. */
static int verify(omv_public_key *key, int scheme, const char *directory, const char *signature_name)
{
    size_t message_length, signature_length;
    uint8_t *message = read_fixture(pki, "message.bin", &message_length);
    uint8_t *signature = read_fixture(directory, signature_name, &signature_length);
    int status = omv_public_key_verify(key, scheme, message, message_length, signature, signature_length);
    free(message);
    free(signature);
    return status;
}

static void pss_salt_length(void)
{
    size_t length;
    uint8_t *der = read_fixture(pki, "rsa_leaf.der", &length);
    omv_public_key *key = NULL;
    CHECK_EQ(omv_public_key_from_certificate(&key, der, length), OMV_OK);
    free(der);
    if (key == NULL)
        return;
    /* The control: OpenSSL's signature with the digest's length as salt length. */
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA256, pki, "rsa_pss_sha256.sig"), OMV_OK);
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA384, pki, "rsa_pss_sha384.sig"), OMV_OK);
    /* Valid PSS signatures of the same message with other salt lengths. */
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA256, fixtures, "rsa_pss_sha256_salt0.sig"), OMV_ERR_BAD_SIGNATURE);
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA256, fixtures, "rsa_pss_sha256_salt20.sig"), OMV_ERR_BAD_SIGNATURE);
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA256, fixtures, "rsa_pss_sha256_saltmax.sig"), OMV_ERR_BAD_SIGNATURE);
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA384, fixtures, "rsa_pss_sha384_salt32.sig"), OMV_ERR_BAD_SIGNATURE);
    /* A signature one byte longer than the modulus (a zero in front) is not accepted either. */
    CHECK_EQ(verify(key, OMV_SIG_RSA_PSS_RSAE_SHA256, fixtures, "rsa_pss_sha256_padded.sig"), OMV_ERR_BAD_SIGNATURE);
    omv_public_key_free(key);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_portability <pki directory> <fixtures directory>\n");
        return 2;
    }
    pki = argv[1];
    fixtures = argv[2];
    verify_first_in_process(); /* must stay the first call into the library */
    pss_salt_length();
    return test_summary("portability");
}
