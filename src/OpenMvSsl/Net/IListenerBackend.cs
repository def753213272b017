using System;
using OpenMvSsl.Engine;

namespace OpenMvSsl
{
    /// <summary>
    /// The two protocol pieces a DtlsListener uses, behind one seam so that the listener's
    /// demultiplexing, limits and expiry can be tested with scripted engines.
    /// </summary>
    internal interface IListenerBackend
    {
        /// <summary>The stateless cookie check for a datagram from an address without state.</summary>
        CookieVerdict Inspect(SpanByte datagram, byte[] peerAddress, SpanByte response, out int responseLength);

        /// <summary>A server engine for one peer whose ClientHello passed the cookie check.</summary>
        IDatagramEngine CreateEngine(EngineSettings settings);
    }

    /// <summary>The real thing: DtlsCookieGate and DtlsEngine.</summary>
    internal sealed class DtlsListenerBackend : IListenerBackend
    {
        private readonly DtlsCookieGate gate;

        public DtlsListenerBackend(DtlsCookieGate gate)
        {
            this.gate = gate;
        }

        public CookieVerdict Inspect(SpanByte datagram, byte[] peerAddress, SpanByte response, out int responseLength)
        {
            return gate.Inspect(datagram, peerAddress, response, out responseLength);
        }

        public IDatagramEngine CreateEngine(EngineSettings settings)
        {
            return new DtlsEngine(settings);
        }
    }
}
