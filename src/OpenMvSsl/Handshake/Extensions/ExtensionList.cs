using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// An extension block (RFC 8446 4.2): an ordered list of (type, extension_data) entries.
    /// Parsing rejects a type that appears twice. The data stays opaque here; the typed
    /// codecs in this namespace decode the entries an engine cares about.
    /// </summary>
    public sealed class ExtensionList
    {
        private int[] _types = new int[8];
        private byte[][] _data = new byte[8][];
        private int[] _dataOffsets = new int[8];
        private int _count;

        /// <summary>How many extensions are in the block.</summary>
        public int Count { get { return _count; } }

        public int TypeAt(int index)
        {
            CheckIndex(index);
            return _types[index];
        }

        public byte[] DataAt(int index)
        {
            CheckIndex(index);
            return _data[index];
        }

        /// <summary>
        /// Where the entry's extension_data started in the parsed buffer (absolute index into the
        /// reader's array), or -1 for entries added locally. Lets an engine locate the PSK binders.
        /// </summary>
        public int DataOffsetAt(int index)
        {
            CheckIndex(index);
            return _dataOffsets[index];
        }

        /// <summary>Position of the first entry of this type, or -1.</summary>
        public int IndexOf(ExtensionType type)
        {
            return IndexOf((int)type);
        }

        public int IndexOf(int type)
        {
            for (int i = 0; i < _count; i++)
                if (_types[i] == type) return i;
            return -1;
        }

        public bool Contains(ExtensionType type)
        {
            return IndexOf((int)type) >= 0;
        }

        /// <summary>The extension_data of this type, or null when absent.</summary>
        public byte[] Find(ExtensionType type)
        {
            int i = IndexOf((int)type);
            return i < 0 ? null : _data[i];
        }

        public byte[] Find(int type)
        {
            int i = IndexOf(type);
            return i < 0 ? null : _data[i];
        }

        /// <summary>Appends an entry. Adding a type that is already present is a programming error.</summary>
        public void Add(ExtensionType type, byte[] data)
        {
            Add((int)type, data);
        }

        public void Add(int type, byte[] data)
        {
            if (type < 0 || type > 0xFFFF) throw WireError.Argument("extension type " + type + " is not a uint16");
            if (data == null) throw WireError.Argument("extension data is null (use an empty array)");
            if (data.Length > 0xFFFF) throw WireError.Argument("extension " + type + " data is longer than 65535 bytes");
            if (IndexOf(type) >= 0) throw WireError.Argument("extension " + type + " is already in the list");
            Append(type, data, -1);
        }

        /// <summary>Appends the encoded form of a typed extension.</summary>
        public void Add(ExtensionBody body)
        {
            if (body == null) throw WireError.Argument("extension body is null");
            Add((int)body.Type, body.Encode());
        }

        /// <summary>Replaces the data of an existing entry, or appends a new one.</summary>
        public void Set(ExtensionType type, byte[] data)
        {
            int i = IndexOf((int)type);
            if (i < 0)
            {
                Add((int)type, data);
                return;
            }
            if (data == null) throw WireError.Argument("extension data is null (use an empty array)");
            _data[i] = data;
            _dataOffsets[i] = -1;
        }

        /// <summary>Removes the entry of this type if present; returns whether it was.</summary>
        public bool Remove(ExtensionType type)
        {
            int i = IndexOf((int)type);
            if (i < 0) return false;
            for (int j = i; j < _count - 1; j++)
            {
                _types[j] = _types[j + 1];
                _data[j] = _data[j + 1];
                _dataOffsets[j] = _dataOffsets[j + 1];
            }
            _count--;
            _data[_count] = null;
            return true;
        }

        /// <summary>
        /// Reads a complete extensions vector (uint16 length, then entries) named <paramref name="what"/>
        /// in errors, e.g. "ClientHello extensions".
        /// </summary>
        public static ExtensionList Parse(ByteReader r, string what)
        {
            ByteReader block = r.ReadBlock16(what);
            ExtensionList list = new ExtensionList();
            while (!block.IsAtEnd)
            {
                int type = block.ReadUInt16(what + " extension type");
                string name = what + " extension " + WireError.Hex16(type);
                int length = block.ReadUInt16(name + " length");
                int offset = block.AbsolutePosition;
                byte[] data = block.ReadBytes(length, name + " data");
                if (list.IndexOf(type) >= 0)
                    throw WireError.Illegal(what + " contain extension " + WireError.Hex16(type) + " twice");
                list.Append(type, data, offset);
            }
            return list;
        }

        /// <summary>Writes the extensions vector (uint16 length, then entries).</summary>
        public void Write(ByteWriter w)
        {
            int mark = w.BeginVector16();
            for (int i = 0; i < _count; i++)
            {
                w.WriteUInt16(_types[i]);
                w.WriteVector16(_data[i]);
            }
            w.EndVector16(mark);
        }

        private void Append(int type, byte[] data, int offset)
        {
            if (_count == _types.Length)
            {
                int size = _count * 2;
                int[] types = new int[size];
                byte[][] datas = new byte[size][];
                int[] offsets = new int[size];
                Array.Copy(_types, types, _count);
                Array.Copy(_data, datas, _count);
                Array.Copy(_dataOffsets, offsets, _count);
                _types = types;
                _data = datas;
                _dataOffsets = offsets;
            }
            _types[_count] = type;
            _data[_count] = data;
            _dataOffsets[_count] = offset;
            _count++;
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= _count)
                throw WireError.Argument("extension index " + index + " is out of range (count " + _count + ")");
        }
    }
}
