using System;
using System.Threading;

namespace OpenMvSsl.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (sender, e) =>
            {
                // Ctrl-C: let the command close its peers (close_notify) and exit.
                e.Cancel = true;
                stop.Cancel();
            };
            return CliApp.Run(args, Console.Out, Console.Error, stop.Token);
        }
    }
}
