using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenMvSsl.Engine;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>
    /// Drives one DtlsEngine over a real UDP socket on 127.0.0.1, with hard time limits, so the
    /// engine can face external DTLS stacks directly. (The library's own driver is SslSocket;
    /// this one keeps engine interop tests independent of it.)
    /// </summary>
    internal sealed class UdpEngineDriver : IDisposable
    {
        private readonly Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly byte[] receiveBuffer = new byte[65536];
        private readonly byte[] sendBuffer = new byte[65536];
        private DtlsEngine engine;

        public UdpEngineDriver()
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        public int LocalPort => ((IPEndPoint)socket.LocalEndPoint).Port;

        public DtlsEngine Engine => engine;

        public static UdpEngineDriver Client(EngineSettings settings, int serverPort)
        {
            var driver = new UdpEngineDriver();
            driver.socket.Connect(new IPEndPoint(IPAddress.Loopback, serverPort));
            driver.engine = new DtlsEngine(settings);
            driver.engine.Start(driver.Now);
            return driver;
        }

        /// <summary>Server on a fresh port; the engine is created when the first datagram names the peer.</summary>
        public static UdpEngineDriver Server() => new UdpEngineDriver();

        public void AcceptFirstPeer(EngineSettings settings, TimeSpan timeout)
        {
            socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n = socket.ReceiveFrom(receiveBuffer, ref from);
            var peer = (IPEndPoint)from;
            socket.Connect(peer);
            settings.PeerAddress = Address(peer);
            engine = new DtlsEngine(settings);
            engine.Start(Now);
            engine.ProcessDatagram(receiveBuffer.AsSpan(0, n), Now);
        }

        private long Now => clock.ElapsedMilliseconds;

        public void Handshake(TimeSpan timeout)
        {
            Pump(() => engine.IsHandshakeComplete, timeout);
            if (!engine.IsHandshakeComplete)
                throw (Exception)engine.Failure ?? new TimeoutException("DTLS handshake did not finish in " + timeout);
        }

        public void Send(byte[] data)
        {
            engine.SendApplicationData(data);
            Flush();
        }

        public byte[] Receive(TimeSpan timeout)
        {
            Pump(() => engine.HasApplicationData, timeout);
            if (!engine.HasApplicationData)
                throw (Exception)engine.Failure ?? new TimeoutException("no application data in " + timeout);
            int n = engine.ReadApplicationData(receiveBuffer);
            return receiveBuffer.AsSpan(0, n).ToArray();
        }

        /// <summary>Runs the engine until done() or failure or timeout; true when done() held.</summary>
        public bool Pump(Func<bool> done, TimeSpan timeout)
        {
            long deadline = Now + (long)timeout.TotalMilliseconds;
            while (true)
            {
                Flush();
                if (done()) return true;
                if (engine.State == EngineState.Failed || engine.State == EngineState.Closed) return false;
                long now = Now;
                if (now >= deadline) return false;
                long wait = deadline - now;
                if (engine.NextTimerMs >= 0) wait = Math.Min(wait, Math.Max(0, engine.NextTimerMs - now));
                if (socket.Poll((int)Math.Min(wait * 1000, int.MaxValue), SelectMode.SelectRead))
                {
                    int n;
                    try
                    {
                        n = socket.Receive(receiveBuffer);
                    }
                    catch (SocketException)
                    {
                        continue; // ICMP port unreachable from a peer not up yet: keep retransmitting
                    }
                    engine.ProcessDatagram(receiveBuffer.AsSpan(0, n), Now);
                }
                engine.HandleTimer(Now);
            }
        }

        private void Flush()
        {
            while (engine.HasOutgoingDatagram)
            {
                int n = engine.TakeOutgoingDatagram(sendBuffer);
                try
                {
                    socket.Send(sendBuffer, 0, n, SocketFlags.None);
                }
                catch (SocketException)
                {
                }
            }
        }

        public void Close()
        {
            if (engine != null && engine.State == EngineState.Established)
            {
                engine.Close();
                Flush();
            }
        }

        private static byte[] Address(IPEndPoint endPoint)
        {
            byte[] ip = endPoint.Address.GetAddressBytes();
            var bytes = new byte[ip.Length + 2];
            ip.CopyTo(bytes, 0);
            bytes[^2] = (byte)(endPoint.Port >> 8);
            bytes[^1] = (byte)endPoint.Port;
            return bytes;
        }

        public void Dispose() => socket.Dispose();
    }
}
