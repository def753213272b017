using System;

namespace OpenMvSsl.Device
{
    /// <summary>
    /// One native handle (an int from the native handle table) with its owner's lock: the C
    /// objects are not thread-safe, and a handle must never be used after it was freed.
    /// </summary>
    internal sealed class DeviceHandle
    {
        private readonly object gate = new object();
        private readonly string what;
        private int value;

        public DeviceHandle(int value, string what)
        {
            this.value = value;
            this.what = what;
        }

        public object Gate { get { return gate; } }

        /// <summary>The handle; call with <see cref="Gate"/> held. Throws InvalidState once disposed.</summary>
        public int Value
        {
            get
            {
                if (value <= 0) throw new SslException(SslError.InvalidState, "The " + what + " was disposed.");
                return value;
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                if (value > 0) NativeCrypto.Free(value);
                value = 0;
            }
        }
    }
}
