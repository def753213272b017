using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenMvSsl.Engine;

namespace OpenMvSsl.Tests.Interop
{
    /// <summary>Drives one TlsEngine over a real TCP connection on 127.0.0.1, with hard time limits.</summary>
    internal sealed class TcpEngineDriver : IDisposable
    {
        private readonly Socket socket;
        private readonly byte[] buffer = new byte[32768];
        private readonly Stopwatch clock = Stopwatch.StartNew();

        private TcpEngineDriver(Socket socket, TlsEngine engine)
        {
            this.socket = socket;
            Engine = engine;
            engine.Start();
        }

        public TlsEngine Engine { get; }

        public static TcpEngineDriver Connect(EngineSettings settings, int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return new TcpEngineDriver(socket, new TlsEngine(settings));
        }

        public static TcpEngineDriver Accept(Socket listener, EngineSettings settings, TimeSpan timeout)
        {
            if (!listener.Poll((int)(timeout.TotalMilliseconds * 1000), SelectMode.SelectRead))
                throw new TimeoutException("no TCP connection in " + timeout);
            return new TcpEngineDriver(listener.Accept(), new TlsEngine(settings));
        }

        public static Socket Listen(out int port)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(4);
            port = ((IPEndPoint)listener.LocalEndPoint).Port;
            return listener;
        }

        public void Handshake(TimeSpan timeout)
        {
            Pump(() => Engine.IsHandshakeComplete, timeout);
            if (!Engine.IsHandshakeComplete)
                throw (Exception)Engine.Failure ?? new TimeoutException("TLS handshake did not finish in " + timeout);
        }

        public void Write(byte[] data)
        {
            Engine.Write(data);
            Flush();
        }

        /// <summary>Reads until <paramref name="count"/> bytes arrived (or the peer closed); returns what came.</summary>
        public byte[] Read(int count, TimeSpan timeout)
        {
            var result = new System.IO.MemoryStream();
            var chunk = new byte[4096];
            Pump(() =>
            {
                int n;
                while (result.Length < count && (n = Engine.Read(chunk.AsSpan(0, (int)Math.Min(chunk.Length, count - result.Length)))) > 0)
                    result.Write(chunk, 0, n);
                return result.Length >= count || Engine.PeerClosed;
            }, timeout);
            if (result.Length < count && Engine.Failure != null) throw Engine.Failure;
            return result.ToArray();
        }

        public bool Pump(Func<bool> done, TimeSpan timeout)
        {
            long deadline = clock.ElapsedMilliseconds + (long)timeout.TotalMilliseconds;
            while (true)
            {
                Flush();
                if (done()) return true;
                if (Engine.State == EngineState.Failed) return false;
                long left = deadline - clock.ElapsedMilliseconds;
                if (left <= 0) return false;
                if (Engine.InputSpace == 0) return done();
                if (!socket.Poll((int)Math.Min(left * 1000, 100_000), SelectMode.SelectRead)) continue;
                int n;
                try
                {
                    n = socket.Receive(buffer, 0, Math.Min(buffer.Length, Engine.InputSpace), SocketFlags.None);
                }
                catch (SocketException)
                {
                    n = 0;
                }
                if (n == 0)
                {
                    Engine.TransportClosed();
                    Flush();
                    return done();
                }
                Engine.Feed(buffer.AsSpan(0, n));
            }
        }

        public void Flush()
        {
            while (Engine.HasOutgoing)
            {
                int n = Engine.TakeOutgoing(buffer);
                try
                {
                    socket.Send(buffer, 0, n, SocketFlags.None);
                }
                catch (SocketException)
                {
                    return;
                }
            }
        }

        public void Close()
        {
            Engine.Close();
            Flush();
        }

        public void Dispose() => socket.Dispose();
    }
}
