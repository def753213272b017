using System;

namespace OpenMvSsl.Cli
{
    /// <summary>A command line that cannot be run; the message says what is wrong with it.</summary>
    internal sealed class CliUsageException : Exception
    {
        public CliUsageException(string message) : base(message)
        {
        }
    }
}
