/* X.509 chain verification with precise reasons, at a time the caller gives.
 *
 * mbedtls_x509_crt_verify judges validity periods against the system clock (or not at all
 * without MBEDTLS_HAVE_TIME_DATE), and reports a bad signature as "not trusted". This file
 * masks mbedTLS's own time flags and re-checks every certificate's period against the
 * caller's time in the verify callback, and tells a bad signature apart from a missing issuer
 * by looking for an issuer by name itself. */
/* signed_by() reads the signature fields of mbedtls_x509_crt, which 3.x marks private and
 * offers no accessor for (3.6 x509_crt.h:82-85: sig, sig_md, sig_pk, sig_opts); before 3.2
 * also ext_types (x509_crt.h:72, read through mbedtls_x509_crt_has_ext_type from 3.2 on).
 * Must precede every mbedTLS include. */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include "internal.h"

#include <stdio.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t year, int month, int day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

static int64_t unix_time(const mbedtls_x509_time *time)
{
    return days_from_civil(time->year, time->mon, time->day) * 86400 + time->hour * 3600 + time->min * 60 + time->sec;
}

typedef struct verify_context {
    int64_t now;
    const mbedtls_x509_crt *chain;
    int32_t time_problem_index; /* chain index of the first certificate out of its period */
} verify_context;

static int32_t chain_index(const mbedtls_x509_crt *chain, const mbedtls_x509_crt *certificate)
{
    int32_t index = 0;
    for (const mbedtls_x509_crt *c = chain; c != NULL; c = c->next, index++)
        if (c == certificate)
            return index;
    return -1;
}

/* Called by mbedTLS for every certificate of the chain it built, trust anchor included. */
static int check_period(void *data, mbedtls_x509_crt *certificate, int depth, uint32_t *flags)
{
    (void)depth;
    verify_context *context = (verify_context *)data;
    *flags &= ~(uint32_t)(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE);
    if (context->now > unix_time(&certificate->valid_to))
        *flags |= MBEDTLS_X509_BADCERT_EXPIRED;
    if (context->now < unix_time(&certificate->valid_from))
        *flags |= MBEDTLS_X509_BADCERT_FUTURE;
    if ((*flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE)) != 0 &&
        context->time_problem_index < 0)
        context->time_problem_index = chain_index(context->chain, certificate);
    return 0;
}

static int same_name(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b)
{
    return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

/* 1 when issuer's key verifies certificate's signature. */
static int signed_by(const mbedtls_x509_crt *certificate, mbedtls_x509_crt *issuer)
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(certificate->sig_md);
    uint8_t hash[MBEDTLS_MD_MAX_SIZE];
    if (md == NULL || mbedtls_md(md, certificate->tbs.p, certificate->tbs.len, hash) != 0)
        return 0;
    return mbedtls_pk_verify_ext(certificate->sig_pk, certificate->sig_opts, &issuer->pk, certificate->sig_md,
                                 hash, mbedtls_md_get_size(md), certificate->sig.p, certificate->sig.len) == 0;
}

/* Walks the chain as given: the first certificate whose issuer is present by name (later in
 * the chain or among the anchors) but whose signature that issuer's key does not verify.
 * Returns its chain index, or -1. */
static int32_t find_bad_signature(const mbedtls_x509_crt *chain, mbedtls_x509_crt *anchors)
{
    int32_t index = 0;
    for (const mbedtls_x509_crt *c = chain; c != NULL; c = c->next, index++) {
        int found = 0, verified = 0;
        mbedtls_x509_crt *lists[2] = { c->next, anchors };
        for (int l = 0; l < 2; l++)
            for (mbedtls_x509_crt *candidate = lists[l]; candidate != NULL && candidate->raw.len != 0;
                 candidate = candidate->next) {
                if (!same_name(&c->issuer_raw, &candidate->subject_raw))
                    continue;
                found = 1;
                if (signed_by(c, candidate))
                    verified = 1;
            }
        if (found && !verified)
            return index;
    }
    return -1;
}

/* Parses count concatenated DER certificates into list. Returns 0, or the index + 1 of the
 * first one that does not parse, or a negative omv_status. */
static int parse_all(mbedtls_x509_crt *list, const uint8_t *data, const uint32_t *lengths, size_t count)
{
    size_t offset = 0;
    for (size_t i = 0; i < count; i++) {
        int ret = omv_internal_parse_certificate(list, data + offset, lengths[i]);
        if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED)
            return OMV_ERR_OUT_OF_MEMORY;
        if (ret != 0)
            return (int)i + 1;
        offset += lengths[i];
    }
    return 0;
}

