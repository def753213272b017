/* api36 variant "default": mbedTLS's own mbedtls_config.h, unchanged (3.6: PSA crypto built in,
 * MBEDTLS_USE_PSA_CRYPTO off). Appended as MBEDTLS_USER_CONFIG_FILE; adds nothing. */
