/* Tiny test harness: CHECK macros, hex decoding, file reading. Each test program returns
 * the number of failed checks (0: pass). */
#ifndef OMV_TEST_UTIL_H
#define OMV_TEST_UTIL_H

#include "omvssl_crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures = 0;
static int test_checks = 0;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        test_checks++;                                                                 \
        if (!(cond)) {                                                                 \
            test_failures++;                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
        }                                                                              \
    } while (0)

#define CHECK_EQ(actual, expected)                                                     \
    do {                                                                               \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                \
        test_checks++;                                                                 \
        if (a_ != e_) {                                                                \
            test_failures++;                                                           \
            fprintf(stderr, "%s:%d: %s was %lld, expected %lld\n", __FILE__, __LINE__, \
                    #actual, a_, e_);                                                  \
        }                                                                              \
    } while (0)

#define CHECK_BYTES(actual, expected, length)                                          \
    do {                                                                               \
        test_checks++;                                                                 \
        if (memcmp((actual), (expected), (length)) != 0) {                             \
            test_failures++;                                                           \
            fprintf(stderr, "%s:%d: bytes differ: %s\n", __FILE__, __LINE__, #actual); \
        }                                                                              \
    } while (0)

/* Decodes hex (whitespace ignored) into a malloc'd buffer; *length gets its size. */
static uint8_t *hex(const char *text, size_t *length)
{
    size_t n = strlen(text);
    uint8_t *out = (uint8_t *)malloc(n / 2 + 1);
    size_t count = 0;
    int high = -1;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else continue;
        if (high < 0) high = v;
        else { out[count++] = (uint8_t)(high * 16 + v); high = -1; }
    }
    *length = count;
    return out;
}

/* Reads dir/name into a malloc'd buffer, or exits: a missing fixture is a failed test. */
static uint8_t *read_fixture(const char *dir, const char *name, size_t *length)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "missing fixture %s\n", path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    uint8_t *data = (uint8_t *)malloc(size > 0 ? (size_t)size : 1);
    *length = fread(data, 1, (size_t)size, file);
    fclose(file);
    return data;
}

static int test_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, test_checks, test_failures);
    return test_failures == 0 ? 0 : 1;
}

#endif