static uint32_t map_flags(uint32_t flags)
{
    uint32_t reasons = 0;
    if (flags & MBEDTLS_X509_BADCERT_EXPIRED)
        reasons |= OMV_CERT_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_FUTURE)
        reasons |= OMV_CERT_NOT_YET_VALID;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH)
        reasons |= OMV_CERT_HOSTNAME_MISMATCH;
    if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED)
        reasons |= OMV_CERT_UNTRUSTED;
    if (flags & (MBEDTLS_X509_BADCERT_BAD_KEY | MBEDTLS_X509_BADCERT_BAD_PK | MBEDTLS_X509_BADCERT_BAD_MD))
        reasons |= OMV_CERT_UNSUPPORTED_KEY;
    uint32_t known = MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE | MBEDTLS_X509_BADCERT_CN_MISMATCH |
                     MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_BAD_KEY | MBEDTLS_X509_BADCERT_BAD_PK |
                     MBEDTLS_X509_BADCERT_BAD_MD;
    if (flags & ~known)
        reasons |= OMV_CERT_OTHER;
    return reasons;
}

static int total_length_fits(const uint8_t *data, const uint32_t *lengths, size_t count)
{
    if (count != 0 && (data == NULL || lengths == NULL))
        return 0;
    return 1;
}

int omv_x509_verify(const uint8_t *chain, const uint32_t *chain_lengths, size_t chain_count,
                    const uint8_t *anchors, const uint32_t *anchor_lengths, size_t anchor_count,
                    const char *hostname, int64_t now_unix, uint32_t *reasons, int32_t *problem_index)
{
    if (reasons == NULL || problem_index == NULL || chain_count == 0 ||
        !total_length_fits(chain, chain_lengths, chain_count) || !total_length_fits(anchors, anchor_lengths, anchor_count))
        return OMV_ERR_INVALID_ARGUMENT;
    *reasons = 0;
    *problem_index = -1;
    int ready = omv_internal_crypto_ready(); /* 3.x with MBEDTLS_USE_PSA_CRYPTO verifies through PSA */
    if (ready != OMV_OK)
        return ready;

    mbedtls_x509_crt chain_list, anchor_list;
    mbedtls_x509_crt_init(&chain_list);
    mbedtls_x509_crt_init(&anchor_list);
    int status = OMV_OK;

    int parsed = parse_all(&chain_list, chain, chain_lengths, chain_count);
    if (parsed < 0) {
        status = parsed;
        goto done;
    }
    if (parsed > 0) {
        *reasons = OMV_CERT_MALFORMED;
        *problem_index = parsed - 1;
        goto done;
    }
    parsed = parse_all(&anchor_list, anchors, anchor_lengths, anchor_count);
    if (parsed < 0) {
        status = parsed;
        goto done;
    }
    if (parsed > 0) {
        *reasons = OMV_CERT_MALFORMED; /* a trust anchor that cannot be read: no index in the chain */
        goto done;
    }

    verify_context context = { now_unix, &chain_list, -1 };
    uint32_t flags = 0;
    int ret = mbedtls_x509_crt_verify(&chain_list, anchor_count > 0 ? &anchor_list : NULL, NULL, hostname, &flags,
                                      check_period, &context);
    if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED) {
        status = OMV_ERR_OUT_OF_MEMORY;
        goto done;
    }
    if (ret != 0 && flags == 0) {
        /* A fatal error without a verdict (e.g. a chain too long): report it, do not pass it. */
        *reasons = OMV_CERT_OTHER;
        *problem_index = 0;
        goto done;
    }
    *reasons = map_flags(flags);
    if (*reasons & OMV_CERT_UNTRUSTED) {
        int32_t bad = find_bad_signature(&chain_list, anchor_count > 0 ? &anchor_list : NULL);
        if (bad >= 0) {
            *reasons = (*reasons & ~(uint32_t)OMV_CERT_UNTRUSTED) | OMV_CERT_BAD_SIGNATURE;
            *problem_index = bad;
        } else {
            *problem_index = (int32_t)chain_count - 1; /* the top of the chain has no trusted issuer */
        }
    }
    if (omv_internal_key_type(&chain_list.pk) < 0)
        *reasons |= OMV_CERT_UNSUPPORTED_KEY; /* the leaf key is not one this provider signs or verifies with */
    if (*problem_index < 0 && (*reasons & (OMV_CERT_EXPIRED | OMV_CERT_NOT_YET_VALID)))
        *problem_index = context.time_problem_index;
    if (*problem_index < 0 && *reasons != 0 && (*reasons & (OMV_CERT_HOSTNAME_MISMATCH | OMV_CERT_UNSUPPORTED_KEY)))
        *problem_index = 0;

done:
    mbedtls_x509_crt_free(&chain_list);
    mbedtls_x509_crt_free(&anchor_list);
    return status;
}

int omv_x509_validity(const uint8_t *der, size_t der_length, int64_t *not_before, int64_t *not_after)
{
    if (der == NULL || not_before == NULL || not_after == NULL)
        return OMV_ERR_INVALID_ARGUMENT;
    int ready = omv_internal_crypto_ready(); /* an entry point: keep PSA ready whatever the configuration */
    if (ready != OMV_OK)
        return ready;
    mbedtls_x509_crt certificate;
    mbedtls_x509_crt_init(&certificate);
    int ret = omv_internal_parse_certificate(&certificate, der, der_length);
    int status = OMV_OK;
    if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED)
        status = OMV_ERR_OUT_OF_MEMORY;
    else if (ret != 0)
        status = OMV_ERR_CERTIFICATE_MALFORMED;
    else {
        *not_before = unix_time(&certificate.valid_from);
        *not_after = unix_time(&certificate.valid_to);
    }
    mbedtls_x509_crt_free(&certificate);
    return status;
}

