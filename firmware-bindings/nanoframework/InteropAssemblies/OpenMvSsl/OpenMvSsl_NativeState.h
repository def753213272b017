//
// OpenMvSsl native crypto for nanoFramework: the state the interop layer keeps between calls.
// Handles given to managed code are small ints from a table (never pointers), so a stale or
// forged handle is refused instead of dereferenced. One CTR-DRBG, seeded from the platform's
// entropy (ESP32: the hardware RNG through mbedTLS), serves every operation that needs
// randomness. nanoCLR runs native methods to completion on its one interpreter thread, so no
// locking is needed here.
//

#ifndef OPENMVSSL_NATIVESTATE_H
#define OPENMVSSL_NATIVESTATE_H

#include "omvssl_crypto.h"

#define OMVNF_INTERFACE_VERSION 1 // equals OpenMvSsl.Device.NativeCrypto.InterfaceVersion
#define OMVNF_MAX_HANDLES 48

enum omvnf_kind
{
    OMVNF_FREE_SLOT = 0,
    OMVNF_AEAD = 1,
    OMVNF_HASH = 2,
    OMVNF_HMAC = 3,
    OMVNF_ECDH = 4,
    OMVNF_PUBLIC_KEY = 5,
    OMVNF_PRIVATE_KEY = 6
};

// Stores object under a new handle (> 0); on a full table frees the object and returns OMV_ERR_OUT_OF_MEMORY.
int omvnf_handle_add(int kind, void *object);
// The object of handle when it is live and of that kind, else NULL.
void *omvnf_handle_get(int handle, int kind);
// The kind of a live handle, or OMVNF_FREE_SLOT.
int omvnf_handle_kind(int handle);
// Frees the object and the slot; unknown handles are ignored. Returns OMV_OK.
int omvnf_handle_free(int handle);
// The process-wide DRBG, created on first use; NULL when seeding failed.
omv_drbg *omvnf_drbg(void);

#endif
