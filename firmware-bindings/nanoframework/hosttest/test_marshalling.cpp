// Runs the nanoFramework marshalling layer over the real omvssl_crypto and mbedTLS with the
// stand-in runtime of nanoCLR_Interop.h: the handlers' argument handling, range checks and
// handle table. Known answers: AES-128-GCM McGrew-Viega test case 3 (tag checked through a
// round trip), SHA-256("abc") from FIPS 180-2.
#include "OpenMvSsl.h"
#include "OpenMvSsl_NativeState.h"
#include <stdio.h>
#include <string.h>

typedef Library_OpenMvSsl_OpenMvSsl_Device_NativeCrypto N;
static int failures = 0;
#define CHECK(cond) do { if (!(cond)) { printf("FAIL %s:%d %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame &s, unsigned int i, signed int &v)
{
    if (s.args[i].kind != MOCK_INT) return CLR_E_WRONG_TYPE;
    v = s.args[i].value;
    return S_OK;
}
HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame &s, unsigned int i, CLR_RT_TypedArray_UINT8 &a)
{
    if (s.args[i].kind != MOCK_BYTES) return CLR_E_WRONG_TYPE;
    a = s.args[i].bytes;
    return S_OK;
}
HRESULT Interop_Marshal_LPCSTR(const CLR_RT_StackFrame &s, unsigned int i, const char *&t)
{
    if (s.args[i].kind != MOCK_STRING) return CLR_E_WRONG_TYPE;
    t = s.args[i].text;
    return S_OK;
}
HRESULT Interop_Marshal_INT32_ByRef(const CLR_RT_StackFrame &s, void *, unsigned int i, signed int *&p)
{
    if (s.args[i].kind != MOCK_REF_INT) return CLR_E_WRONG_TYPE;
    p = s.args[i].ref;
    return S_OK;
}
HRESULT Interop_Marshal_StoreRef(CLR_RT_StackFrame &, void *, unsigned int) { return S_OK; }
void SetResult_INT32(CLR_RT_StackFrame &s, signed int v) { s.result = v; }

struct Call
{
    CLR_RT_StackFrame frame;
    Call() { memset(&frame, 0, sizeof(frame)); }
    Call &i(int v) { MockArg &a = frame.args[frame.count++]; a.kind = MOCK_INT; a.value = v; return *this; }
    Call &b(uint8_t *p, uint32_t n) { MockArg &a = frame.args[frame.count++]; a.kind = MOCK_BYTES; a.bytes.data = p; a.bytes.size = n; return *this; }
    Call &s(const char *t) { MockArg &a = frame.args[frame.count++]; a.kind = MOCK_STRING; a.text = t; return *this; }
    Call &r(signed int *p) { MockArg &a = frame.args[frame.count++]; a.kind = MOCK_REF_INT; a.ref = p; return *this; }
    int run(CLR_RT_MethodHandler h) { CHECK(h(frame) == S_OK); return frame.result; }
};

static void hex(const char *text, uint8_t *out)
{
    for (size_t k = 0; k < strlen(text) / 2; k++) sscanf(text + 2 * k, "%2hhx", &out[k]);
}

