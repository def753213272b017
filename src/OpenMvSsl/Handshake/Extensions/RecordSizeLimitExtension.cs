using System;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>record_size_limit (RFC 8449 4): uint16 RecordSizeLimit, at least 64 (else illegal_parameter).</summary>
    public sealed class RecordSizeLimitExtension : ExtensionBody
    {
        public const int MinimumLimit = 64;

        public int Limit;

        public RecordSizeLimitExtension(int limit)
        {
            if (limit < MinimumLimit || limit > 0xFFFF) throw WireError.Argument("record_size_limit must be 64..65535, not " + limit);
            Limit = limit;
        }

        public override ExtensionType Type { get { return ExtensionType.RecordSizeLimit; } }

        public static RecordSizeLimitExtension Parse(byte[] data)
        {
            ByteReader r = new ByteReader(data);
            int limit = r.ReadUInt16("record_size_limit value");
            r.EnsureEnd("record_size_limit extension");
            if (limit < MinimumLimit) throw WireError.Illegal("record_size_limit " + limit + " is below the minimum of 64");
            return new RecordSizeLimitExtension(limit);
        }

        public override void Write(ByteWriter w)
        {
            w.WriteUInt16(Limit);
        }
    }
}
