using System;
using System.Collections.Generic;
using System.Globalization;

namespace OpenMvSsl.Cli
{
    /// <summary>
    /// Parses the `openmvssl` command line (a public interface: keep it stable):
    ///   openmvssl demo
    ///   openmvssl client HOST PORT [--dtls|--tls12|--tls13] [credentials] [--servername NAME] [--send TEXT]... [--expect-echo] [--get PATH] [--timeout SECONDS]
    ///   openmvssl server PORT [--dtls|--tls12|--tls13] [credentials] [--require-client-cert] [--echo|--www] [--once] [--bind ADDRESS] [--timeout SECONDS]
    /// credentials: [--psk-identity ID --psk-key HEX] [--cert FILE --key FILE]... [--ca FILE]
    ///   [--verify none|optional|required] [--cipher NAME[,NAME...]] [--alpn LIST] [--mtu N (DTLS)].
    /// Without --dtls the transport is TLS over TCP.
    /// Options take their value as the next argument or after '='. Every problem is a
    /// <see cref="CliUsageException"/> with a message naming the option.
    /// </summary>
    internal static class CliParser
    {
        public const string Usage =
            "usage:\n" +
            "  openmvssl demo\n" +
            "  openmvssl client HOST PORT [--dtls | --tls12 | --tls13] [--psk-identity ID --psk-key HEX] [--cert FILE --key FILE] [--ca FILE]\n" +
            "                   [--verify none|optional|required] [--servername NAME] [--cipher NAME[,NAME...]] [--alpn LIST] [--mtu N]\n" +
            "                   [--send TEXT]... [--expect-echo] [--get PATH] [--timeout SECONDS]\n" +
            "  openmvssl server PORT [--dtls | --tls12 | --tls13] [--psk-identity ID --psk-key HEX] [--cert FILE --key FILE]... [--ca FILE]\n" +
            "                   [--verify none|optional|required] [--cipher NAME[,NAME...]] [--alpn LIST] [--mtu N]\n" +
            "                   [--require-client-cert] [--echo | --www] [--once] [--bind ADDRESS] [--timeout SECONDS]\n" +
            "TLS over TCP unless --dtls (DTLS 1.2 over UDP). docs/cli.md has examples.\n";

        private const int Both = 3, ClientOnly = 1, ServerOnly = 2;

        // option name -> (takes a value, which commands accept it)
        private static readonly Dictionary<string, (bool Value, int Where)> Options = new Dictionary<string, (bool, int)>
        {
            ["--dtls"] = (false, Both),
            ["--tls12"] = (false, Both),
            ["--tls13"] = (false, Both),
            ["--alpn"] = (true, Both),
            ["--get"] = (true, ClientOnly),
            ["--www"] = (false, ServerOnly),
            ["--psk-identity"] = (true, Both),
            ["--psk-key"] = (true, Both),
            ["--cert"] = (true, Both),
            ["--key"] = (true, Both),
            ["--ca"] = (true, Both),
            ["--verify"] = (true, Both),
            ["--cipher"] = (true, Both),
            ["--mtu"] = (true, Both),
            ["--timeout"] = (true, Both),
            ["--servername"] = (true, ClientOnly),
            ["--send"] = (true, ClientOnly),
            ["--expect-echo"] = (false, ClientOnly),
            ["--require-client-cert"] = (false, ServerOnly),
            ["--echo"] = (false, ServerOnly),
            ["--once"] = (false, ServerOnly),
            ["--bind"] = (true, ServerOnly),
        };

