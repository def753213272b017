using System;

namespace OpenMvSsl.PortableTests
{
    /// <summary>What a failed stand-in assertion throws; the desktop runner reports its message.</summary>
    public sealed class AssertFailedException : Exception
    {
        public AssertFailedException(string message) : base(message)
        {
        }
    }
}
