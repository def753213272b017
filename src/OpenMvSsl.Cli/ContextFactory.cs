using System.IO;

namespace OpenMvSsl.Cli
{
    /// <summary>An SslContext with the credentials and settings the command line asked for.</summary>
    internal static class ContextFactory
    {
        public static SslContext Create(CliOptions o, bool server)
        {
            var context = new SslContext(server ? SslProtocol.DtlsServer : SslProtocol.DtlsClient);
            if (o.Verify != null) context.VerifyMode = o.Verify.Value;
            if (o.CertFile != null) context.LoadCertChain(ReadFile(o.CertFile, "--cert"), ReadFile(o.KeyFile, "--key"));
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
