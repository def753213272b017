using System;

namespace OpenMvSsl.Util
{
    /// <summary>
    /// Writes TLS wire structures into a caller-supplied window of a byte array, with bounds
    /// checks (<see cref="SslError.BufferTooSmall"/>). Length-prefixed vectors are written by
    /// reserving the length field (<c>BeginVector16</c>), writing the contents, then patching
    /// the length (<c>EndVector16</c>), so no temporary buffers are needed.
    /// A counting writer (<see cref="CreateCounter"/>) stores nothing and only measures, which is
    /// how callers size a buffer before the real write.
    /// </summary>
    public sealed class ByteWriter
    {
        private readonly byte[] _buffer;
        private readonly int _start;
        private readonly int _end;
        private int _position;

        public ByteWriter(byte[] buffer)
            : this(buffer, 0, buffer == null ? 0 : buffer.Length)
        {
        }

        public ByteWriter(byte[] buffer, int offset, int length)
        {
            if (buffer == null)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError, "ByteWriter buffer is null");
            if (offset < 0 || length < 0 || offset > buffer.Length || length > buffer.Length - offset)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "ByteWriter window (offset " + offset + ", length " + length + ") lies outside a buffer of " + buffer.Length + " bytes");
            _buffer = buffer;
            _start = offset;
            _end = offset + length;
            _position = offset;
        }

        private ByteWriter()
        {
            _buffer = null;
            _start = 0;
            _end = int.MaxValue;
            _position = 0;
        }

        /// <summary>A writer that stores nothing and only counts the bytes written to it.</summary>
        public static ByteWriter CreateCounter()
        {
            return new ByteWriter();
        }

        public bool IsCounter { get { return _buffer == null; } }

        /// <summary>The underlying array (null for a counter).</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>Bytes written so far, counted from the start of the window.</summary>
        public int Position { get { return _position - _start; } }

        /// <summary>Index in <see cref="Buffer"/> where the next byte goes.</summary>
        public int AbsolutePosition { get { return _position; } }

        /// <summary>Space left in the window.</summary>
        public int Remaining { get { return _end - _position; } }

        public void WriteUInt8(int value)
        {
            CheckRange(value, 0xFF, "uint8");
            Reserve(1);
            if (_buffer != null) _buffer[_position] = (byte)value;
            _position += 1;
        }

        public void WriteUInt16(int value)
        {
            CheckRange(value, 0xFFFF, "uint16");
            Reserve(2);
            if (_buffer != null)
            {
                _buffer[_position] = (byte)(value >> 8);
                _buffer[_position + 1] = (byte)value;
            }
            _position += 2;
        }

        public void WriteUInt24(int value)
        {
            CheckRange(value, 0xFFFFFF, "uint24");
            Reserve(3);
            if (_buffer != null) PutUInt24(_position, value);
            _position += 3;
        }

        public void WriteUInt32(uint value)
        {
            Reserve(4);
            if (_buffer != null)
            {
                _buffer[_position] = (byte)(value >> 24);
                _buffer[_position + 1] = (byte)(value >> 16);
                _buffer[_position + 2] = (byte)(value >> 8);
                _buffer[_position + 3] = (byte)value;
            }
            _position += 4;
        }

        public void WriteUInt48(long value)
        {
            if (value < 0 || value > 0xFFFFFFFFFFFFL)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "value " + value + " does not fit in a uint48");
            Reserve(6);
            if (_buffer != null)
            {
                for (int i = 5; i >= 0; i--)
                {
                    _buffer[_position + i] = (byte)value;
                    value >>= 8;
                }
            }
            _position += 6;
        }

        public void WriteBytes(byte[] data)
        {
            if (data == null)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError, "cannot write a null byte array");
            WriteBytes(data, 0, data.Length);
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset > data.Length || count > data.Length - offset)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "WriteBytes source range is invalid");
            Reserve(count);
            if (_buffer != null) Array.Copy(data, offset, _buffer, _position, count);
            _position += count;
        }

        public void WriteBytes(SpanByte data)
        {
            Reserve(data.Length);
            if (_buffer != null) data.CopyTo(new SpanByte(_buffer, _position, data.Length));
            _position += data.Length;
        }

        /// <summary>Writes a vector with a 1-byte length prefix.</summary>
        public void WriteVector8(byte[] data)
        {
            int mark = BeginVector8();
            WriteBytes(data);
            EndVector8(mark);
        }

        public void WriteVector16(byte[] data)
        {
            int mark = BeginVector16();
            WriteBytes(data);
            EndVector16(mark);
        }

        public void WriteVector24(byte[] data)
        {
            int mark = BeginVector24();
            WriteBytes(data);
            EndVector24(mark);
        }

        /// <summary>Reserves a 1-byte length field; pass the returned mark to <see cref="EndVector8"/>.</summary>
        public int BeginVector8() { return Begin(1); }

        public int BeginVector16() { return Begin(2); }

        public int BeginVector24() { return Begin(3); }

        /// <summary>Patches the length reserved at <paramref name="mark"/> with the bytes written since.</summary>
        public void EndVector8(int mark) { End(mark, 1, 0xFF); }

        public void EndVector16(int mark) { End(mark, 2, 0xFFFF); }

        public void EndVector24(int mark) { End(mark, 3, 0xFFFFFF); }

        /// <summary>Copies what has been written into a new array.</summary>
        public byte[] ToArray()
        {
            if (_buffer == null)
                throw new SslException(SslError.InvalidState, AlertDescription.InternalError, "a counting ByteWriter holds no bytes");
            byte[] copy = new byte[_position - _start];
            Array.Copy(_buffer, _start, copy, 0, copy.Length);
            return copy;
        }

        private int Begin(int prefixBytes)
        {
            int mark = _position;
            Reserve(prefixBytes);
            if (_buffer != null)
            {
                for (int i = 0; i < prefixBytes; i++) _buffer[_position + i] = 0;
            }
            _position += prefixBytes;
            return mark;
        }

        private void End(int mark, int prefixBytes, int maxLength)
        {
            if (mark < _start || mark > _position - prefixBytes)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "vector mark " + mark + " does not belong to this writer");
            int length = _position - mark - prefixBytes;
            if (length > maxLength)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "vector of " + length + " bytes does not fit a " + prefixBytes + "-byte length field");
            if (_buffer == null) return;
            if (prefixBytes == 1) _buffer[mark] = (byte)length;
            else if (prefixBytes == 2)
            {
                _buffer[mark] = (byte)(length >> 8);
                _buffer[mark + 1] = (byte)length;
            }
            else PutUInt24(mark, length);
        }

        private void PutUInt24(int at, int value)
        {
            _buffer[at] = (byte)(value >> 16);
            _buffer[at + 1] = (byte)(value >> 8);
            _buffer[at + 2] = (byte)value;
        }

        private void Reserve(int count)
        {
            if (count > _end - _position)
                throw new SslException(SslError.BufferTooSmall, AlertDescription.InternalError,
                    "output buffer too small: " + count + " more bytes needed, " + (_end - _position) + " left");
        }

        private static void CheckRange(int value, int max, string kind)
        {
            if (value < 0 || value > max)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "value " + value + " does not fit in a " + kind);
        }
    }
}
