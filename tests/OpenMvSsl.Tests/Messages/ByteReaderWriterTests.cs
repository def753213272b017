using System;
using OpenMvSsl.Util;
using Xunit;

namespace OpenMvSsl.Tests.Messages
{
    public class ByteReaderWriterTests
    {
        [Fact]
        public void Reader_ReadsBigEndianIntegersAndVectors()
        {
            byte[] data = Hex.Parse("ff 0102 030405 06070809 0a0b0c0d0e0f 02 aabb 0001 cc 000002 ddee");
            ByteReader r = new ByteReader(data);
            Assert.Equal(0xff, r.ReadUInt8("a"));
            Assert.Equal(0x0102, r.ReadUInt16("b"));
            Assert.Equal(0x030405, r.ReadUInt24("c"));
            Assert.Equal(0x06070809u, r.ReadUInt32("d"));
            Assert.Equal(0x0a0b0c0d0e0fL, r.ReadUInt48("e"));
            Assert.Equal(new byte[] { 0xaa, 0xbb }, r.ReadVector8("f"));
            Assert.Equal(new byte[] { 0xcc }, r.ReadVector16("g"));
            Assert.Equal(new byte[] { 0xdd, 0xee }, r.ReadVector24("h"));
            Assert.True(r.IsAtEnd);
            r.EnsureEnd("all");
        }

        [Fact]
        public void Reader_UInt32_HandlesTheTopBit()
        {
            Assert.Equal(0xfffffffeu, new ByteReader(Hex.Parse("fffffffe")).ReadUInt32("x"));
        }

        [Fact]
        public void Reader_WorksInsideAWindow()
        {
            byte[] data = Hex.Parse("99 99 0002 1234 99");
            ByteReader r = new ByteReader(data, 2, 4);
            Assert.Equal(4, r.Length);
            Assert.Equal(2, r.Offset);
            ByteReader block = r.ReadBlock16("block");
            Assert.Equal(4, block.Offset);
            Assert.Equal(0x1234, block.ReadUInt16("value"));
            block.EnsureEnd("block");
            r.EnsureEnd("window");
            Assert.Equal(6, r.AbsolutePosition);
            // The byte after the window is not reachable.
            Assert.Throws<SslException>(() => r.ReadUInt8("past the window"));
        }

        [Fact]
        public void Reader_Overrun_NamesTheField()
        {
            ByteReader r = new ByteReader(Hex.Parse("0005 0102"));
            SslException e = Assert.Throws<SslException>(() => r.ReadVector16("cipher_suites"));
            Assert.Equal(SslError.DecodeError, e.Error);
            Assert.Equal(AlertDescription.DecodeError, e.Alert);
            Assert.Contains("cipher_suites is truncated", e.Message);
        }

