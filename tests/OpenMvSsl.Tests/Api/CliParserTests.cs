// Needs the test project to reference src/OpenMvSsl.Cli and the samples, and define OPENMVSSL_CLI_TESTS.
#if OPENMVSSL_CLI_TESTS
using System;
using System.IO;
using System.Threading;
using OpenMvSsl.Cli;
using Xunit;

namespace OpenMvSsl.Tests.Api
{
    /// <summary>The `openmvssl` command line: what it accepts, and one clear line for what it does not.</summary>
    public class CliParserTests
    {
        private static CliOptions Parse(params string[] args) => CliParser.Parse(args);

        private static string Refused(params string[] args) => Assert.Throws<CliUsageException>(() => CliParser.Parse(args)).Message;

        [Fact]
        public void AFullClientLine()
        {
            var o = Parse("client", "example.com", "4433", "--dtls", "--psk-identity", "dev", "--psk-key", "0011aabb",
                "--ca", "ca.pem", "--verify", "required", "--servername", "device.test", "--cipher", "PSK-AES128-CCM8,TLS_PSK_WITH_AES_128_GCM_SHA256",
                "--mtu", "1200", "--send", "one", "--send=two words", "--expect-echo", "--timeout", "2.5");
            Assert.Equal(CliCommand.Client, o.Command);
            Assert.Equal("example.com", o.Host);
            Assert.Equal(4433, o.Port);
            Assert.True(o.Dtls);
            Assert.Equal("dev", o.PskIdentity);
            Assert.Equal(new byte[] { 0x00, 0x11, 0xaa, 0xbb }, o.PskKey);
            Assert.Equal(VerifyMode.CertRequired, o.Verify);
            Assert.Equal("device.test", o.ServerName);
            Assert.Equal("PSK-AES128-CCM8,TLS_PSK_WITH_AES_128_GCM_SHA256", o.Ciphers);
            Assert.Equal(1200, o.Mtu);
            Assert.Equal(new[] { "one", "two words" }, o.Sends);
            Assert.True(o.ExpectEcho);
            Assert.Equal(2.5, o.TimeoutSeconds);
        }

        [Fact]
        public void AFullServerLine()
        {
            var o = Parse("server", "0", "--dtls", "--cert", "c.pem", "--key", "k.pem", "--ca", "ca.pem",
                "--require-client-cert", "--echo", "--once", "--bind", "0.0.0.0", "--timeout=30");
            Assert.Equal(CliCommand.Server, o.Command);
            Assert.Equal(0, o.Port);
            Assert.Equal("c.pem", o.CertFile);
            Assert.Equal("k.pem", o.KeyFile);
            Assert.Equal(VerifyMode.CertRequired, o.Verify);
            Assert.True(o.Echo && o.Once && o.RequireClientCert);
            Assert.Equal("0.0.0.0", o.Bind);
            Assert.Equal(30, o.TimeoutSeconds);
        }

        [Fact]
        public void DefaultsAndTheSimpleCommands()
        {
            Assert.Equal(CliCommand.Demo, Parse("demo").Command);
            Assert.Equal(CliCommand.Help, Parse("--help").Command);
            Assert.Equal(CliCommand.Help, Parse("client", "-h").Command);
            var o = Parse("server", "4433", "--dtls", "--psk-identity", "a", "--psk-key", "01");
            Assert.Equal("127.0.0.1", o.Bind);
            Assert.Null(o.TimeoutSeconds);
            Assert.Null(o.Verify);
        }

        [Fact]
        public void TlsIsTheDefaultAndServerTakesTwoCertificates()
        {
            var o = Parse("server", "443", "--cert", "ec.pem", "--key", "ec.key", "--cert", "rsa.pem", "--key", "rsa.key", "--www", "--tls13", "--alpn", "h2, http/1.1");
            Assert.False(o.Dtls);
            Assert.Equal(new[] { "ec.pem", "rsa.pem" }, o.CertFiles);
            Assert.Equal(new[] { "ec.key", "rsa.key" }, o.KeyFiles);
            Assert.True(o.Www);
            Assert.True(o.Tls13);
            Assert.Equal(new[] { "h2", "http/1.1" }, o.Alpn);
            var c = Parse("client", "example.com", "443", "--tls12", "--get", "/index.html");
            Assert.True(c.Tls12);
            Assert.Equal("/index.html", c.GetPath);
        }

