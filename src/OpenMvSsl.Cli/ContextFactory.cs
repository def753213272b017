using System.IO;

namespace OpenMvSsl.Cli
{
    /// <summary>An SslContext with the credentials and settings the command line asked for.</summary>
    internal static class ContextFactory
    {
        public static SslContext Create(CliOptions o, bool server)
        {
            SslProtocol protocol = o.Dtls
                ? (server ? SslProtocol.DtlsServer : SslProtocol.DtlsClient)
                : (server ? SslProtocol.TlsServer : SslProtocol.TlsClient);
            var context = new SslContext(protocol);
            if (o.Verify != null) context.VerifyMode = o.Verify.Value;
            // Repeated --cert/--key: the context keeps one chain per key type (ECDSA and RSA).
            for (int i = 0; i < o.CertFiles.Count; i++)
                context.LoadCertChain(ReadFile(o.CertFiles[i], "--cert"), ReadFile(o.KeyFiles[i], "--key"));
            if (o.Tls12) context.MaximumVersion = OpenMvSsl.Record.ProtocolVersion.Tls12;
            if (o.Tls13) context.MinimumVersion = OpenMvSsl.Record.ProtocolVersion.Tls13;
            if (o.Alpn != null) context.AlpnProtocols = o.Alpn;
            if (o.CaFile != null) context.LoadVerifyLocations(ReadFile(o.CaFile, "--ca"));
            if (o.PskIdentity != null)
            {
                if (server)
                {
                    var table = new PskKeyTable();
                    table.Add(System.Text.Encoding.UTF8.GetBytes(o.PskIdentity), o.PskKey);
                    context.ServerPskKeys = table;
                }
                else
                {
                    context.SetPskIdentity(o.PskIdentity);
                    context.PskKey = o.PskKey;
                }
            }
            if (o.Ciphers != null) context.SetCiphers(o.Ciphers);
            if (o.Mtu != null) context.Mtu = o.Mtu.Value;
            return context;
        }

        private static byte[] ReadFile(string path, string option)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (IOException e)
            {
                throw new CliUsageException(option + ": cannot read " + path + ": " + e.Message);
            }
            catch (System.UnauthorizedAccessException e)
            {
                throw new CliUsageException(option + ": cannot read " + path + ": " + e.Message);
            }
        }
    }
}
