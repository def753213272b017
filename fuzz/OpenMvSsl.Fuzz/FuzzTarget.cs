using System;

namespace OpenMvSsl.Fuzz
{
    /// <summary>One fuzzed entry point. Run throws only when the input found a real bug.</summary>
    public sealed class FuzzTarget
    {
        public FuzzTarget(string name, Action<byte[]> run)
        {
            Name = name;
            Run = run;
        }

        public string Name { get; }

        /// <summary>Executes one input; any exception that escapes is a crash.</summary>
        public Action<byte[]> Run { get; }
    }

    /// <summary>Thrown by a harness when the code under test broke its contract.</summary>
    public sealed class FuzzFinding : Exception
    {
        public FuzzFinding(string message, Exception inner) : base(message, inner) { }
    }
}
