using System;
using System.Collections.Generic;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;
using OpenMvSsl.Record;
using Xunit;

namespace OpenMvSsl.Tests.Record
{
    /// <summary>
    /// Once a connection's buffers and keys exist, protecting and unprotecting records must
    /// allocate nothing (DESIGN.md: no allocation on the per-record path).
    /// </summary>
    public class RecordAllocationTests
    {
        public static IEnumerable<object[]> Cases() => IndependentRecordVectorTests.Cases();

        [Theory]
        [MemberData(nameof(Cases))]
        public void SealAndOpenAllocateNothing(RecordFamily family, AeadAlgorithm algorithm)
        {
            var provider = new DotNetCryptoProvider();
            var random = new Random(3);
            byte[] key = IndependentRecordVectorTests.Bytes(random, RecordProtection.KeyLength(algorithm));
            byte[] iv = IndependentRecordVectorTests.Bytes(random, RecordProtection.FixedIvLength(algorithm, family));
            var writer = IndependentRecordVectorTests.Writer(provider, family, algorithm, key, iv);
            var reader = IndependentRecordVectorTests.Reader(provider, family, algorithm, key, iv);
            var content = new byte[1024];
            var wire = new byte[2048];
            var view = new RecordView();

            void RoundTrip()
            {
                int n = writer.Write(ContentType.ApplicationData, content, wire);
                RecordStatus status = reader.Tls != null
                    ? reader.Tls.ReadRecord(wire.AsSpan(0, n), view)
                    : reader.Dtls.ReadRecord(wire.AsSpan(0, n), view);
                if (status != RecordStatus.Complete || view.PayloadLength != content.Length)
                    throw new InvalidOperationException("round trip failed: " + status);
            }

            for (int i = 0; i < 50; i++) RoundTrip(); // warm-up: JIT and first-use caches
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) RoundTrip();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }
}
