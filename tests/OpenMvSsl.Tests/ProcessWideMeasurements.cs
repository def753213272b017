using Xunit;

namespace OpenMvSsl.Tests
{
    /// <summary>
    /// Tests that measure the whole process (GC.GetTotalMemory, CPU per packet) run in this
    /// collection: xunit runs it after the parallel ones, alone, so other tests' garbage is not counted.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessWideMeasurements
    {
        public const string Name = "Process-wide measurements, not in parallel";
    }
}
