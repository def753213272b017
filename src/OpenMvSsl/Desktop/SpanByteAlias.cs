// On desktop .NET the portable core's byte span is System.Span<byte>; on nanoFramework it is
// mscorlib's System.SpanByte. Portable code only uses the members both share (see README).
global using SpanByte = System.Span<byte>;
