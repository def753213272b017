using System;

namespace OpenMvSsl.Util
{
    /// <summary>
    /// Reads TLS wire structures (big-endian integers and length-prefixed vectors) from a
    /// window of a byte array. Every read is bounds-checked first: running past the window
    /// throws <see cref="SslException"/> with <see cref="SslError.DecodeError"/> and the
    /// decode_error alert, never an IndexOutOfRangeException.
    /// The <c>what</c> arguments name the field being read so that the error says which one.
    /// </summary>
    public sealed class ByteReader
    {
        private readonly byte[] _buffer;
        private readonly int _start;
        private readonly int _end;
        private int _position;

        public ByteReader(byte[] buffer)
            : this(buffer, 0, buffer == null ? 0 : buffer.Length)
        {
        }

        public ByteReader(byte[] buffer, int offset, int length)
        {
            if (buffer == null)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError, "ByteReader buffer is null");
            if (offset < 0 || length < 0 || offset > buffer.Length || length > buffer.Length - offset)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "ByteReader window (offset " + offset + ", length " + length + ") lies outside a buffer of " + buffer.Length + " bytes");
            _buffer = buffer;
            _start = offset;
            _end = offset + length;
            _position = offset;
        }

        /// <summary>The underlying array (shared, not copied).</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>Index in <see cref="Buffer"/> where this reader's window starts.</summary>
        public int Offset { get { return _start; } }

        /// <summary>Size of the window in bytes.</summary>
        public int Length { get { return _end - _start; } }

        /// <summary>Bytes consumed so far, counted from the start of the window.</summary>
        public int Position { get { return _position - _start; } }

        /// <summary>Index in <see cref="Buffer"/> of the next byte to be read.</summary>
        public int AbsolutePosition { get { return _position; } }

        /// <summary>Bytes left in the window.</summary>
        public int Remaining { get { return _end - _position; } }

        public bool IsAtEnd { get { return _position == _end; } }

        public int ReadUInt8(string what)
        {
            Require(1, what);
            return _buffer[_position++];
        }

        public int ReadUInt16(string what)
        {
            Require(2, what);
            int v = (_buffer[_position] << 8) | _buffer[_position + 1];
            _position += 2;
            return v;
        }

        public int ReadUInt24(string what)
        {
            Require(3, what);
            int v = (_buffer[_position] << 16) | (_buffer[_position + 1] << 8) | _buffer[_position + 2];
            _position += 3;
            return v;
        }

        public uint ReadUInt32(string what)
        {
            Require(4, what);
            uint v = ((uint)_buffer[_position] << 24) | ((uint)_buffer[_position + 1] << 16)
                | ((uint)_buffer[_position + 2] << 8) | _buffer[_position + 3];
            _position += 4;
            return v;
        }

        public long ReadUInt48(string what)
        {
            Require(6, what);
            long v = 0;
            for (int i = 0; i < 6; i++) v = (v << 8) | _buffer[_position + i];
            _position += 6;
            return v;
        }

        /// <summary>Copies the next <paramref name="count"/> bytes into a new array.</summary>
        public byte[] ReadBytes(int count, string what)
        {
            Require(count, what);
            byte[] copy = new byte[count];
            Array.Copy(_buffer, _position, copy, 0, count);
            _position += count;
            return copy;
        }

        public void Skip(int count, string what)
        {
            Require(count, what);
            _position += count;
        }

        /// <summary>Reads a vector with a 1-byte length prefix and returns a copy of its contents.</summary>
        public byte[] ReadVector8(string what)
        {
            return ReadBytes(ReadUInt8(what + " length"), what);
        }

        public byte[] ReadVector16(string what)
        {
            return ReadBytes(ReadUInt16(what + " length"), what);
        }

        public byte[] ReadVector24(string what)
        {
            return ReadBytes(ReadUInt24(what + " length"), what);
        }

        /// <summary>
        /// Reads a vector with a 1-byte length prefix whose length must lie in
        /// [<paramref name="minLength"/>, <paramref name="maxLength"/>] (the RFC's &lt;min..max&gt;).
        /// </summary>
        public byte[] ReadVector8(string what, int minLength, int maxLength)
        {
            int length = ReadUInt8(what + " length");
            CheckVectorLength(length, minLength, maxLength, what);
            return ReadBytes(length, what);
        }

        public byte[] ReadVector16(string what, int minLength, int maxLength)
        {
            int length = ReadUInt16(what + " length");
            CheckVectorLength(length, minLength, maxLength, what);
            return ReadBytes(length, what);
        }

        public byte[] ReadVector24(string what, int minLength, int maxLength)
        {
            int length = ReadUInt24(what + " length");
            CheckVectorLength(length, minLength, maxLength, what);
            return ReadBytes(length, what);
        }

        /// <summary>A reader over the next length-prefixed block; this reader moves past it.</summary>
        public ByteReader ReadBlock8(string what)
        {
            return ReadBlock(ReadUInt8(what + " length"), what);
        }

        public ByteReader ReadBlock16(string what)
        {
            return ReadBlock(ReadUInt16(what + " length"), what);
        }

        public ByteReader ReadBlock24(string what)
        {
            return ReadBlock(ReadUInt24(what + " length"), what);
        }

        /// <summary>A reader over the next <paramref name="count"/> bytes; this reader moves past them.</summary>
        public ByteReader ReadBlock(int count, string what)
        {
            Require(count, what);
            ByteReader block = new ByteReader(_buffer, _position, count);
            _position += count;
            return block;
        }

        /// <summary>Throws decode_error when bytes are left: TLS structures never have slack.</summary>
        public void EnsureEnd(string what)
        {
            if (_position != _end)
                throw new SslException(SslError.DecodeError, AlertDescription.DecodeError,
                    what + " has " + (_end - _position) + " unexpected trailing bytes");
        }

        /// <summary>Copies the whole window, read or not, into a new array.</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_end - _start];
            Array.Copy(_buffer, _start, copy, 0, copy.Length);
            return copy;
        }

        private void Require(int count, string what)
        {
            if (count < 0)
                throw new SslException(SslError.InvalidArgument, AlertDescription.InternalError,
                    "negative byte count " + count + " requested for " + what);
            if (count > _end - _position)
                throw new SslException(SslError.DecodeError, AlertDescription.DecodeError,
                    what + " is truncated (needs " + count + " bytes, " + (_end - _position) + " left)");
        }

        private static void CheckVectorLength(int length, int minLength, int maxLength, string what)
        {
            if (length < minLength || length > maxLength)
                throw new SslException(SslError.DecodeError, AlertDescription.DecodeError,
                    what + " length " + length + " is outside the allowed range " + minLength + ".." + maxLength);
        }
    }
}
