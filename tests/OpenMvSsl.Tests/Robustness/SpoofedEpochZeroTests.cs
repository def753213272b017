using System;
using OpenMvSsl.Record;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// Epoch-0 DTLS records carry no MAC, so their sequence numbers are whatever a spoofer
    /// writes. RFC 6347 4.1.2.6: the replay window may only move for records that authenticated.
    /// </summary>
    public class SpoofedEpochZeroTests
    {
        private static byte[] PlainHandshakeRecord(ulong sequence)
        {
            var record = new byte[13 + 4];
            record[0] = (byte)ContentType.Handshake;
            record[1] = 0xFE;
            record[2] = 0xFD;
            for (int i = 0; i < 6; i++) record[5 + i] = (byte)(sequence >> (8 * (5 - i)));
            record[12] = 4;
            record[13] = 20; // any handshake bytes: the record layer does not look inside
            return record;
        }

        [Fact]
        public void ASpoofedFarAheadSequence_DoesNotMakeGenuineRecordsLookReplayed()
        {
            var layer = new DtlsRecordLayer();
            var view = new RecordView();
            Assert.Equal(RecordStatus.Complete, layer.ReadRecord(PlainHandshakeRecord(1UL << 40), view)); // spoofed
            RecordStatus genuine = layer.ReadRecord(PlainHandshakeRecord(1), view);
            Assert.True(genuine == RecordStatus.Complete, "a genuine epoch-0 record was dropped as " + view.DropReason + " after a spoofed one");
        }
    }
}
