//
// OpenMvSsl native crypto for nanoFramework: the thin marshalling layer from the managed
// InternalCall methods of OpenMvSsl.Device.NativeCrypto to the C library omvssl_crypto
// (firmware-bindings/include/omvssl_crypto.h). One handler per managed method, in the managed
// order; each one reads its arguments, checks every (array, offset, length) range against the
// array, calls one omv_* function and returns its status as the method's int result. Nothing
// here decides anything the C library or the managed side already decides.
//

#include "OpenMvSsl.h"
#include "OpenMvSsl_NativeState.h"

#include <stdlib.h>
#include <string.h>

typedef Library_OpenMvSsl_OpenMvSsl_Device_NativeCrypto NativeCrypto;

namespace
{
// Points at array[offset .. offset+length) after checking the range; false when it is outside.
bool range(CLR_RT_TypedArray_UINT8 &array, signed int offset, signed int length, uint8_t *&pointer)
{
    static uint8_t empty;
    CLR_UINT32 size = array.GetSize();
    if (offset < 0 || length < 0 || (CLR_UINT32)offset > size || (CLR_UINT32)length > size - (CLR_UINT32)offset)
    {
        return false;
    }
    pointer = length == 0 ? &empty : array.GetBuffer() + offset;
    return true;
}

// A 4-byte big-endian length per certificate -> uint32_t array (caller frees); NULL on bad input.
uint32_t *read_lengths(CLR_RT_TypedArray_UINT8 &lengths, signed int count, CLR_UINT32 total_available)
{
    if (count < 0 || (CLR_UINT32)count > lengths.GetSize() / 4 || count > 1024)
    {
        return NULL;
    }
    uint32_t *result = (uint32_t *)calloc(count == 0 ? 1 : count, sizeof(uint32_t));
    if (result == NULL)
    {
        return NULL;
    }
    const uint8_t *bytes = lengths.GetBuffer();
    CLR_UINT32 sum = 0;
    for (int i = 0; i < count; i++)
    {
        result[i] = ((uint32_t)bytes[i * 4] << 24) | ((uint32_t)bytes[i * 4 + 1] << 16) | ((uint32_t)bytes[i * 4 + 2] << 8) |
                    bytes[i * 4 + 3];
        sum += result[i];
        if (result[i] > total_available || sum > total_available)
        {
            free(result);
            return NULL;
        }
    }
    return result;
}

// Takes the address of the out-handle so that it is read after the create call has run (the
// order in which a call's arguments are evaluated is unspecified).
template <typename T> int add_or_status(int status, int kind, T **object)
{
    return status == OMV_OK ? omvnf_handle_add(kind, *object) : status;
}
} // namespace

#define ARG_INT(index, name)                                                                                           \
    signed int name;                                                                                                   \
    NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, index, name))

#define ARG_BYTES(index, name)                                                                                         \
    CLR_RT_TypedArray_UINT8 name;                                                                                      \
    NANOCLR_CHECK_HRESULT(Interop_Marshal_UINT8_ARRAY(stack, index, name))

#define RETURN_INT(value) SetResult_INT32(stack, (value))

HRESULT NativeCrypto::Version___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    RETURN_INT(OMVNF_INTERFACE_VERSION);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeCrypto::Random___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_BYTES(0, output);
        ARG_INT(1, offset);
        ARG_INT(2, length);
        uint8_t *out;
        omv_drbg *drbg = omvnf_drbg();
        int result = !range(output, offset, length, out) ? OMV_ERR_INVALID_ARGUMENT
                     : drbg == NULL                       ? OMV_ERR_RANDOM_FAILED
                                                          : omv_drbg_random(drbg, out, (size_t)length);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::Free___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        RETURN_INT(omvnf_handle_free(handle));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::AeadKeyLength___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, algorithm);
        RETURN_INT(omv_aead_key_length(algorithm));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::AeadTagLength___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, algorithm);
        RETURN_INT(omv_aead_tag_length(algorithm));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::AeadCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, algorithm);
        ARG_BYTES(1, key);
        ARG_INT(2, offset);
        ARG_INT(3, length);
        uint8_t *k;
        omv_aead *aead = NULL;
        int result = !range(key, offset, length, k) ? OMV_ERR_INVALID_ARGUMENT
                                                    : add_or_status(omv_aead_create(&aead, algorithm, k, (size_t)length), OMVNF_AEAD, &aead);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

