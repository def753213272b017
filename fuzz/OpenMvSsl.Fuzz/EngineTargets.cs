using System;
using System.Collections.Generic;
using System.Text;
using OpenMvSsl.Crypto;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Host;
using OpenMvSsl.Record;

namespace OpenMvSsl.Fuzz
{
    /// <summary>
    /// Whole-engine harnesses. A real handshake between our client and our server (PSK for DTLS
    /// and TLS 1.2; ECDHE + an ECDSA certificate for TLS 1.3) runs for
    /// input[0] % 8 steps (each step delivers everything one side has queued), then the engine in
    /// the fuzzed role receives the rest of the input as peer traffic: chunks of [uint16 length][bytes],
    /// one datagram (DTLS) or one read (TLS) each. The engines promise never to throw for bad
    /// input, so any exception out of them is a crash.
    /// </summary>
    public static class EngineTargets
    {
        private static readonly ICryptoProvider Desktop = new DotNetCryptoProvider();
        private static readonly byte[] Identity = Encoding.ASCII.GetBytes("fuzz-device");
        private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        public const int PrefixSteps = 8;
        // Imported once: a private key never changes between executions, and importing costs more than a handshake step.
        private static readonly IPrivateKey ServerKey = Desktop.ImportPrivateKey(FuzzCredentials.PrivateKeyPkcs8);

        private sealed class OneKey : IPskKeyStore
        {
            public byte[] GetKey(byte[] identity) => identity != null && identity.AsSpan().SequenceEqual(Identity) ? Key : null;
        }

        public static IEnumerable<FuzzTarget> All()
        {
            yield return new FuzzTarget("engine-dtls-server", input => RunDtls(input, true));
            yield return new FuzzTarget("engine-dtls-client", input => RunDtls(input, false));
            yield return new FuzzTarget("engine-tls-server", input => RunTls(input, true));
            yield return new FuzzTarget("engine-tls-client", input => RunTls(input, false));
            yield return new FuzzTarget("engine-tls13-server", input => RunTls(input, true, tls13: true));
            yield return new FuzzTarget("engine-tls13-client", input => RunTls(input, false, tls13: true));
        }

        public static EngineSettings Settings(bool server, int seed, int suite)
        {
            var settings = new EngineSettings { Provider = new SeededCryptoProvider(Desktop, seed), IsServer = server, CipherSuites = new[] { suite } };
            if (server)
            {
                settings.PskKeys = new OneKey();
                settings.PeerAddress = new byte[] { 127, 0, 0, 1, 0x30, 0x39 };
                settings.CookieSecret = Key;
            }
            else
            {
                settings.PskIdentity = Identity;
                settings.PskKey = Key;
            }
            settings.MaxVersion = ProtocolVersion.Tls12;
            return settings;
        }

        /// <summary>TLS 1.3 only, TLS_AES_128_GCM_SHA256 with a P-256 key share; the server holds the fixed ECDSA certificate.</summary>
        public static EngineSettings Tls13Settings(bool server, int seed)
        {
            var provider = new SeededCryptoProvider(Desktop, seed);
            var settings = new EngineSettings
            {
                Provider = provider, IsServer = server, CipherSuites = new[] { CipherSuites.TlsAes128GcmSha256 },
                MinVersion = ProtocolVersion.Tls13, MaxVersion = ProtocolVersion.Tls13,
                KeyShareGroups = new[] { NamedGroup.Secp256r1 },
            };
            if (server)
            {
                settings.CertificateChain = new[] { FuzzCredentials.Certificate };
                settings.PrivateKey = ServerKey;
            }
            return settings;
        }

        /// <summary>Splits the fuzz payload after the prefix byte into length-prefixed chunks.</summary>
        public static List<byte[]> Chunks(byte[] input)
        {
            var chunks = new List<byte[]>();
            int at = 1;
            while (at + 2 <= input.Length)
            {
                int length = (input[at] << 8) | input[at + 1];
                at += 2;
                if (length > input.Length - at) length = input.Length - at;
                chunks.Add(input.AsSpan(at, length).ToArray());
                at += length;
            }
            return chunks;
        }

        private static void RunDtls(byte[] input, bool fuzzServer)
        {
            if (input.Length == 0) return;
            var client = new DtlsEngine(Settings(false, 1, CipherSuites.TlsPskWithAes128Ccm8));
            var server = new DtlsEngine(Settings(true, 2, CipherSuites.TlsPskWithAes128Ccm8));
            long now = 1000;
            var buffer = new byte[2048];
            Call("engine-dtls prefix", () =>
            {
                client.Start(now);
                server.Start(now);
                int steps = input[0] % PrefixSteps;
                for (int i = 0; i < steps; i++)
                {
                    DtlsEngine from = i % 2 == 0 ? client : server, to = i % 2 == 0 ? server : client;
                    while (from.HasOutgoingDatagram)
                    {
                        int n = from.TakeOutgoingDatagram(buffer);
                        to.ProcessDatagram(buffer.AsSpan(0, n), now);
                    }
                }
            });
            DtlsEngine victim = fuzzServer ? server : client;
            Call(fuzzServer ? "engine-dtls-server" : "engine-dtls-client", () =>
            {
                foreach (byte[] datagram in Chunks(input))
                {
                    victim.ProcessDatagram(datagram, now);
                    now += 250;
                    if (victim.NextTimerMs <= now) victim.HandleTimer(now);
                    while (victim.HasOutgoingDatagram) victim.TakeOutgoingDatagram(buffer);
                    while (victim.HasApplicationData) victim.ReadApplicationData(buffer);
                }
            });
        }

        private static void RunTls(byte[] input, bool fuzzServer, bool tls13 = false)
        {
            if (input.Length == 0) return;
            var client = new TlsEngine(tls13 ? Tls13Settings(false, 1) : Settings(false, 1, CipherSuites.TlsPskWithAes128GcmSha256));
            var server = new TlsEngine(tls13 ? Tls13Settings(true, 2) : Settings(true, 2, CipherSuites.TlsPskWithAes128GcmSha256));
            var buffer = new byte[20000];
            Call("engine-tls prefix", () =>
            {
                client.Start();
                server.Start();
                int steps = input[0] % PrefixSteps;
                for (int i = 0; i < steps; i++)
                {
                    TlsEngine from = i % 2 == 0 ? client : server, to = i % 2 == 0 ? server : client;
                    while (from.HasOutgoing && to.InputSpace > 0)
                    {
                        int n = from.TakeOutgoing(buffer.AsSpan(0, Math.Min(buffer.Length, to.InputSpace)));
                        to.Feed(buffer.AsSpan(0, n));
                    }
                }
            });
            TlsEngine victim = fuzzServer ? server : client;
            Call((tls13 ? "engine-tls13-" : "engine-tls-") + (fuzzServer ? "server" : "client"), () =>
            {
                foreach (byte[] chunk in Chunks(input))
                {
                    int at = 0;
                    while (at < chunk.Length)
                    {
                        if (victim.State == EngineState.Failed) break;
                        int taken = victim.Feed(chunk.AsSpan(at));
                        while (victim.HasOutgoing) victim.TakeOutgoing(buffer);
                        while (victim.HasApplicationData) victim.Read(buffer);
                        if (taken == 0) break;
                        at += taken;
                    }
                }
                victim.TransportClosed();
            });
        }

        private static void Call(string what, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                throw new FuzzFinding(what + ": threw " + e.GetType().Name + ": " + e.Message, e);
            }
        }
    }
}
