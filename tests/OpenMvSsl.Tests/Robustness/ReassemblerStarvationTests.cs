using System;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Tests.Engine;
using Xunit;

namespace OpenMvSsl.Tests.Robustness
{
    /// <summary>
    /// Found by the reassembler property: messages buffered ahead of the next expected one can
    /// use up the byte budget, and then the next message itself is dropped on every
    /// retransmission, so the handshake can never progress. Before the handshake is protected a
    /// spoofer can do this with one header-only fragment.
    /// </summary>
    public class ReassemblerStarvationTests
    {
        private const int Budget = 32768;

        private static HandshakeHeader Header(int sequence, int length, int offset, int fragmentLength) =>
            new HandshakeHeader(HandshakeType.Certificate, length, sequence) { FragmentOffset = offset, FragmentLength = fragmentLength };

        [Fact]
        public void AnEmptyFragmentOfAHugeFutureMessage_DoesNotBlockTheNextMessage()
        {
            var reassembler = new DtlsReassembler(Budget);
            // A spoofed, empty fragment claiming a future message as large as the whole budget.
            Assert.Equal(FragmentResult.Accepted, reassembler.Add(Header(1, Budget, 0, 0), new byte[0], 0));

            // The real next message must still get through.
            var body = new byte[1000];
            new Random(3).NextBytes(body);
            reassembler.Add(Header(0, body.Length, 0, body.Length), body, 0);
            Assert.True(reassembler.TryTakeNext(out HandshakeType type, out byte[] delivered), "the next expected message was starved by a future one");
            Assert.Equal(body, delivered);
        }

        [Fact]
        public void FutureMessagesFillingTheBudget_DoNotBlockTheNextMessage()
        {
            var reassembler = new DtlsReassembler(2000);
            for (int sequence = 1; sequence <= 3; sequence++)
                reassembler.Add(Header(sequence, 600, 0, 10), new byte[10], 0); // 1800 bytes reserved
            var body = new byte[500];
            reassembler.Add(Header(0, body.Length, 0, body.Length), body, 0);
            Assert.True(reassembler.TryTakeNext(out _, out _), "the next expected message was dropped for lack of budget");
        }
    
        [Theory]
        [InlineData(3)]          // a record sequence number the real server has not used yet
        [InlineData(0x100000)]   // far ahead: also moves an epoch-0 replay window that trusts it
        public void ASpoofedFragmentBeforeTheServerFlight_DoesNotStallTheClient(long recordSequence)
        {
            // The engine-level view: an off-path attacker who spoofs the server's address sends
            // one 25-byte datagram (epoch 0 is not authenticated) just before the server's flight.
            var client = new DtlsEngine(DtlsEngineTests.PskClient(CipherSuites.TlsPskWithAes128Ccm8));
            var server = new DtlsEngine(DtlsEngineTests.PskServer());
            long now = 1000;
            client.Start(now);
            server.Start(now);
            var buffer = new byte[2048];
            bool injected = false;
            for (int step = 0; step < 400 && !(client.IsHandshakeComplete && server.IsHandshakeComplete); step++)
            {
                bool moved = false;
                while (client.HasOutgoingDatagram)
                {
                    int n = client.TakeOutgoingDatagram(buffer);
                    server.ProcessDatagram(buffer.AsSpan(0, n), now);
                    moved = true;
                }
                while (server.HasOutgoingDatagram)
                {
                    int n = server.TakeOutgoingDatagram(buffer);
                    int firstSeq = (buffer[13 + 4] << 8) | buffer[13 + 5];
                    if (!injected && buffer[13] == (byte)HandshakeType.ServerHello)
                    {
                        client.ProcessDatagram(SpoofedFragment(firstSeq + 1, 32768, recordSequence), now);
                        injected = true;
                    }
                    client.ProcessDatagram(buffer.AsSpan(0, n), now);
                    moved = true;
                }
                if (!moved)
                {
                    now += 1000; // let retransmission timers fire
                    client.HandleTimer(now);
                    server.HandleTimer(now);
                }
                if (client.State == EngineState.Failed || server.State == EngineState.Failed) break;
            }
            Assert.True(injected, "the test never saw the server's flight");
            Assert.True(client.IsHandshakeComplete && server.IsHandshakeComplete,
                "handshake stalled after one spoofed fragment: client " + client.State + " " + client.Failure?.Message + ", server " + server.State);
        }

        /// <summary>An epoch-0 handshake record holding an empty fragment of a future message of <paramref name="length"/> bytes.</summary>
        private static byte[] SpoofedFragment(int messageSeq, int length, long recordSequence)
        {
            var d = new byte[13 + 12];
            d[0] = 22; d[1] = 0xFE; d[2] = 0xFD;        // handshake, DTLS 1.2, epoch 0
            for (int i = 0; i < 6; i++) d[5 + i] = (byte)(recordSequence >> (8 * (5 - i)));
            d[12] = 12;                                 // record length
            d[13] = (byte)HandshakeType.Certificate;
            d[14] = (byte)(length >> 16); d[15] = (byte)(length >> 8); d[16] = (byte)length;
            d[17] = (byte)(messageSeq >> 8); d[18] = (byte)messageSeq;
            return d;                                   // fragment_offset 0, fragment_length 0
        }
    }
}
