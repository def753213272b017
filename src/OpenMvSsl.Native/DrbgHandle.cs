using System;
using OpenMvSsl.Crypto.Omv;

namespace OpenMvSsl.Native
{
    /// <summary>
    /// The provider's CTR-DRBG (omv_drbg, seeded from the platform's entropy). The C handle is
    /// not thread-safe while a provider is shared by connections on several threads, so every
    /// use goes through <see cref="Enter"/>/<see cref="Exit"/>, which also hold a lock.
    /// </summary>
    internal sealed unsafe class DrbgHandle : IDisposable
    {
        private readonly OmvHandle handle;
        private readonly object gate = new object();

        public DrbgHandle(string personalization)
        {
            byte[] label = System.Text.Encoding.ASCII.GetBytes(personalization);
            IntPtr raw;
            fixed (byte* p = label)
            {
                OmvStatus.Check(NativeMethods.omv_drbg_create(out raw, IntPtr.Zero, IntPtr.Zero, p, (nuint)label.Length),
                    "Seeding the CTR-DRBG");
            }
            handle = new OmvHandle(raw, OmvHandle.Kind.Drbg);
        }

        /// <summary>Locks the DRBG and returns its raw handle; call <see cref="Exit"/> in a finally.</summary>
        public IntPtr Enter()
        {
            System.Threading.Monitor.Enter(gate);
            try
            {
                return handle.Enter("random generator");
            }
            catch
            {
                System.Threading.Monitor.Exit(gate);
                throw;
            }
        }

        public void Exit()
        {
            handle.Exit();
            System.Threading.Monitor.Exit(gate);
        }

        public void Fill(SpanByte output)
        {
            if (output.IsEmpty) return;
            IntPtr drbg = Enter();
            try
            {
                fixed (byte* o = output)
                {
                    OmvStatus.Check(NativeMethods.omv_drbg_random(drbg, o, (nuint)output.Length), "Random bytes");
                }
            }
            finally
            {
                Exit();
            }
        }

        public void Dispose()
        {
            lock (gate) handle.Dispose();
        }
    }
}
