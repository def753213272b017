using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// BouncyCastle's DatagramTransport over a UDP socket connected to one peer. Receive waits
    /// with Poll and returns -1 on timeout (how DtlsRecordLayer expects a timeout); datagrams from
    /// other addresses and ICMP errors are dropped, as a real network would lose them.
    /// </summary>
    internal sealed class UdpDatagramTransport : DatagramTransport
    {
        /// <summary>IPv4 header (20) plus UDP header (8).</summary>
        private const int IpAndUdpOverhead = 28;
        private const int MaxUdpPayload = 65507;

        private readonly Socket socket;
        private readonly EndPoint remote;
        private readonly int sendLimit;
        private readonly byte[] scratch = new byte[MaxUdpPayload];
        private byte[] pending;
        private volatile bool closed;

        /// <param name="pendingDatagram">A datagram already read from the socket that Receive
        /// returns first (the ClientHello a server read to learn the client's address).</param>
        public UdpDatagramTransport(Socket socket, EndPoint remote, int mtu, byte[] pendingDatagram)
        {
            this.socket = socket;
            this.remote = remote;
            sendLimit = mtu - IpAndUdpOverhead;
            pending = pendingDatagram;
        }

        public int DatagramsSent { get; private set; }

        public int DatagramsReceived { get; private set; }

        public int GetReceiveLimit()
        {
            return MaxUdpPayload;
        }

        public int GetSendLimit()
        {
            return sendLimit;
        }

        public int Receive(byte[] buf, int off, int len, int waitMillis)
        {
            return Receive(buf.AsSpan(off, len), waitMillis);
        }

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            if (pending != null)
            {
                byte[] first = pending;
                pending = null;
                return Deliver(first, first.Length, buffer);
            }

            DateTime deadline = DateTime.UtcNow.AddMilliseconds(waitMillis);
            while (true)
            {
                if (closed) throw new IOException("UDP transport closed");
                int left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
                if (left <= 0) return -1;
                try
                {
                    if (!socket.Poll(left * 1000, SelectMode.SelectRead)) return -1;
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int length = socket.ReceiveFrom(scratch, 0, scratch.Length, SocketFlags.None, ref from);
                    if (!from.Equals(remote)) continue;
                    return Deliver(scratch, length, buffer);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused
                    || e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // An ICMP port-unreachable for an earlier send: that datagram was lost, nothing more.
                }
                catch (ObjectDisposedException)
                {
                    throw new IOException("UDP transport closed");
                }
            }
        }

        private int Deliver(byte[] datagram, int length, Span<byte> buffer)
        {
            DatagramsReceived++;
            int copied = Math.Min(length, buffer.Length);
            datagram.AsSpan(0, copied).CopyTo(buffer);
            return copied;
        }

        public void Send(byte[] buf, int off, int len)
        {
            Send(new ReadOnlySpan<byte>(buf, off, len));
        }

        public void Send(ReadOnlySpan<byte> buffer)
        {
            if (closed) throw new IOException("UDP transport closed");
            try
            {
                if (socket.Connected) socket.Send(buffer, SocketFlags.None);
                else socket.SendTo(buffer, SocketFlags.None, remote);
                DatagramsSent++;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused
                || e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Reported for an earlier datagram; UDP sends are fire-and-forget.
            }
            catch (ObjectDisposedException)
            {
                throw new IOException("UDP transport closed");
            }
        }

        /// <summary>Marks the transport closed; the owner closes the socket.</summary>
        public void Close()
        {
            closed = true;
        }
    }
}