        public static CliOptions Parse(string[] args)
        {
            if (args == null || args.Length == 0) throw new CliUsageException("no command given: use demo, client or server");
            var options = new CliOptions();
            string command = args[0];
            switch (command)
            {
                case "-h":
                case "--help":
                case "help":
                    options.Command = CliCommand.Help;
                    return options;
                case "demo": options.Command = CliCommand.Demo; break;
                case "client": options.Command = CliCommand.Client; break;
                case "server": options.Command = CliCommand.Server; break;
                default: throw new CliUsageException("unknown command '" + command + "': use demo, client or server");
            }

            var positional = new List<string>();
            for (int i = 1; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "-h" || arg == "--help")
                {
                    options.Command = CliCommand.Help;
                    return options;
                }
                if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
                {
                    positional.Add(arg);
                    continue;
                }
                string name = arg, value = null;
                int equals = arg.IndexOf('=');
                if (equals > 0)
                {
                    name = arg.Substring(0, equals);
                    value = arg.Substring(equals + 1);
                }
                if (!Options.TryGetValue(name, out var spec))
                    throw new CliUsageException("unknown option " + name);
                if (options.Command == CliCommand.Demo)
                    throw new CliUsageException("demo takes no options (found " + name + ")");
                int here = options.Command == CliCommand.Client ? ClientOnly : ServerOnly;
                if ((spec.Where & here) == 0)
                    throw new CliUsageException(name + " is a " + (spec.Where == ClientOnly ? "client" : "server") + " option");
                if (spec.Value)
                {
                    if (value == null)
                    {
                        if (i + 1 >= args.Length) throw new CliUsageException(name + " needs a value");
                        value = args[++i];
                    }
                }
                else if (value != null)
                {
                    throw new CliUsageException(name + " takes no value");
                }
                Apply(options, name, value);
            }

            CheckPositional(options, positional);
            CheckCombinations(options);
            return options;
        }