typedef struct text_writer {
    char *out;
    size_t capacity, length;
    int overflow;
} text_writer;

static void put(text_writer *w, const char *data, size_t length)
{
    if (w->overflow || length > w->capacity - w->length) {
        w->overflow = 1;
        return;
    }
    memcpy(w->out + w->length, data, length);
    w->length += length;
}

static void put_line_break(text_writer *w)
{
    if (w->length > 0)
        put(w, "\n", 1);
}

/* A value's bytes with control characters (and so line breaks) replaced. */
static void put_value(text_writer *w, const unsigned char *p, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        char c = (p[i] < 0x20 || p[i] == 0x7F) ? '?' : (char)p[i];
        put(w, &c, 1);
    }
}

static void put_dn(text_writer *w, const mbedtls_x509_name *name)
{
    for (; name != NULL; name = name->next) {
        if (name->oid.p == NULL)
            continue;
        put_line_break(w);
        const char *short_name = NULL;
        char numeric[64];
        if (mbedtls_oid_get_attr_short_name(&name->oid, &short_name) != 0 || short_name == NULL) {
            int n = mbedtls_oid_get_numeric_string(numeric, sizeof(numeric), &name->oid);
            short_name = n > 0 ? numeric : "?";
        }
        put(w, short_name, strlen(short_name));
        put(w, "=", 1);
        put_value(w, name->val.p, name->val.len);
    }
}

static void put_ip(text_writer *w, const unsigned char *p, size_t length)
{
    char text[48];
    int n = 0;
    if (length == 4)
        n = snprintf(text, sizeof(text), "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
    else if (length == 16)
        n = snprintf(text, sizeof(text), "%x:%x:%x:%x:%x:%x:%x:%x", (p[0] << 8) | p[1], (p[2] << 8) | p[3],
                     (p[4] << 8) | p[5], (p[6] << 8) | p[7], (p[8] << 8) | p[9], (p[10] << 8) | p[11],
                     (p[12] << 8) | p[13], (p[14] << 8) | p[15]);
    if (n > 0) {
        put_line_break(w);
        put(w, text, (size_t)n);
    }
}

static int has_subject_alt_name(const mbedtls_x509_crt *certificate)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03020000
    /* The accessor came with 3.2.0 (ChangeLog) and reads the private field (3.6 x509_crt.h:913). */
    return mbedtls_x509_crt_has_ext_type(certificate, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME) != 0;
#else
    return (certificate->ext_types & MBEDTLS_X509_EXT_SUBJECT_ALT_NAME) != 0;
#endif
}

/* The SAN's DNS names, then its IP addresses; the CN when there is no SAN extension. */
static void put_presented_names(text_writer *w, const mbedtls_x509_crt *certificate)
{
    if (has_subject_alt_name(certificate)) {
        for (int pass = 0; pass < 2; pass++) {
            int wanted = pass == 0 ? 2 /* dNSName */ : 7 /* iPAddress */;
            for (const mbedtls_x509_sequence *san = &certificate->subject_alt_names; san != NULL; san = san->next) {
                if (san->buf.p == NULL || (san->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK) != wanted)
                    continue;
                if (wanted == 7) {
                    put_ip(w, san->buf.p, san->buf.len);
                } else {
                    put_line_break(w);
                    put_value(w, san->buf.p, san->buf.len);
                }
            }
        }
        return;
    }
    for (const mbedtls_x509_name *name = &certificate->subject; name != NULL; name = name->next) {
        if (MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &name->oid) == 0) {
            put_line_break(w);
            put_value(w, name->val.p, name->val.len);
        }
    }
}

int omv_x509_describe(const uint8_t *der, size_t der_length, int which, char *out, size_t capacity)
{
    if (der == NULL || (out == NULL && capacity != 0) || which < OMV_X509_SUBJECT || which > OMV_X509_PRESENTED_NAMES)
        return OMV_ERR_INVALID_ARGUMENT;
    int ready = omv_internal_crypto_ready(); /* an entry point: keep PSA ready whatever the configuration */
    if (ready != OMV_OK)
        return ready;
    mbedtls_x509_crt certificate;
    mbedtls_x509_crt_init(&certificate);
    int ret = omv_internal_parse_certificate(&certificate, der, der_length);
    int status;
    if (ret == MBEDTLS_ERR_X509_ALLOC_FAILED)
        status = OMV_ERR_OUT_OF_MEMORY;
    else if (ret != 0)
        status = OMV_ERR_CERTIFICATE_MALFORMED;
    else {
        text_writer writer = { out, capacity, 0, 0 };
        if (which == OMV_X509_SUBJECT)
            put_dn(&writer, &certificate.subject);
        else if (which == OMV_X509_ISSUER)
            put_dn(&writer, &certificate.issuer);
        else
            put_presented_names(&writer, &certificate);
        status = writer.overflow ? OMV_ERR_BUFFER_TOO_SMALL : (int)writer.length;
    }
    mbedtls_x509_crt_free(&certificate);
    return status;
}