        [Fact]
        public void Reader_Overruns_AreAlwaysSslExceptions()
        {
            // Each read with the number of bytes it needs; with 0xff filler every length prefix
            // claims more than is there, so the vector reads fail at any size.
            Tuple<Action<ByteReader>, int>[] reads =
            {
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadUInt8("x"), 1),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadUInt16("x"), 2),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadUInt24("x"), 3),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadUInt32("x"), 4),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadUInt48("x"), 6),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadBytes(7, "x"), 7),
                Tuple.Create<Action<ByteReader>, int>(r => r.Skip(7, "x"), 7),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadVector8("x"), 100),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadVector16("x"), 100),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadVector24("x"), 100),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadBlock8("x"), 100),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadBlock16("x"), 100),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadBlock24("x"), 100),
                Tuple.Create<Action<ByteReader>, int>(r => r.ReadBlock(int.MaxValue, "x"), 100),
            };
            foreach (Tuple<Action<ByteReader>, int> read in reads)
            {
                for (int size = 0; size < Math.Min(read.Item2, 7); size++)
                {
                    byte[] data = new byte[size];
                    Array.Fill(data, (byte)0xff);
                    SslException e = Assert.Throws<SslException>(() => read.Item1(new ByteReader(data)));
                    Assert.Equal(SslError.DecodeError, e.Error);
                }
            }
        }

        [Fact]
        public void Reader_BoundedVectors_RejectOutOfRangeLengths()
        {
            Assert.Equal(SslError.DecodeError,
                Assert.Throws<SslException>(() => new ByteReader(Hex.Parse("00")).ReadVector8("compression", 1, 255)).Error);
            Assert.Equal(SslError.DecodeError,
                Assert.Throws<SslException>(() => new ByteReader(Hex.Parse("21" + new string('0', 66))).ReadVector8("session_id", 0, 32)).Error);
            Assert.Single(new ByteReader(Hex.Parse("01 00")).ReadVector8("compression", 1, 255));
        }

        [Fact]
        public void Reader_EnsureEnd_ReportsTrailingBytes()
        {
            ByteReader r = new ByteReader(Hex.Parse("01 02 03"));
            r.ReadUInt8("first");
            SslException e = Assert.Throws<SslException>(() => r.EnsureEnd("KeyUpdate"));
            Assert.Equal(SslError.DecodeError, e.Error);
            Assert.Contains("KeyUpdate has 2 unexpected trailing bytes", e.Message);
        }

        [Fact]
        public void Reader_RejectsBadWindows()
        {
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => new ByteReader(null)).Error);
            Assert.Throws<SslException>(() => new ByteReader(new byte[4], 3, 2));
            Assert.Throws<SslException>(() => new ByteReader(new byte[4], -1, 2));
            Assert.Throws<SslException>(() => new ByteReader(new byte[4], 1, int.MaxValue));
        }

        [Fact]
        public void Writer_WritesWhatTheReaderReads()
        {
            byte[] buffer = new byte[64];
            ByteWriter w = new ByteWriter(buffer, 3, 40);
            w.WriteUInt8(0xff);
            w.WriteUInt16(0x0102);
            w.WriteUInt24(0x030405);
            w.WriteUInt32(0x06070809u);
            w.WriteUInt48(0x0a0b0c0d0e0fL);
            w.WriteVector8(new byte[] { 0xaa, 0xbb });
            w.WriteVector16(new byte[] { 0xcc });
            w.WriteVector24(new byte[] { 0xdd, 0xee });
            Assert.Equal(Hex.Parse("ff 0102 030405 06070809 0a0b0c0d0e0f 02 aabb 0001 cc 000002 ddee"), w.ToArray());
            Assert.Equal(3 + w.Position, w.AbsolutePosition);
            Assert.Equal(0, buffer[0]);
        }

        [Fact]
        public void Writer_NestedVectorsArePatched()
        {
            ByteWriter w = new ByteWriter(new byte[32]);
            int outer = w.BeginVector16();
            int inner = w.BeginVector8();
            w.WriteBytes(new SpanByte(new byte[] { 1, 2, 3 }));
            w.EndVector8(inner);
            int innermost = w.BeginVector24();
            w.EndVector24(innermost);
            w.EndVector16(outer);
            Assert.Equal(Hex.Parse("0007 03 010203 000000"), w.ToArray());
        }

        [Fact]
        public void Writer_Counter_MeasuresWithoutStoring()
        {
            ByteWriter c = ByteWriter.CreateCounter();
            int mark = c.BeginVector16();
            c.WriteBytes(new byte[300]);
            c.WriteUInt32(1);
            c.EndVector16(mark);
            Assert.True(c.IsCounter);
            Assert.Equal(306, c.Position);
            Assert.Throws<SslException>(() => c.ToArray());
        }

        [Fact]
        public void Writer_Overflow_IsBufferTooSmall()
        {
            ByteWriter w = new ByteWriter(new byte[10], 8, 2);
            w.WriteUInt8(1);
            SslException e = Assert.Throws<SslException>(() => w.WriteUInt16(2));
            Assert.Equal(SslError.BufferTooSmall, e.Error);
            Assert.Equal(SslError.BufferTooSmall, Assert.Throws<SslException>(() => w.WriteBytes(new byte[2])).Error);
            Assert.Equal(SslError.BufferTooSmall, Assert.Throws<SslException>(() => w.BeginVector16()).Error);
            Assert.Equal(1, w.Position); // failed writes leave nothing behind
        }

        [Fact]
        public void Writer_VectorTooLongForItsLengthField_IsRejected()
        {
            ByteWriter w = new ByteWriter(new byte[400]);
            int mark = w.BeginVector8();
            w.WriteBytes(new byte[256]);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => w.EndVector8(mark)).Error);
            Assert.Equal(SslError.InvalidArgument, Assert.Throws<SslException>(() => ByteWriter.CreateCounter().WriteVector16(new byte[65536])).Error);
        }

        [Fact]
        public void Writer_RejectsValuesThatDoNotFit()
        {
            ByteWriter w = new ByteWriter(new byte[16]);
            Assert.Throws<SslException>(() => w.WriteUInt8(256));
            Assert.Throws<SslException>(() => w.WriteUInt16(-1));
            Assert.Throws<SslException>(() => w.WriteUInt24(0x1000000));
            Assert.Throws<SslException>(() => w.WriteUInt48(1L << 48));
            Assert.Throws<SslException>(() => w.EndVector16(12));
            Assert.Equal(0, w.Position);
        }
    }
}
