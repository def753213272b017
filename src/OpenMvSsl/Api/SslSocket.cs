using System;

namespace OpenMvSsl
{
    /// <summary>
    /// MicroPython's <c>SSLSocket</c>: an encrypted socket made by <c>SslContext.WrapSocket</c>,
    /// <c>Ssl.WrapSocket</c> or <c>DtlsListener.AcceptPeer</c>.
    ///
    /// Blocking modes follow MicroPython's settimeout: <see cref="Timeout"/> -1 (the default)
    /// blocks, 0 is non-blocking (<see cref="SetBlocking"/>(false)), a positive value blocks at
    /// most that many ms and then throws SslException(TimedOut).
    ///
    /// The would-block rule (non-blocking mode): a call that cannot make progress without
    /// waiting returns a value instead of throwing, like MicroPython's read() returning None:
    /// methods returning byte[] return null, methods returning int return -1,
    /// <see cref="DoHandshake"/> returns false. End of stream (the peer's close_notify) is an
    /// empty array or 0. Failures are always SslException.
    /// </summary>
    public sealed class SslSocket : IDisposable
    {
        private const int WouldBlock = -1;

        private readonly SslChannel channel;
        private int timeoutMs;
        // Received data not handed out yet: the rest of a record that a smaller read did not
        // take (as mbedTLS keeps it), and what ReadLine read past the end of a line.
        private byte[] pending;
        private int pendingOffset;
        private int pendingCount;

        internal SslSocket(SslChannel channel, int timeoutMs)
        {
            this.channel = channel;
            this.timeoutMs = timeoutMs < 0 ? -1 : timeoutMs;
        }

        // ---- modes ------------------------------------------------------------------------

        /// <summary>
        /// Milliseconds a call may block: -1 forever (default), 0 non-blocking (see the
        /// would-block rule), positive: at most that long, then SslException(TimedOut).
        /// </summary>
        public int Timeout
        {
            get { return timeoutMs; }
            set
            {
                if (value < -1) throw new SslException(SslError.InvalidArgument, "Timeout must be -1 (forever), 0 (non-blocking) or positive, got " + value);
                timeoutMs = value;
            }
        }

        /// <summary>MicroPython's setblocking: true is Timeout -1, false is Timeout 0.</summary>
        public void SetBlocking(bool blocking)
        {
            timeoutMs = blocking ? -1 : 0;
        }

        /// <summary>
        /// Runs the handshake (for doHandshakeOnConnect: false). Blocking: returns true when done.
        /// Non-blocking: true when done, false when it needs more datagrams; call again later
        /// (every Send/Recv also moves the handshake on).
        /// </summary>
        public bool DoHandshake()
        {
            CheckOpen();
            if (channel.Handshake(timeoutMs)) return true;
            if (timeoutMs == 0) return false;
            throw TimedOut("the handshake did not finish");
        }

        public bool IsHandshakeComplete { get { return channel.IsHandshakeComplete; } }

        /// <summary>True for the server side of a connection.</summary>
        public bool ServerSide { get { return channel.IsServer; } }

        // ---- sending ----------------------------------------------------------------------

        /// <summary>Sends <paramref name="data"/> as one DTLS datagram. Returns its length, or -1 (would block).</summary>
        public int Send(byte[] data)
        {
            CheckBuffer(data, 0, data == null ? 0 : data.Length);
            return Send(data, 0, data.Length);
        }

        /// <summary>Sends a slice as one DTLS datagram. Returns count, or -1 (would block).</summary>
        public int Send(byte[] data, int offset, int count)
        {
            CheckBuffer(data, offset, count);
            CheckOpen();
            int sent = channel.Send(data, offset, count, timeoutMs);
            if (sent >= 0) return sent;
            if (timeoutMs == 0) return WouldBlock;
            throw TimedOut("the handshake did not finish, nothing was sent");
        }

        /// <summary>Sends everything (DTLS: one datagram). Returns the count, or -1 (would block, nothing sent).</summary>
        public int SendAll(byte[] data)
        {
            CheckBuffer(data, 0, data == null ? 0 : data.Length);
            return SendAll(data, 0, data.Length);
        }

