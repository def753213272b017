/* api36 variant "use_psa": the default configuration with MBEDTLS_USE_PSA_CRYPTO, under which
 * 3.6 runs pk signature checks (and so X.509 chain verification) through PSA. */
#define MBEDTLS_USE_PSA_CRYPTO
