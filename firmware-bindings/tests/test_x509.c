/* X.509 chain verification: one certificate of the test PKI per reason flag.
 * argv[1]: the directory gen_pki.sh filled. */
#include "test_util.h"

static const char *dir;

/* 2030-01-01T00:00:00Z: inside the CA's and the normal leaf's validity, after the expired
 * leaf's, before the future leaf's. */
static const int64_t NOW = 1893456000;

typedef struct list {
    uint8_t data[16384];
    uint32_t lengths[4];
    size_t count, used;
} list;

static void add(list *l, const char *name)
{
    size_t length;
    uint8_t *der = read_fixture(dir, name, &length);
    memcpy(l->data + l->used, der, length);
    l->lengths[l->count++] = (uint32_t)length;
    l->used += length;
    free(der);
}

static void expect(const char *leaf, const char *anchor, const char *hostname, int64_t now, uint32_t expected_reasons,
                   int32_t expected_index)
{
    fprintf(stderr, "-- %s against %s, host %s\n", leaf, anchor, hostname ? hostname : "(none)");
    static list chain, anchors;
    memset(&chain, 0, sizeof(chain));
    memset(&anchors, 0, sizeof(anchors));
    add(&chain, leaf);
    add(&anchors, anchor);
    uint32_t reasons = 0xFFFFFFFF;
    int32_t index = 42;
    CHECK_EQ(omv_x509_verify(chain.data, chain.lengths, chain.count, anchors.data, anchors.lengths, anchors.count,
                             hostname, now, &reasons, &index), OMV_OK);
    CHECK_EQ(reasons, expected_reasons);
    CHECK_EQ(index, expected_index);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_x509 <pki directory>\n");
        return 2;
    }
    dir = argv[1];

    expect("leaf.der", "ca.der", "device.example", NOW, 0, -1);
    expect("leaf.der", "ca.der", NULL, NOW, 0, -1);
    expect("rsa_leaf.der", "ca.der", "device.example", NOW, 0, -1);
    expect("expired.der", "ca.der", "device.example", NOW, OMV_CERT_EXPIRED, 0);
    expect("future.der", "ca.der", "device.example", NOW, OMV_CERT_NOT_YET_VALID, 0);
    /* The time is the caller's, not the system clock's: the expired leaf was fine in 2020,
     * and the normal leaf is expired in 2046 (the CA is still valid then). */
    expect("expired.der", "ca.der", "device.example", 1593561600 /* 2020-07-01 */, 0, -1);
    expect("leaf.der", "ca.der", "device.example", 2398377600 /* 2046-01-01 */, OMV_CERT_EXPIRED, 0);
    expect("wronghost.der", "ca.der", "device.example", NOW, OMV_CERT_HOSTNAME_MISMATCH, 0);
    expect("leaf.der", "ca.der", "other.example", NOW, OMV_CERT_HOSTNAME_MISMATCH, 0);
    expect("other_leaf.der", "ca.der", "device.example", NOW, OMV_CERT_UNTRUSTED, 0);
    expect("leaf.der", "other_ca.der", "device.example", NOW, OMV_CERT_UNTRUSTED, 0);
    expect("rogue_leaf.der", "ca.der", "device.example", NOW, OMV_CERT_BAD_SIGNATURE, 0);
    expect("p384_leaf.der", "ca.der", "device.example", NOW, OMV_CERT_UNSUPPORTED_KEY, 0);
    /* Two reasons at once. */
    expect("expired.der", "ca.der", "other.example", NOW, OMV_CERT_EXPIRED | OMV_CERT_HOSTNAME_MISMATCH, 0);

    /* A two-certificate chain (leaf, CA) verifies, with the CA as anchor too. */
    static list chain, anchors;
    memset(&chain, 0, sizeof(chain));
    memset(&anchors, 0, sizeof(anchors));
    add(&chain, "leaf.der");
    add(&chain, "ca.der");
    add(&anchors, "other_ca.der");
    add(&anchors, "ca.der");
    uint32_t reasons;
    int32_t index;
    CHECK_EQ(omv_x509_verify(chain.data, chain.lengths, 2, anchors.data, anchors.lengths, 2, "device.example", NOW,
                             &reasons, &index), OMV_OK);
    CHECK_EQ(reasons, 0);
    /* No anchors at all: untrusted at the top of the chain. */
    CHECK_EQ(omv_x509_verify(chain.data, chain.lengths, 2, NULL, NULL, 0, "device.example", NOW, &reasons, &index),
             OMV_OK);
    CHECK_EQ(reasons, OMV_CERT_UNTRUSTED);
    CHECK_EQ(index, 1);

    /* Malformed: a truncated leaf, and garbage second certificate. */
    uint32_t truncated[2] = { chain.lengths[0] - 10, 0 };
    CHECK_EQ(omv_x509_verify(chain.data, truncated, 1, anchors.data, anchors.lengths, 2, NULL, NOW, &reasons, &index),
             OMV_OK);
    CHECK_EQ(reasons, OMV_CERT_MALFORMED);
    CHECK_EQ(index, 0);
    chain.data[chain.lengths[0] + 4] ^= 0xFF;
    CHECK_EQ(omv_x509_verify(chain.data, chain.lengths, 2, anchors.data, anchors.lengths, 2, NULL, NOW, &reasons, &index),
             OMV_OK);
    CHECK_EQ(reasons, OMV_CERT_MALFORMED);
    CHECK_EQ(index, 1);
    CHECK_EQ(omv_x509_verify(chain.data, chain.lengths, 0, anchors.data, anchors.lengths, 2, NULL, NOW, &reasons, &index),
             OMV_ERR_INVALID_ARGUMENT);

    /* Validity read from a certificate. */
    int64_t not_before = 0, not_after = 0;
    size_t length;
    uint8_t *der = read_fixture(dir, "expired.der", &length);
    CHECK_EQ(omv_x509_validity(der, length, &not_before, &not_after), OMV_OK);
    CHECK_EQ(not_before, 1577836800); /* 2020-01-01 */
    CHECK_EQ(not_after, 1609459200);  /* 2021-01-01 */
    CHECK_EQ(omv_x509_validity(der, 20, &not_before, &not_after), OMV_ERR_CERTIFICATE_MALFORMED);
    free(der);

    /* Names as text: subject, issuer, and the names a hostname is matched against. */
    {
        char text[256];
        uint8_t *leaf = read_fixture(dir, "leaf.der", &length);
        int n = omv_x509_describe(leaf, length, OMV_X509_SUBJECT, text, sizeof(text));
        CHECK_EQ(n, 17);
        CHECK(n == 17 && memcmp(text, "CN=device.example", 17) == 0);
        n = omv_x509_describe(leaf, length, OMV_X509_ISSUER, text, sizeof(text));
        CHECK_EQ(n, 14);
        CHECK(n == 14 && memcmp(text, "CN=OMV Test CA", 14) == 0);
        n = omv_x509_describe(leaf, length, OMV_X509_PRESENTED_NAMES, text, sizeof(text));
        CHECK_EQ(n, 14);
        CHECK(n == 14 && memcmp(text, "device.example", 14) == 0);
        CHECK_EQ(omv_x509_describe(leaf, length, OMV_X509_ISSUER, text, 13), OMV_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ(omv_x509_describe(leaf, length - 10, OMV_X509_SUBJECT, text, sizeof(text)), OMV_ERR_CERTIFICATE_MALFORMED);
        CHECK_EQ(omv_x509_describe(leaf, length, 3, text, sizeof(text)), OMV_ERR_INVALID_ARGUMENT);
        CHECK_EQ(omv_x509_describe(NULL, length, OMV_X509_SUBJECT, text, sizeof(text)), OMV_ERR_INVALID_ARGUMENT);
        free(leaf);
    }
    return test_summary("x509");
}
