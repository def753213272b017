using System;
using System.Collections;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Engine
{
    /// <summary>
    /// The flight being sent (RFC 6347 4.2.4): its messages are kept whole so that the flight
    /// can be cut into datagrams again, with fresh record sequence numbers, each time it is
    /// retransmitted.
    /// </summary>
    internal sealed class DtlsFlight
    {
        private const int HandshakeHeaderLength = 12;
        private const int SmallestUsefulFragment = 32;

        private readonly ArrayList entries = new ArrayList();
        private byte[] scratch = new byte[0];

        internal bool IsEmpty { get { return entries.Count == 0; } }

        internal void Clear()
        {
            entries.Clear();
        }

        /// <summary>Adds a handshake message in DTLS form: 12-byte header (unfragmented) and body.</summary>
        internal void AddHandshake(int epoch, byte[] message)
        {
            entries.Add(new Entry(epoch, message));
        }

        internal void AddChangeCipherSpec(int epoch)
        {
            entries.Add(new Entry(epoch, null));
        }

        /// <summary>Cuts the flight into datagrams of at most <paramref name="mtu"/> bytes, appended to <paramref name="datagrams"/>.</summary>
        internal void Serialize(DtlsRecordLayer records, int mtu, ArrayList datagrams)
        {
            if (scratch.Length < mtu) scratch = new byte[mtu];
            var datagram = new byte[mtu];
            int used = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                var entry = (Entry)entries[i];
                if (entry.Message == null)
                {
                    if (used + records.RecordLength(entry.Epoch, 1) > mtu) used = Flush(datagram, used, datagrams, mtu, out datagram);
                    scratch[0] = 1;
                    used += records.WriteRecord(Record.ContentType.ChangeCipherSpec, entry.Epoch, new SpanByte(scratch, 0, 1), new SpanByte(datagram, used, mtu - used));
                    continue;
                }

                byte[] message = entry.Message;
                int bodyLength = message.Length - HandshakeHeaderLength;
                int sent = 0;
                do
                {
                    int room = mtu - used - records.RecordLength(entry.Epoch, HandshakeHeaderLength);
                    int remaining = bodyLength - sent;
                    if (room < remaining && room < SmallestUsefulFragment && used > 0)
                    {
                        used = Flush(datagram, used, datagrams, mtu, out datagram);
                        room = mtu - records.RecordLength(entry.Epoch, HandshakeHeaderLength);
                    }
                    // The peer's record_size_limit / max_fragment_length bounds handshake records too.
                    int allowed = records.WritePlaintextLimit - HandshakeHeaderLength;
                    if (room > allowed) room = allowed;
                    if (room <= 0)
                        throw new SslException(SslError.InvalidArgument, "MTU of " + mtu + " bytes is too small for DTLS handshake records");
                    int fragment = remaining < room ? remaining : room;

                    // Same header with this fragment's offset and length (RFC 6347 4.2.3).
                    Array.Copy(message, 0, scratch, 0, 6);
                    BigEndian.WriteUInt24(scratch, 6, sent);
                    BigEndian.WriteUInt24(scratch, 9, fragment);
                    Array.Copy(message, HandshakeHeaderLength + sent, scratch, HandshakeHeaderLength, fragment);
                    used += records.WriteRecord(Record.ContentType.Handshake, entry.Epoch,
                        new SpanByte(scratch, 0, HandshakeHeaderLength + fragment), new SpanByte(datagram, used, mtu - used));
                    sent += fragment;
                }
                while (sent < bodyLength);
            }
            if (used > 0) Flush(datagram, used, datagrams, mtu, out datagram);
        }

        private static int Flush(byte[] datagram, int used, ArrayList datagrams, int mtu, out byte[] next)
        {
            var exact = new byte[used];
            Array.Copy(datagram, exact, used);
            datagrams.Add(exact);
            next = new byte[mtu];
            return 0;
        }

        private sealed class Entry
        {
            internal readonly int Epoch;
            internal readonly byte[] Message; // null: ChangeCipherSpec

            internal Entry(int epoch, byte[] message)
            {
                Epoch = epoch;
                Message = message;
            }
        }
    }
}