        public int SendAll(byte[] data, int offset, int count)
        {
            CheckBuffer(data, offset, count);
            int total = 0;
            while (total < count || count == 0)
            {
                int sent = Send(data, offset + total, count - total);
                if (sent < 0) return total > 0 ? total : WouldBlock;
                total += sent;
                if (count == 0) break;
            }
            return total;
        }

        /// <summary>MicroPython's write: the same as <see cref="SendAll(byte[])"/>.</summary>
        public int Write(byte[] data)
        {
            return SendAll(data);
        }

        public int Write(byte[] data, int offset, int count)
        {
            return SendAll(data, offset, count);
        }

        /// <summary>Largest payload one Send takes (DTLS: what one record carries under the MTU).</summary>
        public int MaxSendLength { get { return channel.MaxSendLength; } }

        // ---- receiving --------------------------------------------------------------------

        /// <summary>
        /// Up to <paramref name="maxBytes"/> bytes of the next datagram (never bytes of two).
        /// When the datagram is longer, the rest comes with the next call. Empty array: the peer
        /// closed cleanly. Null: would block.
        /// </summary>
        public byte[] Recv(int maxBytes)
        {
            if (maxBytes <= 0) throw new SslException(SslError.InvalidArgument, "Recv needs a positive size, got " + maxBytes);
            CheckOpen();
            if (pendingCount == 0)
            {
                int filled = Fill(timeoutMs);
                if (filled < 0) return NoData("no datagram arrived");
                if (filled == 0) return new byte[0];
            }
            int length = pendingCount < maxBytes ? pendingCount : maxBytes;
            byte[] data = new byte[length];
            Take(data, 0, length);
            return data;
        }

        /// <summary>Like <see cref="Recv"/> into a buffer: the length, 0 at clean close, -1 would block.</summary>
        public int RecvInto(byte[] buffer)
        {
            CheckBuffer(buffer, 0, buffer == null ? 0 : buffer.Length);
            return RecvInto(buffer, 0, buffer.Length);
        }

        public int RecvInto(byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            if (count == 0) throw new SslException(SslError.InvalidArgument, "RecvInto needs room for at least one byte");
            CheckOpen();
            if (pendingCount == 0)
            {
                if (count >= channel.ReceiveChunkSize)
                {
                    // Big enough for any record: no copy through the pending buffer.
                    int direct = channel.Receive(buffer, offset, count, timeoutMs);
                    if (direct < 0) return NoCount("no datagram arrived");
                    return direct;
                }
                int filled = Fill(timeoutMs);
                if (filled < 0) return NoCount("no datagram arrived");
                if (filled == 0) return 0;
            }
            return Take(buffer, offset, count);
        }

        /// <summary>
        /// MicroPython's read(n), a byte-stream read: gathers up to <paramref name="maxBytes"/>
        /// bytes, across datagrams, until that many arrived or the peer closed; -1 reads to the
        /// end. Non-blocking: what is there, or null when nothing is.
        /// </summary>
        public byte[] Read(int maxBytes)
        {
            if (maxBytes == 0 || maxBytes < -1) throw new SslException(SslError.InvalidArgument, "Read needs a positive size or -1, got " + maxBytes);
            CheckOpen();
            long deadline = DtlsChannel.Deadline(timeoutMs);
            byte[] collected = new byte[maxBytes > 0 && maxBytes < 256 ? maxBytes : 256];
            int total = 0;
            while (maxBytes < 0 || total < maxBytes)
            {
                if (pendingCount == 0)
                {
                    int filled = Fill(DtlsChannel.Remaining(deadline));
                    if (filled == 0) break;
                    if (filled < 0)
                    {
                        if (total > 0) break;
                        return NoData("no data arrived");
                    }
                }
                int want = maxBytes < 0 ? pendingCount : maxBytes - total;
                if (want > pendingCount) want = pendingCount;
                collected = Grow(collected, total + want);
                total += Take(collected, total, want);
            }
            return Trim(collected, total);
        }

        /// <summary>All data until the peer closes (MicroPython read() without a size).</summary>
        public byte[] Read()
        {
            return Read(-1);
        }