// Shared by seal and open: buffer holds nonce, AAD and data; the result goes in place at dataOffset.
static HRESULT aead_call(CLR_RT_StackFrame &stack, bool seal)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        ARG_BYTES(1, buffer);
        ARG_INT(2, nonce_offset);
        ARG_INT(3, nonce_length);
        ARG_INT(4, aad_offset);
        ARG_INT(5, aad_length);
        ARG_INT(6, data_offset);
        ARG_INT(7, data_length);
        ARG_INT(8, capacity);
        uint8_t *nonce, *aad, *data, *room;
        omv_aead *aead = (omv_aead *)omvnf_handle_get(handle, OMVNF_AEAD);
        int result;
        if (aead == NULL || !range(buffer, nonce_offset, nonce_length, nonce) || !range(buffer, aad_offset, aad_length, aad) ||
            !range(buffer, data_offset, data_length, data) || !range(buffer, data_offset, capacity, room))
        {
            result = OMV_ERR_INVALID_ARGUMENT;
        }
        else if (seal)
        {
            result = omv_aead_seal(aead, nonce, nonce_length, aad, aad_length, data, data_length, room, capacity);
        }
        else
        {
            result = omv_aead_open(aead, nonce, nonce_length, aad, aad_length, data, data_length, room, capacity);
        }
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::AeadSeal___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    return aead_call(stack, true);
}

HRESULT NativeCrypto::AeadOpen___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    return aead_call(stack, false);
}

HRESULT NativeCrypto::HashLength___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, algorithm);
        RETURN_INT(omv_hash_length(algorithm));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::HashCreate___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, algorithm);
        omv_hash *hash = NULL;
        RETURN_INT(add_or_status(omv_hash_create(&hash, algorithm), OMVNF_HASH, &hash));
    }
    NANOCLR_NOCLEANUP();
}

// Shared by the (handle, byte[], offset, length) methods of hash, HMAC and ECDH.
enum buffer_operation
{
    HASH_UPDATE,
    HASH_CURRENT,
    HASH_FINISH_RESET,
    HMAC_UPDATE,
    HMAC_FINISH_RESET,
    ECDH_PUBLIC_KEY
};

static HRESULT handle_buffer_call(CLR_RT_StackFrame &stack, buffer_operation operation)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        ARG_BYTES(1, buffer);
        ARG_INT(2, offset);
        ARG_INT(3, length);
        uint8_t *p;
        int kind = operation <= HASH_FINISH_RESET ? OMVNF_HASH : operation <= HMAC_FINISH_RESET ? OMVNF_HMAC : OMVNF_ECDH;
        void *object = omvnf_handle_get(handle, kind);
        int result = OMV_ERR_INVALID_ARGUMENT;
        if (object != NULL && range(buffer, offset, length, p))
        {
            switch (operation)
            {
                case HASH_UPDATE:
                    result = omv_hash_update((omv_hash *)object, p, length);
                    break;
                case HASH_CURRENT:
                    result = omv_hash_current((omv_hash *)object, p, length);
                    break;
                case HASH_FINISH_RESET:
                    result = omv_hash_finish_reset((omv_hash *)object, p, length);
                    break;
                case HMAC_UPDATE:
                    result = omv_hmac_update((omv_hmac *)object, p, length);
                    break;
                case HMAC_FINISH_RESET:
                    result = omv_hmac_finish_reset((omv_hmac *)object, p, length);
                    break;
                case ECDH_PUBLIC_KEY:
                    result = omv_ecdh_public_key((omv_ecdh *)object, p, length);
                    break;
            }
        }
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::HashUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    return handle_buffer_call(stack, HASH_UPDATE);
}

HRESULT NativeCrypto::HashCurrent___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    return handle_buffer_call(stack, HASH_CURRENT);
}

HRESULT NativeCrypto::HashFinishReset___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    return handle_buffer_call(stack, HASH_FINISH_RESET);
}

HRESULT NativeCrypto::HmacCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, algorithm);
        ARG_BYTES(1, key);
        ARG_INT(2, offset);
        ARG_INT(3, length);
        uint8_t *k;
        omv_hmac *hmac = NULL;
        int result = !range(key, offset, length, k) ? OMV_ERR_INVALID_ARGUMENT
                                                    : add_or_status(omv_hmac_create(&hmac, algorithm, k, (size_t)length), OMVNF_HMAC, &hmac);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::HmacUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    return handle_buffer_call(stack, HMAC_UPDATE);
}

HRESULT NativeCrypto::HmacFinishReset___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    return handle_buffer_call(stack, HMAC_FINISH_RESET);
}

