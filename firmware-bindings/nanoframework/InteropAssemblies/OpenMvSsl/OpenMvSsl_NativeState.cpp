//
// OpenMvSsl native crypto for nanoFramework: handle table and the shared DRBG.
//

#include "OpenMvSsl_NativeState.h"

#include <string.h>

namespace
{
struct Slot
{
    int kind;
    int generation;
    void *object;
};

Slot slots[OMVNF_MAX_HANDLES];
omv_drbg *shared_drbg = NULL;

// handle = generation * 64 + index + 1: a freed and reused slot gets a different handle.
const int IndexSpan = 64;

Slot *find(int handle)
{
    if (handle <= 0)
    {
        return NULL;
    }
    int index = (handle - 1) % IndexSpan;
    int generation = (handle - 1) / IndexSpan;
    if (index >= OMVNF_MAX_HANDLES)
    {
        return NULL;
    }
    Slot *slot = &slots[index];
    if (slot->kind == OMVNF_FREE_SLOT || slot->generation != generation)
    {
        return NULL;
    }
    return slot;
}

void free_object(int kind, void *object)
{
    switch (kind)
    {
        case OMVNF_AEAD:
            omv_aead_free((omv_aead *)object);
            break;
        case OMVNF_HASH:
            omv_hash_free((omv_hash *)object);
            break;
        case OMVNF_HMAC:
            omv_hmac_free((omv_hmac *)object);
            break;
        case OMVNF_ECDH:
            omv_ecdh_free((omv_ecdh *)object);
            break;
        case OMVNF_PUBLIC_KEY:
            omv_public_key_free((omv_public_key *)object);
            break;
        case OMVNF_PRIVATE_KEY:
            omv_private_key_free((omv_private_key *)object);
            break;
        default:
            break;
    }
}
} // namespace

int omvnf_handle_add(int kind, void *object)
{
    for (int i = 0; i < OMVNF_MAX_HANDLES; i++)
    {
        if (slots[i].kind == OMVNF_FREE_SLOT)
        {
            slots[i].kind = kind;
            slots[i].object = object;
            return slots[i].generation * IndexSpan + i + 1;
        }
    }
    free_object(kind, object);
    return OMV_ERR_OUT_OF_MEMORY;
}

void *omvnf_handle_get(int handle, int kind)
{
    Slot *slot = find(handle);
    return slot != NULL && slot->kind == kind ? slot->object : NULL;
}

int omvnf_handle_kind(int handle)
{
    Slot *slot = find(handle);
    return slot != NULL ? slot->kind : OMVNF_FREE_SLOT;
}

int omvnf_handle_free(int handle)
{
    Slot *slot = find(handle);
    if (slot != NULL)
    {
        free_object(slot->kind, slot->object);
        slot->kind = OMVNF_FREE_SLOT;
        slot->object = NULL;
        slot->generation = (slot->generation + 1) % 0x100000; // keeps handles positive
    }
    return OMV_OK;
}

omv_drbg *omvnf_drbg(void)
{
    if (shared_drbg == NULL)
    {
        static const char label[] = "OpenMvSsl.nanoFramework";
        if (omv_drbg_create(&shared_drbg, NULL, NULL, (const uint8_t *)label, sizeof(label) - 1) != OMV_OK)
        {
            shared_drbg = NULL;
        }
    }
    return shared_drbg;
}
