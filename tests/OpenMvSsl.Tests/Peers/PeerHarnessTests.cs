using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace OpenMvSsl.Tests.Peers
{
    /// <summary>
    /// Proves the harness with real peers only: OpenSSL and GnuTLS talk to each other over
    /// loopback through the launchers, the PKI verifies with openssl, and Dispose and the
    /// lifetime limit really end processes. Every wait is bounded.
    /// </summary>
    public sealed class PeerHarnessTests : IClassFixture<TestPki>
    {
        private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan PeerLifetime = TimeSpan.FromSeconds(30);
        private static readonly byte[] PskKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        private const string PskIdentity = "client1";

        private readonly TestPki pki;
        private readonly ITestOutputHelper log;

        public PeerHarnessTests(TestPki pki, ITestOutputHelper log)
        {
            this.pki = pki;
            this.log = log;
        }

        [Fact]
        public void OpenSslClient_OpenSslServer_Tls13_Ecdsa_VerifiesCa()
        {
            var serverOptions = new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Tls13,
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                NAccept = 1,
                Lifetime = PeerLifetime,
            };
            using (PeerProcess server = OpenSslServer.Start(serverOptions))
            using (PeerProcess client = OpenSslClient.Connect(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Tls13,
                Port = server.Port,
                ServerName = TestPki.ServerDnsName,
                VerifyHostname = TestPki.ServerDnsName,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.True(client.WaitForOutput("Protocol version: TLSv1.3", Step), client.Describe());
                Assert.True(client.WaitForOutput("Verification: OK", Step), client.Describe());
                Assert.True(client.WaitForOutput("Signature type: ECDSA", Step), client.Describe());
                ExchangeLines(client, server, "client-to-server-tls13", "server-to-client-tls13");
            }
        }

        [Fact]
        public void OpenSslClient_RejectsServerFromUnrelatedCa()
        {
            using (PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Tls13,
                CertFile = pki.UnrelatedServer.CertificatePemPath,
                KeyFile = pki.UnrelatedServer.PrivateKeyPemPath,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = OpenSslClient.Start(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Tls13,
                Port = server.Port,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                Lifetime = PeerLifetime,
            }))
            {
                Assert.True(client.WaitForExit(Step), client.Describe());
                Assert.NotEqual(0, client.ExitCode);
                Assert.Contains("unable to get local issuer certificate", client.Output);
                Assert.DoesNotMatch(OpenSslClient.HandshakeCompletedPattern, client.Output);
            }
        }

        [Fact]
        public void GnuTlsClient_OpenSslServer_Tls12_Rsa()
        {
            using (PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Tls12,
                CertFile = pki.RsaServer.CertificatePemPath,
                KeyFile = pki.RsaServer.PrivateKeyPemPath,
                Cipher = "ECDHE-RSA-AES128-GCM-SHA256",
                NAccept = 1,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = GnuTlsClient.Connect(new GnuTlsClientOptions
            {
                Port = server.Port,
                Priority = GnuTlsPriorities.Tls12,
                CaFile = pki.RsaRoot.CertificatePemPath,
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.Contains("- Description: (TLS1.2-X.509)-(ECDHE-", client.Output);
                Assert.Contains("(RSA-", client.Output);
                Assert.Contains("(AES-128-GCM)", client.Output);
                Assert.Contains("- Status: The certificate is trusted.", client.Output);
                Assert.True(server.WaitForOutput("CIPHER is ECDHE-RSA-AES128-GCM-SHA256", Step), server.Describe());
                ExchangeLines(client, server, "client-to-server-tls12", "server-to-client-tls12");
            }
        }

        [Fact]
        public void OpenSslClient_GnuTlsServer_Tls13_Rsa_Echo()
        {
            using (PeerProcess server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Priority = GnuTlsPriorities.Tls13,
                CertFile = pki.RsaServer.CertificatePemPath,
                KeyFile = pki.RsaServer.PrivateKeyPemPath,
                DisableClientCert = true,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = OpenSslClient.Connect(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Tls13,
                Port = server.Port,
                ServerName = TestPki.SecondServerDnsName,
                VerifyHostname = TestPki.SecondServerDnsName,
                CaFile = pki.RsaRoot.CertificatePemPath,
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.True(client.WaitForOutput("Protocol version: TLSv1.3", Step), client.Describe());
                Assert.True(client.WaitForOutput("Verification: OK", Step), client.Describe());
                AssertEcho(client, "echo-over-tls13");
            }
        }

        [Fact]
        public void GnuTlsClient_OpenSslServer_Tls13_Ecdsa()
        {
            using (PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Tls13,
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                CipherSuites = "TLS_AES_128_GCM_SHA256",
                NAccept = 1,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = GnuTlsClient.Connect(new GnuTlsClientOptions
            {
                Port = server.Port,
                Priority = GnuTlsPriorities.Tls13,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                VerifyHostname = TestPki.ServerDnsName,
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.Contains("- Description: (TLS1.3-X.509)-", client.Output);
                Assert.Contains("(AES-128-GCM)", client.Output);
                Assert.Contains("- Status: The certificate is trusted.", client.Output);
                Assert.True(server.WaitForOutput("CIPHER is TLS_AES_128_GCM_SHA256", Step), server.Describe());
                ExchangeLines(client, server, "client-to-server-tls13-gnutls", "server-to-client-tls13-gnutls");
            }
        }

        [Fact]
        public void OpenSslClient_GnuTlsServer_Tls12_Ecdsa_Echo()
        {
            using (PeerProcess server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Priority = GnuTlsPriorities.Tls12,
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                DisableClientCert = true,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = OpenSslClient.Connect(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Tls12,
                Port = server.Port,
                ServerName = TestPki.ServerDnsName,
                VerifyHostname = TestPki.ServerDnsName,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                Cipher = "ECDHE-ECDSA-AES128-GCM-SHA256",
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.True(client.WaitForOutput("Protocol version: TLSv1.2", Step), client.Describe());
                Assert.True(client.WaitForOutput("Ciphersuite: ECDHE-ECDSA-AES128-GCM-SHA256", Step), client.Describe());
                Assert.True(server.WaitForOutput(GnuTlsServer.HandshakeCompletedPattern, Step), server.Describe());
                AssertEcho(client, "echo-over-tls12");
            }
        }

        [Fact]
        public void OpenSslClient_GnuTlsServer_Dtls12_PskAes128Ccm8_Echo()
        {
            string pskFile = PskPasswordFile.Write(pki.PathFor("psk-openssl-to-gnutls.txt"), PskIdentity, PskKey);
            using (PeerProcess server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Udp = true,
                Priority = GnuTlsPriorities.DtlsPskAes128Ccm8,
                PskPasswordFile = pskFile,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = OpenSslClient.Connect(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12,
                Port = server.Port,
                PskIdentity = PskIdentity,
                PskKeyHex = PskPasswordFile.Hex(PskKey),
                Cipher = "PSK-AES128-CCM8",
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.True(client.WaitForOutput("Protocol version: DTLSv1.2", Step), client.Describe());
                Assert.True(client.WaitForOutput("Ciphersuite: PSK-AES128-CCM8", Step), client.Describe());
                AssertEcho(client, "echo-over-dtls-psk-ccm8");
            }
        }

        [Fact]
        public void GnuTlsClient_OpenSslServer_Dtls12_PskAes128Ccm8()
        {
            using (PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12,
                PskIdentity = PskIdentity,
                PskKeyHex = PskPasswordFile.Hex(PskKey),
                PskHint = "openmvssl-hint",
                Cipher = "PSK-AES128-CCM8",
                NAccept = 1,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = GnuTlsClient.Connect(new GnuTlsClientOptions
            {
                Udp = true,
                Port = server.Port,
                Priority = GnuTlsPriorities.DtlsPskAes128Ccm8,
                PskUsername = PskIdentity,
                PskKeyHex = PskPasswordFile.Hex(PskKey),
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.Contains("- Description: (DTLS1.2-", client.Output);
                Assert.Contains("(PSK)-(AES-128-CCM-8)", client.Output);
                Assert.Contains("PSK hint 'openmvssl-hint'", client.Output);
                Assert.True(server.WaitForOutput("CIPHER is PSK-AES128-CCM8", Step), server.Describe());
                ExchangeLines(client, server, "client-to-server-dtls-psk", "server-to-client-dtls-psk");
            }
        }

        [Fact]
        public void OpenSslClient_GnuTlsServer_Dtls12_EcdsaAes128Ccm8_MutualAuth_Echo()
        {
            using (PeerProcess server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Udp = true,
                Priority = GnuTlsPriorities.DtlsEcdheEcdsaAes128Ccm8,
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                RequireClientCert = true,
                VerifyClientCert = true,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = OpenSslClient.Connect(new OpenSslClientOptions
            {
                Protocol = PeerProtocol.Dtls12,
                Port = server.Port,
                VerifyHostname = TestPki.ServerDnsName,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                CertFile = pki.EcdsaClient.CertificatePemPath,
                KeyFile = pki.EcdsaClient.PrivateKeyPemPath,
                Cipher = "ECDHE-ECDSA-AES128-CCM8",
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.True(client.WaitForOutput("Ciphersuite: ECDHE-ECDSA-AES128-CCM8", Step), client.Describe());
                Assert.True(client.WaitForOutput("Verification: OK", Step), client.Describe());
                Assert.True(server.WaitForOutput("The certificate is trusted", Step), server.Describe());
                AssertEcho(client, "echo-over-dtls-ecdsa-ccm8");
            }
        }

        [Fact]
        public void GnuTlsServer_Udp_RequiredClientCertMissing_FailsAndKeepsErrorLine()
        {
            // After this failure gnutls-serv 3.7 spins printing "Waiting for connection...";
            // the harness must still hold the error line and stay small.
            PeerProcess server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Udp = true,
                Priority = GnuTlsPriorities.Dtls12,
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                RequireClientCert = true,
                VerifyClientCert = true,
                Lifetime = PeerLifetime,
            });
            try
            {
                using (PeerProcess client = OpenSslClient.Start(new OpenSslClientOptions
                {
                    Protocol = PeerProtocol.Dtls12,
                    Port = server.Port,
                    CaFile = pki.EcdsaRoot.CertificatePemPath,
                    Lifetime = PeerLifetime,
                }))
                {
                    // gnutls-serv sends no alert here, so s_client would sit in DTLS retransmission:
                    // the server's own error line is the signal.
                    Assert.True(server.WaitForOutput(GnuTlsServer.HandshakeFailedPattern, Step), server.Describe());
                    Assert.DoesNotMatch(OpenSslClient.HandshakeCompletedPattern, client.Output);
                    // The spin starts when s_client retransmits its flight (after 1 s); within
                    // 0.1 s of it an unfiltered 1 MiB buffer would have dropped the error line.
                    System.Threading.Thread.Sleep(1500);
                    Assert.Contains("No certificate was found", server.Output);
                }
            }
            finally
            {
                server.Dispose();
            }
            Assert.Contains("No certificate was found", server.Output);
            Assert.True(server.Output.Length < 100_000, "output not collapsed: " + server.Output.Length + " chars");
            log.WriteLine(server.Output.Contains("[harness: previous line repeated") ? "gnutls-serv spun (collapsed):" : "no spin this time:");
            log.WriteLine(server.Output);
        }

        [Fact]
        public void RepeatedLineFilter_CollapsesRuns_AndPassesOtherTextAtOnce()
        {
            const string spin = "Waiting for connection...\n";
            var filter = new RepeatedLineFilter();
            var kept = new System.Text.StringBuilder();
            kept.Append(filter.Process("start\n"));
            for (int i = 0; i < 1000; i++) kept.Append(filter.Process(spin));
            Assert.Equal("", filter.Process("Waiting for conn")); // could be one more repeat: held back
            kept.Append(filter.Process("ection...\nprompt> "));   // a different line: passed at once
            Assert.Equal("start\n" + spin + spin + spin
                + "[harness: previous line repeated 998 more times]\nprompt> ", kept.ToString());
            Assert.Equal("", filter.Flush());

            var tail = new RepeatedLineFilter();
            string all = tail.Process("a\na\na\na\na\n") + tail.Flush();
            Assert.Equal("a\na\na\n[harness: previous line repeated 2 more times]\n", all);
        }

        [Fact]
        public void GnuTlsClient_OpenSslServer_Dtls12_Ecdsa_VerifiesCa()
        {
            using (PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                Protocol = PeerProtocol.Dtls12,
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                Cipher = "ECDHE-ECDSA-AES128-CCM8",
                NAccept = 1,
                Lifetime = PeerLifetime,
            }))
            using (PeerProcess client = GnuTlsClient.Connect(new GnuTlsClientOptions
            {
                Udp = true,
                Port = server.Port,
                Priority = GnuTlsPriorities.DtlsEcdheEcdsaAes128Ccm8,
                CaFile = pki.EcdsaRoot.CertificatePemPath,
                VerifyHostname = TestPki.ServerDnsName,
                Lifetime = PeerLifetime,
            }))
            {
                Record(server, client);
                Assert.Contains("- Status: The certificate is trusted.", client.Output);
                Assert.Contains("(ECDSA-SHA256)-(AES-128-CCM-8)", client.Output);
                Assert.True(server.WaitForOutput("CIPHER is ECDHE-ECDSA-AES128-CCM8", Step), server.Describe());
                ExchangeLines(client, server, "client-to-server-dtls-ecdsa", "server-to-client-dtls-ecdsa");
            }
        }

        [Fact]
        public void Dispose_KillsTcpServer_AndFreesPort()
        {
            PeerProcess server = OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.EcdsaServer.CertificatePemPath,
                KeyFile = pki.EcdsaServer.PrivateKeyPemPath,
                Lifetime = PeerLifetime,
            });
            int port = server.Port;
            int pid = server.Id;
            Assert.True(ServerLauncher.IsBound(port, false), server.Describe());
            server.Dispose();

            Assert.True(server.HasExited);
            Assert.False(ProcessIsAlive(pid), "s_server pid " + pid + " still alive");
            Assert.False(ServerLauncher.IsBound(port, false));
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port)); // throws if still taken
                socket.Listen(1);
            }
        }

        [Fact]
        public void Dispose_KillsUdpServer_AndFreesPort()
        {
            string pskFile = PskPasswordFile.Write(pki.PathFor("psk-dispose.txt"), PskIdentity, PskKey);
            PeerProcess server = GnuTlsServer.Start(new GnuTlsServerOptions
            {
                Udp = true,
                Priority = GnuTlsPriorities.DtlsPskAes128Ccm8,
                PskPasswordFile = pskFile,
                Lifetime = PeerLifetime,
            });
            int port = server.Port;
            Assert.True(ServerLauncher.IsBound(port, true), server.Describe());
            server.Dispose();

            Assert.True(server.HasExited);
            Assert.False(ServerLauncher.IsBound(port, true));
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                socket.Bind(new IPEndPoint(IPAddress.Any, port));
            }
        }

        [Fact]
        public void Dispose_KillsWholeProcessTree()
        {
            PeerProcess parent = PeerProcess.Start("sh", new[] { "-c", "sleep 300 & echo child=$!; wait" }, PeerLifetime);
            Assert.True(parent.WaitForOutput(new Regex(@"child=\d+"), Step), parent.Describe());
            int child = int.Parse(Regex.Match(parent.Output, @"child=(\d+)").Groups[1].Value);
            Assert.True(ProcessIsAlive(child));
            parent.Dispose();
            Assert.False(ProcessIsAlive(parent.Id), "sh still alive");
            // SIGKILL is sent to the grandchild, not waited for: give the kernel a moment to end it.
            Assert.True(GoneWithin(child, Step), "the child sleep " + child + " survived Dispose");
        }

        private static bool GoneWithin(int pid, TimeSpan limit)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 1000 && watch.Elapsed < limit; i++)
            {
                if (!ProcessIsAlive(pid)) return true;
                System.Threading.Thread.Sleep(10);
            }
            return !ProcessIsAlive(pid);
        }

        [Fact]
        public void LifetimeLimit_KillsHungProcess()
        {
            var watch = Stopwatch.StartNew();
            using (PeerProcess hung = PeerProcess.Start("sleep", new[] { "300" }, TimeSpan.FromSeconds(1)))
            {
                Assert.True(hung.WaitForExit(Step), hung.Describe());
                Assert.True(hung.KilledByLifetimeLimit);
                Assert.Contains("lifetime limit", hung.Describe());
            }
            Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 5);
        }

        [Fact]
        public void WaitForOutput_ReturnsFalse_OnTimeout_AndAtOnce_WhenProcessEnded()
        {
            using (PeerProcess quiet = PeerProcess.Start("sleep", new[] { "30" }, PeerLifetime))
            {
                var watch = Stopwatch.StartNew();
                Assert.False(quiet.WaitForOutput("never", TimeSpan.FromMilliseconds(300)));
                Assert.InRange(watch.ElapsedMilliseconds, 250, 3000);
            }
            using (PeerProcess done = PeerProcess.Start("sh", new[] { "-c", "echo out-line; echo err-line >&2" }, PeerLifetime))
            {
                var watch = Stopwatch.StartNew();
                Assert.False(done.WaitForOutput("never", Step));
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "did not notice the end of output");
                Assert.True(done.WaitForExit(Step));
                Assert.Equal(0, done.ExitCode);
                Assert.Contains("out-line", done.StandardOutput);
                Assert.Contains("err-line", done.StandardError);
                Assert.DoesNotContain("err-line", done.StandardOutput);
                Assert.Contains("out-line", done.Output);
                Assert.Contains("err-line", done.Output);
            }
        }

        [Fact]
        public void Stdin_ReachesProcess_AndSinceMarkSkipsOlderOutput()
        {
            using (PeerProcess cat = PeerProcess.Start("cat", Array.Empty<string>(), PeerLifetime))
            {
                cat.WriteLine("first");
                Assert.True(cat.WaitForOutput("first", Step), cat.Describe());
                long mark = cat.OutputLength;
                Assert.False(cat.WaitForOutput("first", TimeSpan.FromMilliseconds(200), mark));
                cat.Write(new byte[] { (byte)'s', (byte)'e', (byte)'c', (byte)'\n' });
                Assert.True(cat.WaitForOutput(new Regex("^sec$", RegexOptions.Multiline), Step, mark), cat.Describe());
                Assert.Equal("sec\n", cat.OutputSince(mark));
                cat.CloseInput();
                Assert.True(cat.WaitForExit(Step), cat.Describe());
                Assert.Equal(0, cat.ExitCode);
            }
        }

        [Fact]
        public void CapturedOutput_DropsOldestText_PastCapacity()
        {
            var captured = new CapturedOutput(1024);
            captured.Append("marker-at-start\n");
            for (int i = 0; i < 100; i++) captured.Append(new string('x', 50) + "\n");
            captured.Append("marker-at-end\n");
            Assert.True(captured.Length > 1024);
            string kept = captured.ToString();
            Assert.StartsWith("[... ", kept);
            Assert.DoesNotContain("marker-at-start", kept);
            Assert.Contains("marker-at-end", kept);
            Assert.True(captured.WaitFor("marker-at-end", TimeSpan.Zero, captured.Length - 14));
            Assert.False(captured.WaitFor("marker-at-end", TimeSpan.Zero, captured.Length));
        }

        [Fact]
        public void FreePorts_AreBindableOnLoopback()
        {
            int tcp = FreePort.Tcp();
            int udp = FreePort.Udp();
            Assert.InRange(tcp, 1024, 65535);
            Assert.InRange(udp, 1024, 65535);
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
                socket.Bind(new IPEndPoint(IPAddress.Loopback, tcp));
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
                socket.Bind(new IPEndPoint(IPAddress.Loopback, udp));
        }

        [Fact]
        public void ServerLauncher_Throws_WithOutput_WhenPeerCannotStart()
        {
            var error = Assert.Throws<TimeoutException>(() => OpenSslServer.Start(new OpenSslServerOptions
            {
                CertFile = pki.PathFor("does-not-exist.pem"),
                KeyFile = pki.PathFor("does-not-exist.key"),
                Lifetime = PeerLifetime,
            }));
            Assert.Contains("does-not-exist.pem", error.Message);
            Assert.Contains("command: openssl s_server", error.Message);
        }

        [Fact]
        public void TestPki_VerifiesWithOpenSsl_AndCoversTheBadCases()
        {
            log.WriteLine("PKI generation took " + pki.GenerationTime.TotalMilliseconds.ToString("0") + " ms");

            Assert.Equal("OK", Verify(pki.EcdsaRoot, pki.EcdsaServer));
            Assert.Equal("OK", Verify(pki.RsaRoot, pki.RsaServer));
            Assert.Equal("OK", Verify(pki.EcdsaRoot, pki.EcdsaClient, "sslclient"));
            Assert.Equal("OK", Verify(pki.RsaRoot, pki.RsaClient, "sslclient"));
            Assert.Equal("OK", Verify(pki.EcdsaRoot, pki.OtherHostServer));
            Assert.Equal("OK", Verify(pki.UnrelatedRoot, pki.UnrelatedServer));
            Assert.Contains("certificate has expired", Verify(pki.EcdsaRoot, pki.ExpiredServer));
            Assert.Contains("certificate is not yet valid", Verify(pki.EcdsaRoot, pki.NotYetValidServer));
            Assert.Contains("unable to get local issuer certificate", Verify(pki.EcdsaRoot, pki.UnrelatedServer));
            Assert.Contains("unsuitable certificate purpose", Verify(pki.EcdsaRoot, pki.EcdsaClient));

            string names = Run("openssl", "x509", "-in", pki.EcdsaServer.CertificatePemPath, "-noout", "-ext", "subjectAltName");
            Assert.Contains("DNS:localhost, DNS:server.test, IP Address:127.0.0.1", names);
            Assert.Contains("does NOT match", Run("openssl", "x509", "-in", pki.OtherHostServer.CertificatePemPath, "-noout", "-checkhost", "localhost"));

            foreach (PkiCredential credential in pki.All)
            {
                // DER files parse, and the PEM and DER forms carry the same key and certificate.
                string fromDer = Run("openssl", "pkey", "-inform", "DER", "-in", credential.PrivateKeyDerPath, "-pubout");
                string fromPem = Run("openssl", "pkey", "-in", credential.PrivateKeyPemPath, "-pubout");
                Assert.Equal(fromPem, fromDer);
                string certFromDer = Run("openssl", "x509", "-inform", "DER", "-in", credential.CertificateDerPath, "-pubkey", "-noout");
                Assert.Equal(fromPem, certFromDer);
                Assert.Equal(File.ReadAllBytes(credential.CertificateDerPath), credential.CertificateDer);
                Assert.Equal(File.ReadAllBytes(credential.PrivateKeyDerPath), credential.PrivateKeyDer);
                Assert.Equal(File.ReadAllBytes(credential.CertificatePemPath), credential.CertificatePemBytes);
                Assert.StartsWith("-----BEGIN PRIVATE KEY-----", credential.PrivateKeyPem);
            }
            Assert.Contains("ASN1 OID: prime256v1", Run("openssl", "pkey", "-in", pki.EcdsaServer.PrivateKeyPemPath, "-noout", "-text"));
            Assert.Contains("Private-Key: (2048 bit", Run("openssl", "pkey", "-in", pki.RsaRoot.PrivateKeyPemPath, "-noout", "-text"));
        }

        [Fact]
        public void PskPasswordFile_HasGnuTlsFormat()
        {
            string path = PskPasswordFile.Write(pki.PathFor("psk-format.txt"), new[] { "a", "b" },
                new[] { new byte[] { 0x01, 0xAB }, new byte[] { 0xFF } });
            Assert.Equal("a:01ab\nb:ff\n", File.ReadAllText(path));
            Assert.Throws<ArgumentException>(() => PskPasswordFile.Write(pki.PathFor("bad.txt"), "x:y", new byte[] { 1 }));
        }

        // Client writes a line the server prints, then the server writes one the client prints.
        private static void ExchangeLines(PeerProcess client, PeerProcess server, string toServer, string toClient)
        {
            long serverMark = server.OutputLength;
            client.WriteLine(toServer);
            Assert.True(server.WaitForOutput(toServer, Step, serverMark), server.Describe());
            long clientMark = client.OutputLength;
            server.WriteLine(toClient);
            Assert.True(client.WaitForOutput(toClient, Step, clientMark), client.Describe());
        }

        // The peer is an echo server: a line the client sends must come back to the client.
        private static void AssertEcho(PeerProcess client, string line)
        {
            long mark = client.OutputLength;
            client.WriteLine(line);
            Assert.True(client.WaitForOutput(new Regex("^" + Regex.Escape(line) + "\r?$", RegexOptions.Multiline), Step, mark),
                client.Describe());
        }

        private void Record(PeerProcess server, PeerProcess client)
        {
            log.WriteLine("server: " + server.CommandLine);
            log.WriteLine("client: " + client.CommandLine);
        }

        private string Verify(PkiCredential root, PkiCredential leaf, string purpose = "sslserver")
        {
            string output = Run("openssl", "verify", "-purpose", purpose, "-CAfile", root.CertificatePemPath, leaf.CertificatePemPath);
            return output.Trim().EndsWith(": OK") ? "OK" : output;
        }

        private static string Run(string program, params string[] arguments)
        {
            using (PeerProcess tool = PeerProcess.Start(program, arguments, TimeSpan.FromSeconds(20)))
            {
                Assert.True(tool.WaitForExit(Step), tool.Describe());
                return tool.Output;
            }
        }

        private static bool ProcessIsAlive(int pid)
        {
            // A killed child may linger as a zombie until reaped; count only running states.
            string statPath = "/proc/" + pid + "/stat";
            if (!File.Exists(statPath)) return false;
            try
            {
                string stat = File.ReadAllText(statPath);
                int close = stat.LastIndexOf(')');
                char state = stat[close + 2];
                return state != 'Z' && state != 'X';
            }
            catch (IOException) { return false; }
        }
    }
}