int main()
{
    CHECK(Call().run(N::Version___STATIC__I4) == OMVNF_INTERFACE_VERSION);

    uint8_t random[32] = {0};
    CHECK(Call().b(random, 32).i(0).i(32).run(N::Random___STATIC__I4__SZARRAY_U1__I4__I4) == OMV_OK);
    CHECK(Call().b(random, 32).i(8).i(25).run(N::Random___STATIC__I4__SZARRAY_U1__I4__I4) == OMV_ERR_INVALID_ARGUMENT);
    CHECK(Call().b(random, 32).i(-1).i(4).run(N::Random___STATIC__I4__SZARRAY_U1__I4__I4) == OMV_ERR_INVALID_ARGUMENT);
    CHECK(Call().b(random, 32).i(0x7fffffff).i(0x7fffffff).run(N::Random___STATIC__I4__SZARRAY_U1__I4__I4) == OMV_ERR_INVALID_ARGUMENT);

    // AES-128-GCM, McGrew-Viega test case 3: nonce || (no AAD) || plaintext in one buffer, sealed in place.
    uint8_t key[16], buffer[12 + 64 + 16], expected[64 + 16];
    hex("feffe9928665731c6d6a8f9467308308", key);
    hex("cafebabefacedbaddecaf888", buffer);
    hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255", buffer + 12);
    hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
        "4d5c2af327cd64a62cf35abd2ba6fab4", expected);
    int aead = Call().i(1).b(key, 16).i(0).i(16).run(N::AeadCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    CHECK(aead > 0);
    int sealed = Call().i(aead).b(buffer, sizeof(buffer)).i(0).i(12).i(12).i(0).i(12).i(64).i(80)
                     .run(N::AeadSeal___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4);
    CHECK(sealed == 80);
    CHECK(memcmp(buffer + 12, expected, 80) == 0);
    // capacity past the end of the array is refused before mbedTLS sees it
    CHECK(Call().i(aead).b(buffer, sizeof(buffer)).i(0).i(12).i(12).i(0).i(12).i(64).i(81)
              .run(N::AeadSeal___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4) == OMV_ERR_INVALID_ARGUMENT);
    int opened = Call().i(aead).b(buffer, sizeof(buffer)).i(0).i(12).i(12).i(0).i(12).i(80).i(80)
                     .run(N::AeadOpen___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4);
    CHECK(opened == 64);
    buffer[20] ^= 1;
    memcpy(buffer + 12, expected, 80);
    buffer[12 + 79] ^= 1; // tag
    CHECK(Call().i(aead).b(buffer, sizeof(buffer)).i(0).i(12).i(12).i(0).i(12).i(80).i(80)
              .run(N::AeadOpen___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4) == OMV_ERR_AUTHENTICATION_FAILED);

    // A handle of another kind, a freed handle, a forged one: refused.
    CHECK(Call().i(aead).b(random, 32).i(0).i(32).run(N::HashUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4) == OMV_ERR_INVALID_ARGUMENT);
    CHECK(Call().i(aead).run(N::Free___STATIC__I4__I4) == OMV_OK);
    CHECK(Call().i(aead).b(buffer, sizeof(buffer)).i(0).i(12).i(12).i(0).i(12).i(80).i(80)
              .run(N::AeadOpen___STATIC__I4__I4__SZARRAY_U1__I4__I4__I4__I4__I4__I4__I4) == OMV_ERR_INVALID_ARGUMENT);
    CHECK(Call().i(12345).run(N::Free___STATIC__I4__I4) == OMV_OK);
    int again = Call().i(1).b(key, 16).i(0).i(16).run(N::AeadCreate___STATIC__I4__I4__SZARRAY_U1__I4__I4);
    CHECK(again > 0 && again != aead); // same slot, new generation
    Call().i(again).run(N::Free___STATIC__I4__I4);

    // SHA-256("abc"), FIPS 180-2 B.1
    uint8_t abc[3] = {'a', 'b', 'c'}, digest[32], sha_abc[32];
    hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha_abc);
    int hash = Call().i(1).run(N::HashCreate___STATIC__I4__I4);
    CHECK(hash > 0);
    CHECK(Call().i(hash).b(abc, 3).i(0).i(3).run(N::HashUpdate___STATIC__I4__I4__SZARRAY_U1__I4__I4) == OMV_OK);
    CHECK(Call().i(hash).b(digest, 32).i(0).i(32).run(N::HashFinishReset___STATIC__I4__I4__SZARRAY_U1__I4__I4) == 32);
    CHECK(memcmp(digest, sha_abc, 32) == 0);
    Call().i(hash).run(N::Free___STATIC__I4__I4);

    // ECDHE P-256: two pairs agree through the handlers.
    int a = Call().i(23).run(N::EcdhCreate___STATIC__I4__I4), b = Call().i(23).run(N::EcdhCreate___STATIC__I4__I4);
    CHECK(a > 0 && b > 0);
    uint8_t pa[65], pb[65], sa[32], sb[32];
    CHECK(Call().i(a).b(pa, 65).i(0).i(65).run(N::EcdhPublicKey___STATIC__I4__I4__SZARRAY_U1__I4__I4) == 65);
    CHECK(Call().i(b).b(pb, 65).i(0).i(65).run(N::EcdhPublicKey___STATIC__I4__I4__SZARRAY_U1__I4__I4) == 65);
    CHECK(Call().i(a).b(pb, 65).i(0).i(65).b(sa, 32).i(0).i(32).run(N::EcdhSharedSecret___STATIC__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4) == 32);
    CHECK(Call().i(b).b(pa, 65).i(0).i(65).b(sb, 32).i(0).i(32).run(N::EcdhSharedSecret___STATIC__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4) == 32);
    CHECK(memcmp(sa, sb, 32) == 0);
    pb[64] ^= 1; // off the curve
    CHECK(Call().i(a).b(pb, 65).i(0).i(65).b(sa, 32).i(0).i(32).run(N::EcdhSharedSecret___STATIC__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4) == OMV_ERR_INVALID_PUBLIC_KEY);
    Call().i(a).run(N::Free___STATIC__I4__I4);
    Call().i(b).run(N::Free___STATIC__I4__I4);

    // Key queries on a non-key handle, malformed certificate DER, X509 with inconsistent lengths.
    CHECK(Call().i(999).run(N::KeyType___STATIC__I4__I4) == OMV_ERR_INVALID_ARGUMENT);
    uint8_t junk[8] = {0x30, 0x03, 1, 2, 3, 4, 5, 6};
    CHECK(Call().b(junk, 8).i(0).i(8).run(N::PublicKeyFromCertificate___STATIC__I4__SZARRAY_U1__I4__I4) == OMV_ERR_CERTIFICATE_MALFORMED);
    uint8_t lengths[4] = {0, 0, 0, 9}; // 9 > the 8 bytes given
    signed int reasons = -7, problem = -7;
    CHECK(Call().b(junk, 8).b(lengths, 4).i(1).b(NULL, 0).b(NULL, 0).i(0).s("example.com").i(0).i(1700000000).r(&reasons).r(&problem)
              .run(N::X509Verify___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__SZARRAY_U1__I4__STRING__I4__I4__BYREF_I4__BYREF_I4)
          == OMV_ERR_INVALID_ARGUMENT);
    lengths[3] = 8;
    CHECK(Call().b(junk, 8).b(lengths, 4).i(1).b(NULL, 0).b(NULL, 0).i(0).s(NULL).i(0).i(1700000000).r(&reasons).r(&problem)
              .run(N::X509Verify___STATIC__I4__SZARRAY_U1__SZARRAY_U1__I4__SZARRAY_U1__SZARRAY_U1__I4__STRING__I4__I4__BYREF_I4__BYREF_I4)
          == OMV_OK);
    CHECK((reasons & OMV_CERT_MALFORMED) != 0);
    CHECK(problem == 0);

    // The table holds OMVNF_MAX_HANDLES objects, then refuses with OUT_OF_MEMORY (and frees what it could not store).
    int handles[OMVNF_MAX_HANDLES];
    for (int k = 0; k < OMVNF_MAX_HANDLES; k++) handles[k] = Call().i(1).run(N::HashCreate___STATIC__I4__I4);
    CHECK(handles[OMVNF_MAX_HANDLES - 1] > 0);
    CHECK(Call().i(1).run(N::HashCreate___STATIC__I4__I4) == OMV_ERR_OUT_OF_MEMORY);
    for (int k = 0; k < OMVNF_MAX_HANDLES; k++) Call().i(handles[k]).run(N::Free___STATIC__I4__I4);

    printf("marshalling host test: %s (%d failures)\n", failures == 0 ? "passed" : "FAILED", failures);
    return failures == 0 ? 0 : 1;
}
