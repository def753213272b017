using System;

namespace OpenMvSsl
{
    /// <summary>DTLS with one peer over a connected datagram transport (MicroPython's model).</summary>
    internal sealed class ConnectedDtlsChannel : DtlsChannel
    {
        // Datagrams taken in per wait, so that a flood cannot keep a call from returning.
        private const int MaxDatagramsPerWait = 64;

        private readonly IDatagramTransport transport;
        private readonly byte[] receiveBuffer;
        private int transientErrorsSeen;

        public ConnectedDtlsChannel(IDatagramEngine engine, IDatagramTransport transport, bool isServer, int mtu, int receiveBufferSize)
            : base(engine, isServer, mtu, receiveBufferSize, new object(), false)
        {
            this.transport = transport;
            receiveBuffer = new byte[receiveBufferSize];
        }

        public override string PeerName { get { return transport.PeerName; } }

        protected override void SendDatagram(byte[] buffer, int offset, int count)
        {
            transport.Send(buffer, offset, count);
        }

        protected override void WaitForInput(int waitMs)
        {
            int length = transport.Receive(receiveBuffer, 0, receiveBuffer.Length, waitMs);
            int taken = 0;
            while (length >= 0)
            {
                lock (Sync)
                {
                    Feed(receiveBuffer, 0, length);
                }
                if (++taken >= MaxDatagramsPerWait) break;
                length = transport.Receive(receiveBuffer, 0, receiveBuffer.Length, 0);
            }
            CheckTransientErrors();
        }

        // Before the handshake is done a "connection refused" (ICMP port unreachable) is usually
        // a server that is still starting, and retransmission covers it; afterwards it means the
        // peer is gone, and saying so beats waiting for data that will not come.
        private void CheckTransientErrors()
        {
            int count = transport.TransientErrorCount;
            if (count == transientErrorsSeen) return;
            transientErrorsSeen = count;
            bool established;
            lock (Sync)
            {
                established = Engine.IsHandshakeComplete;
            }
            if (established)
                throw new SslException(SslError.SocketError,
                    "the peer is unreachable: " + transport.LastTransientError + " (is it still running?)");
        }

        protected override string TransientErrorHint()
        {
            string error = transport.LastTransientError;
            return error == null ? null : "last socket error: " + error + "; is the server running on that port?";
        }

        protected override void CloseTransport()
        {
            transport.Close();
        }
    }
}
