using System;
using OpenMvSsl.Engine;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Record;

namespace OpenMvSsl.Handshake
{
    /// <summary>
    /// Smaller records, both ways: record_size_limit (RFC 8449) and max_fragment_length
    /// (RFC 6066 4). The client offers, the server answers, and each side then writes no more
    /// than the peer asked for and reads no more than it asked for itself. Limits are content
    /// bytes (TLS 1.3: without the inner content type, which RFC 8449 4 counts in the value).
    /// </summary>
    internal static class RecordSizePolicy
    {
        /// <summary>True when the settings ask for records smaller than 2^14.</summary>
        internal static bool Wanted(EngineSettings settings)
        {
            return settings.MaxRecordSize < RecordLimits.MaxPlaintext;
        }

        /// <summary>
        /// The record_size_limit value a client sends: MaxRecordSize, plus one when TLS 1.3 is
        /// offered (the value counts the content type there); 0 when nothing is offered.
        /// </summary>
        internal static int ClientOfferValue(EngineSettings settings, bool offersTls13)
        {
            if (!Wanted(settings)) return 0;
            return settings.MaxRecordSize + (offersTls13 ? 1 : 0);
        }

        /// <summary>Client: adds record_size_limit and, for 512/1024/2048/4096, max_fragment_length.</summary>
        internal static void AddClientOffer(EngineSettings settings, int offerValue, ExtensionList extensions)
        {
            if (offerValue == 0) return;
            extensions.Add(new RecordSizeLimitExtension(offerValue));
            int code = MaxFragmentLengthCode(settings.MaxRecordSize);
            if (code > 0) extensions.Add(new MaxFragmentLengthExtension(code));
        }

        /// <summary>Whether a server may answer with this extension type (only what we offered).</summary>
        internal static bool MayAnswer(EngineSettings settings, int type)
        {
            if (!Wanted(settings)) return false;
            if (type == (int)ExtensionType.RecordSizeLimit) return true;
            return type == (int)ExtensionType.MaxFragmentLength && MaxFragmentLengthCode(settings.MaxRecordSize) > 0;
        }

        /// <summary>
        /// Client: reads the server's answer (ServerHello in 1.2, EncryptedExtensions in 1.3) and
        /// hands the limits to the channel.
        /// </summary>
        internal static void AcceptServerAnswer(EngineSettings settings, int offerValue, bool tls13, ExtensionList answer, IHandshakeChannel channel)
        {
            byte[] limitData = answer.Find(ExtensionType.RecordSizeLimit);
            byte[] fragmentData = answer.Find(ExtensionType.MaxFragmentLength);
            if (limitData != null && fragmentData != null)
                throw Illegal("server answered with both record_size_limit and max_fragment_length (RFC 8449 5)");
            if (limitData != null)
            {
                if (offerValue == 0) throw Unsupported("record_size_limit");
                int peer = RecordSizeLimitExtension.Parse(limitData).Limit;
                channel.LimitRecords(ContentLimit(offerValue, tls13), ContentLimit(peer, tls13));
                return;
            }
            if (fragmentData != null)
            {
                int code = MaxFragmentLengthCode(settings.MaxRecordSize);
                if (offerValue == 0 || code == 0) throw Unsupported("max_fragment_length");
                MaxFragmentLengthExtension echoed = MaxFragmentLengthExtension.Parse(fragmentData);
                if (echoed.Code != code)
                    throw Illegal("server answered max_fragment_length " + echoed.Code + " to an offer of " + code + " (RFC 6066 4)");
                channel.LimitRecords(echoed.MaxFragmentLength, echoed.MaxFragmentLength);
            }
        }

        /// <summary>
        /// Server: reads the client's offer, adds the answer to <paramref name="answer"/> (ServerHello
        /// in 1.2, EncryptedExtensions in 1.3) and hands the limits to the channel.
        /// </summary>
        internal static void AnswerClient(EngineSettings settings, bool tls13, ExtensionList offer, ExtensionList answer, IHandshakeChannel channel)
        {
            byte[] limitData = offer.Find(ExtensionType.RecordSizeLimit);
            byte[] fragmentData = offer.Find(ExtensionType.MaxFragmentLength);
            MaxFragmentLengthExtension fragment = fragmentData == null ? null : MaxFragmentLengthExtension.Parse(fragmentData);
            if (limitData != null)
            {
                // RFC 8449 5: record_size_limit wins and max_fragment_length is not echoed.
                int peer = RecordSizeLimitExtension.Parse(limitData).Limit;
                int ours = settings.MaxRecordSize < RecordLimits.MaxPlaintext ? settings.MaxRecordSize : RecordLimits.MaxPlaintext;
                answer.Add(new RecordSizeLimitExtension(ours + (tls13 ? 1 : 0)));
                channel.LimitRecords(ours, ContentLimit(peer, tls13));
                return;
            }
            if (fragment != null)
            {
                answer.Add(new MaxFragmentLengthExtension(fragment.Code));
                channel.LimitRecords(fragment.MaxFragmentLength, fragment.MaxFragmentLength);
            }
        }

        /// <summary>The max_fragment_length code (1..4) for a size, or 0 when the size has none.</summary>
        internal static int MaxFragmentLengthCode(int size)
        {
            for (int code = 1; code <= 4; code++)
                if ((1 << (8 + code)) == size) return code;
            return 0;
        }

        /// <summary>Content bytes a record_size_limit value allows in this version, capped at 2^14.</summary>
        private static int ContentLimit(int value, bool tls13)
        {
            int content = tls13 ? value - 1 : value;
            return content < RecordLimits.MaxPlaintext ? content : RecordLimits.MaxPlaintext;
        }

        private static SslException Illegal(string message)
        {
            return new SslException(SslError.IllegalParameter, AlertDescription.IllegalParameter, message);
        }

        private static SslException Unsupported(string name)
        {
            return new SslException(SslError.HandshakeFailure, AlertDescription.UnsupportedExtension,
                "server sent " + name + ", which was not offered");
        }
    }
}