        /// <summary>
        /// MicroPython's readinto: fills the buffer across datagrams until full or the peer
        /// closed. Returns the count (0 at end), or -1 when non-blocking and nothing was there.
        /// </summary>
        public int ReadInto(byte[] buffer)
        {
            CheckBuffer(buffer, 0, buffer == null ? 0 : buffer.Length);
            return ReadInto(buffer, 0, buffer.Length);
        }

        public int ReadInto(byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            CheckOpen();
            long deadline = DtlsChannel.Deadline(timeoutMs);
            int total = 0;
            while (total < count)
            {
                if (pendingCount == 0)
                {
                    int filled = Fill(DtlsChannel.Remaining(deadline));
                    if (filled == 0) break;
                    if (filled < 0)
                    {
                        if (total > 0) break;
                        return NoCount("no data arrived");
                    }
                }
                total += Take(buffer, offset + total, count - total);
            }
            return total;
        }

        /// <summary>
        /// MicroPython's readline: bytes up to and including '\n' (or up to
        /// <paramref name="limit"/> bytes, or to the end of stream). Non-blocking: the part
        /// that is there, or null when nothing is. Empty array: end of stream.
        /// </summary>
        public byte[] ReadLine(int limit)
        {
            if (limit == 0 || limit < -1) throw new SslException(SslError.InvalidArgument, "ReadLine needs a positive limit or -1, got " + limit);
            CheckOpen();
            long deadline = DtlsChannel.Deadline(timeoutMs);
            byte[] line = new byte[64];
            int total = 0;
            while (limit < 0 || total < limit)
            {
                if (pendingCount == 0)
                {
                    int filled = Fill(DtlsChannel.Remaining(deadline));
                    if (filled == 0) break;
                    if (filled < 0)
                    {
                        if (total > 0) break;
                        return NoData("no line arrived");
                    }
                }
                int scan = pendingCount;
                if (limit >= 0 && scan > limit - total) scan = limit - total;
                int take = scan;
                for (int i = 0; i < scan; i++)
                {
                    if (pending[pendingOffset + i] == (byte)'\n')
                    {
                        take = i + 1;
                        break;
                    }
                }
                line = Grow(line, total + take);
                Take(line, total, take);
                total += take;
                if (line[total - 1] == (byte)'\n') break;
            }
            return Trim(line, total);
        }

        public byte[] ReadLine()
        {
            return ReadLine(-1);
        }

        // ---- state and closing ------------------------------------------------------------

        /// <summary>
        /// Sends close_notify (best effort) and closes the socket (a listener peer: forgets it,
        /// the listener's socket stays open). Calling it again does nothing.
        /// </summary>
        public void Close()
        {
            channel.Close();
            pendingCount = 0;
        }

        public void Dispose()
        {
            Close();
        }

        public bool IsClosed { get { return channel.IsClosed; } }

        /// <summary>
        /// MicroPython's cipher(): { IANA suite name, version name }, e.g.
        /// { "TLS_PSK_WITH_AES_128_CCM_8", "DTLSv1.2" }; null before the handshake is done.
        /// </summary>
        public string[] Cipher()
        {
            string suite = channel.CipherSuiteName;
            string version = channel.VersionName;
            if (suite == null || version == null) return null;
            return new string[] { suite, version };
        }

        /// <summary>
        /// MicroPython's getpeercert(True): the peer's certificate as DER, or null when it sent
        /// none. Only binaryForm = true exists (as in MicroPython).
        /// </summary>
        public byte[] GetPeerCert(bool binaryForm)
        {
            if (!binaryForm)
                throw new SslException(SslError.InvalidArgument, "only GetPeerCert(binaryForm: true) exists (as in MicroPython): it returns the DER certificate");
            byte[][] chain = channel.PeerCertificates;
            return chain == null || chain.Length == 0 ? null : chain[0];
        }

        public byte[] GetPeerCert()
        {
            return GetPeerCert(true);
        }

        /// <summary>The peer's whole certificate chain (DER, leaf first), or null.</summary>
        public byte[][] GetPeerCertChain()
        {
            return channel.PeerCertificates;
        }

