using System;
using System.Net;

namespace OpenMvSsl
{
    /// <summary>
    /// One peer of a <see cref="DtlsListener"/>: its engine, driven by the shared DtlsChannel
    /// loop, with datagrams going out through the listener's socket (SendTo) and coming in
    /// through the listener's demultiplexer. Shares the listener's lock.
    /// </summary>
    internal sealed class ListenerPeerChannel : DtlsChannel
    {
        private readonly DtlsListener listener;
        private readonly IPEndPoint endPoint;
        private readonly byte[] address;
        private string forgottenBecause;

        public ListenerPeerChannel(DtlsListener listener, IDatagramEngine engine, IPEndPoint endPoint, byte[] address,
            int mtu, int receiveBufferSize, object sync, long nowMs)
            : base(engine, true, mtu, receiveBufferSize, sync, true)
        {
            this.listener = listener;
            this.endPoint = endPoint;
            this.address = address;
            LastHeardMs = nowMs;
        }

        // Listener bookkeeping; touched only under the listener's lock.
        internal long LastHeardMs;
        internal bool Accepted;

        internal IPEndPoint EndPoint { get { return endPoint; } }

        internal byte[] Address { get { return address; } }

        internal IDatagramEngine PeerEngine { get { return Engine; } }

        internal bool IsForgotten { get { return forgottenBecause != null; } }

        internal void Take(byte[] datagram, int length, long nowMs)
        {
            LastHeardMs = nowMs;
            Feed(datagram, 0, length);
            Flush();
        }

        internal void ServiceTimers(long nowMs)
        {
            Service(nowMs);
        }

        /// <summary>The listener dropped this peer; later calls on its SslSocket throw Closed with this reason.</summary>
        internal void Forget(string reason)
        {
            if (forgottenBecause == null) forgottenBecause = reason;
        }

        public override string PeerName { get { return SocketSupport.Describe(endPoint); } }

        protected override void SendDatagram(byte[] buffer, int offset, int count)
        {
            listener.SendTo(buffer, offset, count, endPoint);
        }

        protected override void WaitForInput(int waitMs)
        {
            listener.Pump(waitMs);
        }

        protected override long EarliestOtherTimer()
        {
            return listener.EarliestDeadline();
        }

        protected override void CheckAlive()
        {
            if (forgottenBecause != null) throw new SslException(SslError.Closed, forgottenBecause);
        }

        protected override void CloseTransport()
        {
            listener.Remove(this);
        }
    }
}
