using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>
    /// An in-memory datagram path for driver tests: records what was sent, delivers what a test
    /// (or an automatic responder) puts in, and waits like a socket would.
    /// </summary>
    internal sealed class MemoryTransport : IDatagramTransport
    {
        private readonly object gate = new object();
        private readonly Queue<byte[]> incoming = new Queue<byte[]>();

        /// <summary>Given each sent datagram as text; returns replies to deliver (or null).</summary>
        public Func<string, string[]> Responder;

        public List<string> Sent { get; } = new List<string>();
        public bool Closed { get; private set; }
        public string LastTransientError { get; set; }
        public int TransientErrorCount { get; set; }
        public string PeerName => "memory:1";

        public void Deliver(string text)
        {
            Deliver(Encoding.ASCII.GetBytes(text));
        }

        public void Deliver(byte[] datagram)
        {
            lock (gate)
            {
                incoming.Enqueue(datagram);
                Monitor.PulseAll(gate);
            }
        }

        public void Send(byte[] buffer, int offset, int count)
        {
            string text = Encoding.ASCII.GetString(buffer, offset, count);
            string[] replies;
            lock (gate)
            {
                if (Closed) throw new SslException(SslError.SocketError, "closed");
                Sent.Add(text);
                replies = Responder?.Invoke(text);
            }
            if (replies != null)
                foreach (string reply in replies) Deliver(reply);
        }

        public int Receive(byte[] buffer, int offset, int count, int timeoutMs)
        {
            lock (gate)
            {
                if (incoming.Count == 0 && timeoutMs != 0)
                    Monitor.Wait(gate, timeoutMs < 0 ? Timeout.Infinite : timeoutMs);
                if (incoming.Count == 0) return -1;
                byte[] next = incoming.Dequeue();
                int length = Math.Min(count, next.Length);
                Array.Copy(next, 0, buffer, offset, length);
                return length;
            }
        }

        public int SentCount(string text)
        {
            lock (gate)
            {
                return Sent.FindAll(s => s == text).Count;
            }
        }

        public void Close()
        {
            lock (gate)
            {
                Closed = true;
            }
        }
    }
}