        [Theory]
        [InlineData("no command", new string[0])]
        [InlineData("unknown command 'connect'", new[] { "connect" })]
        [InlineData("client needs HOST and PORT", new[] { "client", "--dtls" })]
        [InlineData("server needs PORT", new[] { "server", "--dtls" })]
        [InlineData("PORT must be a number from 1 to 65535, got '0'", new[] { "client", "h", "0", "--dtls" })]
        [InlineData("PORT must be a number from 0 to 65535, got '70000'", new[] { "server", "70000", "--dtls" })]
        [InlineData("unexpected argument 'extra'", new[] { "client", "h", "1", "extra", "--dtls" })]
        [InlineData("unknown option --verbose", new[] { "client", "h", "1", "--dtls", "--verbose" })]
        [InlineData("--mtu needs a value", new[] { "client", "h", "1", "--dtls", "--mtu" })]
        [InlineData("--dtls takes no value", new[] { "client", "h", "1", "--dtls=yes" })]
        [InlineData("--mtu is a DTLS option", new[] { "client", "h", "1", "--mtu", "1000" })]
        [InlineData("--tls12 and --tls13 each pin one version", new[] { "client", "h", "1", "--tls12", "--tls13" })]
        [InlineData("--tls13 is a TLS option", new[] { "client", "h", "1", "--dtls", "--tls13" })]
        [InlineData("--www is a TLS option", new[] { "server", "1", "--dtls", "--www", "--psk-identity", "a", "--psk-key", "01" })]
        [InlineData("--www and --echo are alternatives", new[] { "server", "1", "--www", "--echo", "--psk-identity", "a", "--psk-key", "01" })]
        [InlineData("--cert needs --key", new[] { "server", "1", "--cert", "a", "--key", "b", "--cert", "c" })]
        [InlineData("--get needs a path starting with", new[] { "client", "h", "1", "--get", "x" })]
        [InlineData("--alpn needs comma-separated protocol names", new[] { "client", "h", "1", "--alpn", "h2,,x" })]
        [InlineData("--psk-key must be an even number of hex digits", new[] { "client", "h", "1", "--dtls", "--psk-identity", "a", "--psk-key", "xyz" })]
        [InlineData("--psk-identity needs --psk-key", new[] { "client", "h", "1", "--dtls", "--psk-identity", "a" })]
        [InlineData("--cert needs --key", new[] { "client", "h", "1", "--dtls", "--cert", "c.pem" })]
        [InlineData("--verify must be none, optional or required, got 'strict'", new[] { "client", "h", "1", "--dtls", "--verify", "strict" })]
        [InlineData("--verify required needs --ca FILE", new[] { "client", "h", "1", "--dtls", "--verify", "required" })]
        [InlineData("--mtu must be a whole number of bytes from 256 to 65507, got '100'", new[] { "client", "h", "1", "--dtls", "--mtu", "100" })]
        [InlineData("--timeout must be a positive number of seconds", new[] { "client", "h", "1", "--dtls", "--timeout", "-1" })]
        [InlineData("--expect-echo needs at least one --send", new[] { "client", "h", "1", "--dtls", "--expect-echo" })]
        [InlineData("--echo is a server option", new[] { "client", "h", "1", "--dtls", "--echo" })]
        [InlineData("--send is a client option", new[] { "server", "1", "--dtls", "--send", "x" })]
        [InlineData("a server needs credentials", new[] { "server", "1", "--dtls" })]
        [InlineData("checking client certificates needs --ca FILE", new[] { "server", "1", "--dtls", "--psk-identity", "a", "--psk-key", "01", "--require-client-cert" })]
        [InlineData("--require-client-cert contradicts --verify none", new[] { "server", "1", "--dtls", "--psk-identity", "a", "--psk-key", "01", "--ca", "c", "--verify", "none", "--require-client-cert" })]
        [InlineData("--bind needs an IP address, got 'localhost'", new[] { "server", "1", "--dtls", "--psk-identity", "a", "--psk-key", "01", "--bind", "localhost" })]
        [InlineData("demo takes no options", new[] { "demo", "--dtls" })]
        public void BadLinesAreRefusedNamingTheProblem(string expected, string[] args)
        {
            Assert.Contains(expected, Refused(args));
        }

        [Fact]
        public void UsageErrorsExitWithTwoAndOneLine()
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = CliApp.Run(new[] { "client", "h", "1", "--dtls", "--bogus" }, stdout, stderr, CancellationToken.None);
            Assert.Equal(2, exit);
            Assert.Equal("", stdout.ToString());
            string[] lines = stderr.ToString().TrimEnd().Split('\n');
            Assert.Single(lines);
            Assert.StartsWith("error: unknown option --bogus", lines[0]);
        }

        [Fact]
        public void HelpPrintsTheUsage()
        {
            var stdout = new StringWriter();
            Assert.Equal(0, CliApp.Run(new[] { "--help" }, stdout, new StringWriter(), CancellationToken.None));
            Assert.Contains("openmvssl client HOST PORT [--dtls | --tls12 | --tls13]", stdout.ToString());
        }

        [Fact]
        public void AMissingCredentialFileIsOneErrorLine()
        {
            var stderr = new StringWriter();
            int exit = CliApp.Run(new[] { "server", "0", "--dtls", "--cert", "/nonexistent/c.pem", "--key", "/nonexistent/k.pem" },
                new StringWriter(), stderr, CancellationToken.None);
            Assert.Equal(1, exit);
            Assert.Matches(@"^error: --cert: cannot read /nonexistent/c.pem: [^\n]*\n$", stderr.ToString().Replace("\r\n", "\n"));
        }

        [Fact]
        public void SslErrorsAreNamedByTheirCode()
        {
            Assert.Equal("error: CertificateExpired: the certificate expired", CliApp.Describe(
                new SslException(SslError.CertificateExpired, "the certificate\nexpired")));
        }
    }
}
#endif