        private static void Apply(CliOptions o, string name, string value)
        {
            switch (name)
            {
                case "--dtls": o.Dtls = true; break;
                case "--tls12": o.Tls12 = true; break;
                case "--tls13": o.Tls13 = true; break;
                case "--alpn":
                    o.Alpn = value.Split(',', StringSplitOptions.TrimEntries);
                    foreach (string protocol in o.Alpn)
                        if (protocol.Length == 0 || protocol.Length > 255)
                            throw new CliUsageException("--alpn needs comma-separated protocol names of 1 to 255 characters, got '" + value + "'");
                    break;
                case "--get":
                    if (!value.StartsWith("/", StringComparison.Ordinal) || value.IndexOfAny(new[] { ' ', '\r', '\n' }) >= 0)
                        throw new CliUsageException("--get needs a path starting with '/' without spaces, got '" + value + "'");
                    o.GetPath = value;
                    break;
                case "--www": o.Www = true; break;
                case "--psk-identity":
                    if (value.Length == 0) throw new CliUsageException("--psk-identity must not be empty");
                    o.PskIdentity = value;
                    break;
                case "--psk-key":
                    try
                    {
                        o.PskKey = Convert.FromHexString(value);
                    }
                    catch (FormatException)
                    {
                        throw new CliUsageException("--psk-key must be an even number of hex digits, got '" + value + "'");
                    }
                    if (o.PskKey.Length == 0) throw new CliUsageException("--psk-key must not be empty");
                    break;
                case "--cert": o.CertFiles.Add(NonEmpty(name, value)); break;
                case "--key": o.KeyFiles.Add(NonEmpty(name, value)); break;
                case "--ca": o.CaFile = NonEmpty(name, value); break;
                case "--verify":
                    switch (value)
                    {
                        case "none": o.Verify = VerifyMode.CertNone; break;
                        case "optional": o.Verify = VerifyMode.CertOptional; break;
                        case "required": o.Verify = VerifyMode.CertRequired; break;
                        default: throw new CliUsageException("--verify must be none, optional or required, got '" + value + "'");
                    }
                    break;
                case "--cipher": o.Ciphers = NonEmpty(name, value); break;
                case "--mtu":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int mtu) || mtu < 256 || mtu > 65507)
                        throw new CliUsageException("--mtu must be a whole number of bytes from 256 to 65507, got '" + value + "'");
                    o.Mtu = mtu;
                    break;
                case "--timeout":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
                        || seconds <= 0 || seconds > 86400)
                        throw new CliUsageException("--timeout must be a positive number of seconds (at most 86400), got '" + value + "'");
                    o.TimeoutSeconds = seconds;
                    break;
                case "--servername": o.ServerName = NonEmpty(name, value); break;
                case "--send": o.Sends.Add(value); break;
                case "--expect-echo": o.ExpectEcho = true; break;
                case "--require-client-cert": o.RequireClientCert = true; break;
                case "--echo": o.Echo = true; break;
                case "--once": o.Once = true; break;
                case "--bind":
                    if (!System.Net.IPAddress.TryParse(value, out _))
                        throw new CliUsageException("--bind needs an IP address, got '" + value + "'");
                    o.Bind = value;
                    break;
            }
        }

        private static string NonEmpty(string name, string value)
        {
            if (value.Length == 0) throw new CliUsageException(name + " must not be empty");
            return value;
        }

        private static void CheckPositional(CliOptions o, List<string> positional)
        {
            switch (o.Command)
            {
                case CliCommand.Demo:
                    if (positional.Count > 0) throw new CliUsageException("demo takes no arguments (found '" + positional[0] + "')");
                    break;
                case CliCommand.Client:
                    if (positional.Count < 2) throw new CliUsageException("client needs HOST and PORT");
                    if (positional.Count > 2) throw new CliUsageException("unexpected argument '" + positional[2] + "'");
                    o.Host = positional[0];
                    o.Port = ParsePort(positional[1], false);
                    break;
                case CliCommand.Server:
                    if (positional.Count < 1) throw new CliUsageException("server needs PORT");
                    if (positional.Count > 1) throw new CliUsageException("unexpected argument '" + positional[1] + "'");
                    o.Port = ParsePort(positional[0], true);
                    break;
            }
        }

        private static int ParsePort(string text, bool zeroAllowed)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535 || (port == 0 && !zeroAllowed))
                throw new CliUsageException("PORT must be a number from " + (zeroAllowed ? "0" : "1") + " to 65535, got '" + text + "'");
            return port;
        }

        private static void CheckCombinations(CliOptions o)
        {
            if (o.Command != CliCommand.Client && o.Command != CliCommand.Server) return;
            if (o.Tls12 && o.Tls13) throw new CliUsageException("--tls12 and --tls13 each pin one version: give at most one");
            if (o.Dtls)
            {
                if (o.Tls12 || o.Tls13) throw new CliUsageException((o.Tls12 ? "--tls12" : "--tls13") + " is a TLS option; --dtls always speaks DTLS 1.2");
                if (o.Alpn != null) throw new CliUsageException("--alpn is a TLS option (not with --dtls)");
                if (o.Www) throw new CliUsageException("--www is a TLS option (not with --dtls)");
                if (o.GetPath != null) throw new CliUsageException("--get is a TLS option (not with --dtls)");
            }
            else if (o.Mtu != null)
            {
                throw new CliUsageException("--mtu is a DTLS option: add --dtls");
            }
            if (o.Www && o.Echo) throw new CliUsageException("--www and --echo are alternatives: give one");
            if (o.GetPath != null && o.Sends.Count > 0) throw new CliUsageException("--get and --send are alternatives: give one");
            if (o.CertFiles.Count != o.KeyFiles.Count)
                throw new CliUsageException(o.CertFiles.Count < o.KeyFiles.Count ? "--key needs --cert (one --cert per --key)" : "--cert needs --key (one --key per --cert)");
            if (o.Command == CliCommand.Client && o.CertFiles.Count > 1)
                throw new CliUsageException("a client presents one certificate: give --cert/--key once");
            if ((o.PskIdentity == null) != (o.PskKey == null))
                throw new CliUsageException(o.PskIdentity == null ? "--psk-key needs --psk-identity" : "--psk-identity needs --psk-key");
            if (o.Command == CliCommand.Client)
            {
                if (o.ExpectEcho && o.Sends.Count == 0) throw new CliUsageException("--expect-echo needs at least one --send");
                if (o.Verify == VerifyMode.CertRequired && o.CaFile == null)
                    throw new CliUsageException("--verify required needs --ca FILE (the CA the server's certificate must chain to)");
            }
            else
            {
                if (o.PskIdentity == null && o.CertFile == null)
                    throw new CliUsageException("a server needs credentials: --psk-identity ID --psk-key HEX, or --cert FILE --key FILE");
                if (o.RequireClientCert)
                {
                    if (o.Verify != null && o.Verify != VerifyMode.CertRequired)
                        throw new CliUsageException("--require-client-cert contradicts --verify " + (o.Verify == VerifyMode.CertNone ? "none" : "optional"));
                    o.Verify = VerifyMode.CertRequired;
                }
                if (o.Verify != null && o.Verify != VerifyMode.CertNone && o.CaFile == null)
                    throw new CliUsageException("checking client certificates needs --ca FILE");
            }
        }
    }
}
