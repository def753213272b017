namespace OpenMvSsl.Cli
{
    internal enum CliCommand
    {
        Help,
        Demo,
        Client,
        Server,
    }
}