HRESULT NativeCrypto::EcdhPublicKeyLength___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, group);
        RETURN_INT(omv_ecdh_public_key_length(group));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::EcdhSharedSecretLength___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, group);
        RETURN_INT(omv_ecdh_shared_secret_length(group));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::EcdhCreate___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, group);
        omv_drbg *drbg = omvnf_drbg();
        omv_ecdh *ecdh = NULL;
        int result = drbg == NULL ? OMV_ERR_RANDOM_FAILED : add_or_status(omv_ecdh_create(&ecdh, group, drbg), OMVNF_ECDH, &ecdh);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::EcdhPublicKey___STATIC__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    return handle_buffer_call(stack, ECDH_PUBLIC_KEY);
}

HRESULT NativeCrypto::EcdhSharedSecret___STATIC__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        ARG_BYTES(1, peer);
        ARG_INT(2, peer_offset);
        ARG_INT(3, peer_length);
        ARG_BYTES(4, output);
        ARG_INT(5, output_offset);
        ARG_INT(6, capacity);
        uint8_t *p, *o;
        omv_ecdh *ecdh = (omv_ecdh *)omvnf_handle_get(handle, OMVNF_ECDH);
        omv_drbg *drbg = omvnf_drbg();
        int result = OMV_ERR_INVALID_ARGUMENT;
        if (drbg == NULL)
        {
            result = OMV_ERR_RANDOM_FAILED;
        }
        else if (ecdh != NULL && range(peer, peer_offset, peer_length, p) && range(output, output_offset, capacity, o))
        {
            result = omv_ecdh_shared_secret(ecdh, p, peer_length, o, capacity, drbg);
        }
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::PublicKeyFromCertificate___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_BYTES(0, der);
        ARG_INT(1, offset);
        ARG_INT(2, length);
        uint8_t *d;
        omv_public_key *key = NULL;
        int result = !range(der, offset, length, d)
                         ? OMV_ERR_INVALID_ARGUMENT
                         : add_or_status(omv_public_key_from_certificate(&key, d, length), OMVNF_PUBLIC_KEY, &key);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::PublicKeyVerify___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        ARG_INT(1, scheme);
        ARG_BYTES(2, message);
        ARG_INT(3, message_offset);
        ARG_INT(4, message_length);
        ARG_BYTES(5, signature);
        ARG_INT(6, signature_offset);
        ARG_INT(7, signature_length);
        uint8_t *m, *s;
        omv_public_key *key = (omv_public_key *)omvnf_handle_get(handle, OMVNF_PUBLIC_KEY);
        int result = key == NULL || !range(message, message_offset, message_length, m) ||
                             !range(signature, signature_offset, signature_length, s)
                         ? OMV_ERR_INVALID_ARGUMENT
                         : omv_public_key_verify(key, scheme, m, message_length, s, signature_length);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::PrivateKeyImport___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_BYTES(0, data);
        ARG_INT(1, offset);
        ARG_INT(2, length);
        uint8_t *d;
        omv_drbg *drbg = omvnf_drbg();
        omv_private_key *key = NULL;
        int result = !range(data, offset, length, d) ? OMV_ERR_INVALID_ARGUMENT
                     : drbg == NULL                  ? OMV_ERR_RANDOM_FAILED
                                     : add_or_status(omv_private_key_import(&key, d, length, drbg), OMVNF_PRIVATE_KEY, &key);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::PrivateKeySign___STATIC__I4__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        ARG_INT(1, scheme);
        ARG_BYTES(2, message);
        ARG_INT(3, message_offset);
        ARG_INT(4, message_length);
        ARG_BYTES(5, signature);
        ARG_INT(6, signature_offset);
        ARG_INT(7, capacity);
        uint8_t *m, *s;
        omv_private_key *key = (omv_private_key *)omvnf_handle_get(handle, OMVNF_PRIVATE_KEY);
        omv_drbg *drbg = omvnf_drbg();
        int result = OMV_ERR_INVALID_ARGUMENT;
        if (drbg == NULL)
        {
            result = OMV_ERR_RANDOM_FAILED;
        }
        else if (key != NULL && range(message, message_offset, message_length, m) && range(signature, signature_offset, capacity, s))
        {
            result = omv_private_key_sign(key, scheme, m, message_length, s, capacity, drbg);
        }
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

// KeyType / KeyBits / KeyMaxSignatureLength: a public or a private key handle.
enum key_query
{
    KEY_TYPE,
    KEY_BITS,
    KEY_MAX_SIGNATURE_LENGTH
};

