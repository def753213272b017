using System;

namespace OpenMvSsl
{
    /// <summary>
    /// The millisecond clock the socket drivers give the engines, and the clock
    /// <see cref="SslSocket.NextTimerMs"/> is measured on. Only differences matter.
    /// </summary>
    public static class MonotonicClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards on desktop.</summary>
        public static long NowMs
        {
            get
            {
#if NANOFRAMEWORK
                // nanoFramework's mscorlib has no Environment.TickCount64; the device clock is the
                // RTC, which an SNTP update can move (retransmission timers then fire early or late).
                return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
#else
                return Environment.TickCount64;
#endif
            }
        }
    }
}