        /// <summary>TLS: the ALPN protocol both sides agreed on (SslContext.AlpnProtocols), or null.</summary>
        public string AlpnProtocol { get { return channel.AlpnProtocol; } }

        /// <summary>
        /// TLS 1.3: switches our sending keys now (KeyUpdate, RFC 8446 4.6.3); with
        /// <paramref name="requestPeerUpdate"/> the peer is asked to switch its keys too.
        /// SslException(InvalidState) on TLS 1.2 and DTLS.
        /// </summary>
        public void UpdateKeys(bool requestPeerUpdate)
        {
            CheckOpen();
            channel.UpdateKeys(requestPeerUpdate);
        }

        /// <summary>Server with PSK: the identity the client used, or null.</summary>
        public byte[] PeerPskIdentity { get { return channel.PeerPskIdentity; } }

        /// <summary>The peer's address as text ("127.0.0.1:50000"), or null when unknown.</summary>
        public string PeerName { get { return channel.PeerName; } }

        /// <summary>
        /// When the engine next needs to run (a handshake retransmission), on
        /// <see cref="MonotonicClock.NowMs"/>; -1 when no timer runs. Poll loops: wake no later
        /// than this and call any method (DoHandshake, Recv) to let it run.
        /// </summary>
        public long NextTimerMs { get { return channel.NextTimerMs; } }

        /// <summary>Records dropped silently (bad, replayed or out-of-window; RFC 6347 4.1.2.7).</summary>
        public long DroppedRecords { get { return channel.DroppedRecords; } }

        /// <summary>How many times this connection's handshake flights were resent (lost datagrams).</summary>
        public int Retransmissions { get { return channel.Retransmissions; } }

        /// <summary>Dropped records that failed authentication (forged or corrupted).</summary>
        public long AuthenticationFailures { get { return channel.AuthenticationFailures; } }

        /// <summary>Datagrams sent and received on this connection (handshake included).</summary>
        public long DatagramsSent { get { return channel.DatagramsSent; } }
        public long DatagramsReceived { get { return channel.DatagramsReceived; } }

        // ---- internals --------------------------------------------------------------------

        // One receive into the pending buffer: > 0 bytes, 0 at clean close, -1 nothing in time.
        private int Fill(int waitMs)
        {
            if (pending == null) pending = new byte[channel.ReceiveChunkSize];
            int length = channel.Receive(pending, 0, pending.Length, waitMs);
            pendingOffset = 0;
            pendingCount = length > 0 ? length : 0;
            return length;
        }

        private int Take(byte[] destination, int offset, int count)
        {
            int length = pendingCount < count ? pendingCount : count;
            Array.Copy(pending, pendingOffset, destination, offset, length);
            pendingOffset += length;
            pendingCount -= length;
            return length;
        }

        private byte[] NoData(string what)
        {
            if (timeoutMs == 0) return null;
            throw TimedOut(what);
        }

        private int NoCount(string what)
        {
            if (timeoutMs == 0) return WouldBlock;
            throw TimedOut(what);
        }

        private SslException TimedOut(string what)
        {
            string hint = channel.TimeoutHint;
            return new SslException(SslError.TimedOut, what + " within the socket's Timeout of " + timeoutMs + " ms"
                + (hint == null ? "" : " (" + hint + ")"));
        }

        private void CheckOpen()
        {
            if (channel.IsClosed) throw new SslException(SslError.Closed, "this SslSocket was closed");
        }

        private static void CheckBuffer(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new SslException(SslError.InvalidArgument, "buffer is null");
            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
                throw new SslException(SslError.InvalidArgument,
                    "offset " + offset + " and count " + count + " do not fit a buffer of " + buffer.Length + " bytes");
        }

        private static byte[] Grow(byte[] buffer, int needed)
        {
            if (needed <= buffer.Length) return buffer;
            int size = buffer.Length * 2;
            if (size < needed) size = needed;
            byte[] bigger = new byte[size];
            Array.Copy(buffer, bigger, buffer.Length);
            return bigger;
        }

        private static byte[] Trim(byte[] buffer, int length)
        {
            if (length == buffer.Length) return buffer;
            byte[] exact = new byte[length];
            Array.Copy(buffer, exact, length);
            return exact;
        }
    }
}
