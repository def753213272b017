using System;
using System.IO;
using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace OpenMvSsl.Tests.Peers.BouncyCastle
{
    /// <summary>
    /// Drives a BouncyCastle TlsProtocol in its non-blocking mode (OfferInput / ReadOutput) over a
    /// TCP socket. The peers own every wait this way: a receive timeout never reaches BouncyCastle,
    /// which would otherwise treat it as a failed connection, and post-handshake messages (TLS 1.3
    /// NewSessionTicket, KeyUpdate) are processed whenever bytes arrive.
    /// </summary>
    internal sealed class BcTlsConnection
    {
        private readonly Socket socket;
        private readonly TlsProtocol protocol;
        private readonly byte[] readBuffer = new byte[32768];

        public BcTlsConnection(Socket socket, TlsProtocol protocol)
        {
            this.socket = socket;
            this.protocol = protocol;
        }

        /// <summary>True after the peer closed its side (close_notify or TCP FIN).</summary>
        public bool InputClosed { get; private set; }

        public bool IsClosed => protocol.IsClosed;

        /// <summary>Sends whatever records BouncyCastle has queued.</summary>
        public void FlushOutput()
        {
            int available;
            while ((available = protocol.GetAvailableOutputBytes()) > 0)
            {
                var records = new byte[available];
                int length = protocol.ReadOutput(records, 0, available);
                int sent = 0;
                while (sent < length) sent += socket.Send(records, sent, length - sent, SocketFlags.None);
            }
        }

        /// <summary>Feeds the socket's bytes to BouncyCastle, waiting at most <paramref name="waitMs"/>
        /// for some to arrive; answers (alerts, handshake replies) are sent at once. False at EOF.</summary>
        public bool PumpInput(int waitMs)
        {
            if (InputClosed) return false;
            if (!socket.Poll(Math.Max(0, waitMs) * 1000, SelectMode.SelectRead)) return true;
            int length = socket.Receive(readBuffer, 0, readBuffer.Length, SocketFlags.None);
            try
            {
                if (length == 0)
                {
                    InputClosed = true;
                    protocol.CloseInput();
                    return false;
                }
                protocol.OfferInput(readBuffer, 0, length);
                if (protocol.IsClosed) InputClosed = true;
                return !InputClosed;
            }
            finally
            {
                FlushOutput();
            }
        }

        /// <summary>Completes the handshake that Connect/Accept began, or throws.</summary>
        public void CompleteHandshake(int timeoutMs)
        {
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            FlushOutput();
            while (protocol.IsHandshaking)
            {
                int left = (int)Math.Ceiling((deadline - DateTime.UtcNow).TotalMilliseconds);
                if (left <= 0) throw new TimeoutException("TLS handshake did not complete within " + timeoutMs + " ms");
                if (!PumpInput(Math.Min(left, 50))) throw new IOException("peer closed the connection during the handshake");
            }
        }

        /// <summary>Application data BouncyCastle has decrypted so far, or null when there is none.</summary>
        public byte[] ReadAvailable()
        {
            int available = protocol.ApplicationDataAvailable;
            if (available <= 0) return null;
            var data = new byte[available];
            int length = protocol.ReadInput(data, 0, available);
            if (length == available) return data;
            return data.AsSpan(0, length).ToArray();
        }

        public void Write(byte[] data)
        {
            protocol.WriteApplicationData(data, 0, data.Length);
            FlushOutput();
        }

        /// <summary>Sends close_notify; errors are ignored because the peer may be gone.</summary>
        public void Close()
        {
            try
            {
                protocol.Close();
                FlushOutput();
            }
            catch (Exception)
            {
                // Closing is best effort.
            }
        }
    }
}