static HRESULT key_query_call(CLR_RT_StackFrame &stack, key_query query)
{
    NANOCLR_HEADER();
    {
        ARG_INT(0, handle);
        int result = OMV_ERR_INVALID_ARGUMENT;
        int kind = omvnf_handle_kind(handle);
        if (kind == OMVNF_PUBLIC_KEY && query != KEY_MAX_SIGNATURE_LENGTH)
        {
            omv_public_key *key = (omv_public_key *)omvnf_handle_get(handle, kind);
            result = query == KEY_TYPE ? omv_public_key_type(key) : omv_public_key_bits(key);
        }
        else if (kind == OMVNF_PRIVATE_KEY)
        {
            omv_private_key *key = (omv_private_key *)omvnf_handle_get(handle, kind);
            result = query == KEY_TYPE   ? omv_private_key_type(key)
                     : query == KEY_BITS ? omv_private_key_bits(key)
                                         : omv_private_key_max_signature_length(key);
        }
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::KeyType___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    return key_query_call(stack, KEY_TYPE);
}

HRESULT NativeCrypto::KeyBits___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    return key_query_call(stack, KEY_BITS);
}

HRESULT NativeCrypto::KeyMaxSignatureLength___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    return key_query_call(stack, KEY_MAX_SIGNATURE_LENGTH);
}

HRESULT NativeCrypto::
    X509Verify___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__SZARRAY_U1__I4__STRING__I4__I4__BYREF_I4__BYREF_I4(
        CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_BYTES(0, chain);
        ARG_BYTES(1, chain_lengths_bytes);
        ARG_INT(2, chain_count);
        ARG_BYTES(3, anchors);
        ARG_BYTES(4, anchor_lengths_bytes);
        ARG_INT(5, anchor_count);
        const char *hostname;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_LPCSTR(stack, 6, hostname)); // NULL for a null string
        ARG_INT(7, now_high);
        ARG_INT(8, now_low);
        signed int *reasons_out;
        UINT8 reasons_block[CLR_RT_HEAP_BLOCK_SIZE];
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ByRef(stack, reasons_block, 9, reasons_out));
        signed int *problem_out;
        UINT8 problem_block[CLR_RT_HEAP_BLOCK_SIZE];
        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32_ByRef(stack, problem_block, 10, problem_out));

        int64_t now_unix = (int64_t)(((uint64_t)(uint32_t)now_high << 32) | (uint32_t)now_low);
        uint32_t reasons = 0;
        int32_t problem_index = -1;
        int result = OMV_ERR_INVALID_ARGUMENT;
        uint32_t *chain_lengths = read_lengths(chain_lengths_bytes, chain_count, chain.GetSize());
        uint32_t *anchor_lengths = read_lengths(anchor_lengths_bytes, anchor_count, anchors.GetSize());
        if (chain_lengths != NULL && anchor_lengths != NULL && chain_count > 0)
        {
            result = omv_x509_verify(chain.GetBuffer(), chain_lengths, chain_count, anchor_count > 0 ? anchors.GetBuffer() : NULL,
                                     anchor_count > 0 ? anchor_lengths : NULL, anchor_count, hostname, now_unix, &reasons,
                                     &problem_index);
        }
        free(chain_lengths);
        free(anchor_lengths);

        *reasons_out = (signed int)reasons;
        *problem_out = problem_index;
        NANOCLR_CHECK_HRESULT(Interop_Marshal_StoreRef(stack, reasons_block, 9));
        NANOCLR_CHECK_HRESULT(Interop_Marshal_StoreRef(stack, problem_block, 10));
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::X509Describe___STATIC__I4__SZARRAY_U1__I4__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_BYTES(0, der);
        ARG_INT(1, offset);
        ARG_INT(2, length);
        ARG_INT(3, which);
        ARG_BYTES(4, output);
        ARG_INT(5, output_offset);
        ARG_INT(6, capacity);
        uint8_t *d, *o;
        int result = !range(der, offset, length, d) || !range(output, output_offset, capacity, o)
                         ? OMV_ERR_INVALID_ARGUMENT
                         : omv_x509_describe(d, length, which, (char *)o, capacity);
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}

HRESULT NativeCrypto::X509Validity___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    {
        ARG_BYTES(0, der);
        ARG_INT(1, offset);
        ARG_INT(2, length);
        ARG_BYTES(3, output);
        ARG_INT(4, output_offset);
        uint8_t *d, *o;
        int64_t times[2] = {0, 0};
        int result = OMV_ERR_INVALID_ARGUMENT;
        if (range(der, offset, length, d) && range(output, output_offset, 16, o))
        {
            result = omv_x509_validity(d, length, &times[0], &times[1]);
            for (int t = 0; t < 2 && result == OMV_OK; t++)
            {
                for (int i = 0; i < 8; i++)
                {
                    o[t * 8 + i] = (uint8_t)((uint64_t)times[t] >> (56 - 8 * i));
                }
            }
        }
        RETURN_INT(result);
    }
    NANOCLR_NOCLEANUP();
}
