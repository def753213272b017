// A stand-in for nanoCLR's interop headers, only for running the marshalling layer on the build
// machine (run.sh). It models what the handlers use: arguments by index, byte arrays, strings,
// by-reference ints, an int result and the NANOCLR_* control-flow macros. It is not nanoCLR: it
// checks our layer's own logic (ranges, handles, calls into omvssl_crypto), not the real runtime.
#pragma once
#include <stdint.h>

typedef int HRESULT;
typedef uint8_t UINT8;
typedef uint8_t CLR_UINT8;
typedef uint32_t CLR_UINT32;
#define S_OK 0
#define CLR_E_WRONG_TYPE (-100)
#define FAILED(x) ((x) < 0)
#define CLR_RT_HEAP_BLOCK_SIZE 12

struct CLR_RT_TypedArray_UINT8
{
    CLR_UINT8 *data;
    CLR_UINT32 size;
    CLR_UINT8 *GetBuffer() { return data; }
    CLR_UINT32 GetSize() { return size; }
};

enum MockKind { MOCK_INT, MOCK_BYTES, MOCK_STRING, MOCK_REF_INT };

struct MockArg
{
    MockKind kind;
    signed int value;
    CLR_RT_TypedArray_UINT8 bytes;
    const char *text;
    signed int *ref;
};

struct CLR_RT_StackFrame
{
    MockArg args[16];
    int count;
    signed int result;
};

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RT_NativeAssemblyData
{
    const char *name;
    uint32_t checksum;
    const CLR_RT_MethodHandler *table;
    int version[4];
};

HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame &stack, unsigned int index, signed int &value);
HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame &stack, unsigned int index, CLR_RT_TypedArray_UINT8 &array);
HRESULT Interop_Marshal_LPCSTR(const CLR_RT_StackFrame &stack, unsigned int index, const char *&text);
HRESULT Interop_Marshal_INT32_ByRef(const CLR_RT_StackFrame &stack, void *block, unsigned int index, signed int *&pointer);
HRESULT Interop_Marshal_StoreRef(CLR_RT_StackFrame &stack, void *block, unsigned int index);
void SetResult_INT32(CLR_RT_StackFrame &stack, signed int value);

#define NANOCLR_NATIVE_DECLARE(name) static HRESULT name(CLR_RT_StackFrame &stack)
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_CHECK_HRESULT(expr) { if (FAILED(hr = (expr))) goto nanoCLR_Cleanup; }
#define NANOCLR_NOCLEANUP() hr = S_OK; nanoCLR_Cleanup: return hr
#define NANOCLR_NOCLEANUP_NOLABEL() hr = S_OK; return hr
