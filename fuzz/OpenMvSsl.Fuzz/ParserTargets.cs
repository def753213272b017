using System;
using System.Collections.Generic;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Fuzz
{
    /// <summary>
    /// Parser harnesses. The first input byte selects a variant (TLS 1.2 or 1.3 form, key
    /// exchange, extension codec); the rest is the message body. A parser may reject input only
    /// with SslException; anything else, including a failure to re-encode what it accepted, is a bug.
    /// </summary>
    public static class ParserTargets
    {
        private delegate HandshakeMessage MessageParser(ByteReader body, int selector);

        private static readonly KeyExchange[] KeyExchanges = { KeyExchange.Psk, KeyExchange.EcdheEcdsa, KeyExchange.EcdheRsa };
        private static readonly int[] FinishedLengths = { 12, 32, 48 };

        /// <summary>Every extension parser, in a fixed order (the selector byte indexes it).</summary>
        public static readonly Func<byte[], ExtensionBody>[] ExtensionParsers =
        {
            ServerNameExtension.Parse, MaxFragmentLengthExtension.Parse, SupportedGroupsExtension.Parse,
            EcPointFormatsExtension.Parse, SignatureAlgorithmsExtension.Parse, SignatureAlgorithmsExtension.ParseCert,
            AlpnExtension.ParseClient, AlpnExtension.ParseServer, ExtendedMasterSecretExtension.Parse,
            RecordSizeLimitExtension.Parse, PreSharedKeyExtension.ParseClient, PreSharedKeyExtension.ParseServer,
            SupportedVersionsExtension.ParseClient, SupportedVersionsExtension.ParseServer, CookieExtension.Parse,
            PskKeyExchangeModesExtension.Parse, KeyShareExtension.ParseClientHello, KeyShareExtension.ParseServerHello,
            KeyShareExtension.ParseHelloRetryRequest, RenegotiationInfoExtension.Parse,
        };

        public static IEnumerable<FuzzTarget> All()
        {
            yield return Message("msg-client-hello", (r, s) => ClientHello.Parse(r, (s & 1) != 0));
            yield return Message("msg-server-hello", (r, s) => ServerHello.Parse(r));
            yield return Message("msg-hello-verify-request", (r, s) => HelloVerifyRequest.Parse(r));
            yield return Message("msg-certificate", (r, s) => Certificate.Parse(r, (s & 1) != 0));
            yield return Message("msg-certificate-request", (r, s) => CertificateRequest.Parse(r, (s & 1) != 0));
            yield return Message("msg-certificate-verify", (r, s) => CertificateVerify.Parse(r));
            yield return Message("msg-server-key-exchange", (r, s) => ServerKeyExchange.Parse(r, KeyExchanges[s % KeyExchanges.Length]));
            yield return Message("msg-client-key-exchange", (r, s) => ClientKeyExchange.Parse(r, KeyExchanges[s % KeyExchanges.Length]));
            yield return Message("msg-finished", (r, s) => Finished.Parse(r, FinishedLengths[s % FinishedLengths.Length]));
            yield return Message("msg-new-session-ticket", (r, s) => NewSessionTicket.Parse(r, (s & 1) != 0));
            yield return Message("msg-encrypted-extensions", (r, s) => EncryptedExtensions.Parse(r));
            yield return Message("msg-key-update", (r, s) => KeyUpdate.Parse(r));
            yield return Message("msg-server-hello-done", (r, s) => ServerHelloDone.Parse(r));
            yield return new FuzzTarget("msg-handshake-header", HandshakeHeaders);
            yield return new FuzzTarget("extensions", Extensions);
            yield return new FuzzTarget("record-tls", TlsRecords);
            yield return new FuzzTarget("record-dtls", DtlsRecords);
        }

        private static FuzzTarget Message(string name, MessageParser parse)
        {
            return new FuzzTarget(name, input =>
            {
                if (input.Length == 0) return;
                HandshakeMessage message;
                try
                {
                    message = parse(new ByteReader(input, 1, input.Length - 1), input[0]);
                }
                catch (SslException)
                {
                    return;
                }
                catch (Exception e)
                {
                    throw new FuzzFinding(name + ": parser threw " + e.GetType().Name, e);
                }
                ReEncode(name, () => message.EncodeBody());
            });
        }

        private static void HandshakeHeaders(byte[] input)
        {
            if (input.Length == 0) return;
            Guard("msg-handshake-header", () =>
            {
                var r = new ByteReader(input, 1, input.Length - 1);
                HandshakeHeader h = (input[0] & 1) != 0 ? HandshakeHeader.ParseDtls(r) : HandshakeHeader.ParseTls(r);
                if (h.Length < 0 || h.FragmentOffset < 0 || h.FragmentLength < 0)
                    throw new FuzzFinding("negative header field", null);
            });
        }

        private static void Extensions(byte[] input)
        {
            if (input.Length == 0) return;
            byte[] data = new byte[input.Length - 1];
            Array.Copy(input, 1, data, 0, data.Length);
            if (input[0] >= ExtensionParsers.Length)
            {
                ExtensionList list = null;
                Guard("extension-list", () => list = ExtensionList.Parse(new ByteReader(data), "fuzz"));
                if (list != null)
                    ReEncode("extension-list", () =>
                    {
                        for (int i = 0; i < list.Count; i++) list.DataAt(i);
                        return new byte[0];
                    });
                return;
            }
            ExtensionBody body = null;
            Guard("extension " + input[0], () => body = ExtensionParsers[input[0]](data));
            if (body != null) ReEncode("extension " + body.Type, () => body.Encode());
        }

        private static void TlsRecords(byte[] input)
        {
            var layer = new TlsRecordLayer();
            var view = new RecordView();
            Guard("record-tls", () =>
            {
                int offset = 0;
                while (offset < input.Length)
                {
                    RecordStatus status = layer.ReadRecord(new SpanByte(input, offset, input.Length - offset), view);
                    if (status == RecordStatus.Incomplete) return;
                    CheckView(view, input.Length - offset);
                    offset += view.RecordLength;
                }
            });
        }

        private static void DtlsRecords(byte[] input)
        {
            var layer = new DtlsRecordLayer();
            var view = new RecordView();
            Guard("record-dtls", () =>
            {
                int offset = 0;
                while (offset < input.Length)
                {
                    RecordStatus status = layer.ReadRecord(new SpanByte(input, offset, input.Length - offset), view);
                    if (status == RecordStatus.Incomplete) return;
                    CheckView(view, input.Length - offset);
                    offset += view.RecordLength;
                }
            });
        }

        private static void CheckView(RecordView view, int available)
        {
            if (view.RecordLength <= 0 || view.RecordLength > available)
                throw new FuzzFinding("record layer consumed " + view.RecordLength + " of " + available + " bytes (endless loop or overrun)", null);
            if (view.PayloadOffset < 0 || view.PayloadLength < 0 || view.PayloadOffset + view.PayloadLength > view.RecordLength)
                throw new FuzzFinding("record view payload outside the record", null);
        }

        private static void Guard(string name, Action action)
        {
            try
            {
                action();
            }
            catch (SslException)
            {
            }
            catch (FuzzFinding)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new FuzzFinding(name + ": threw " + e.GetType().Name, e);
            }
        }

        private static void ReEncode(string name, Func<byte[]> encode)
        {
            try
            {
                encode();
            }
            catch (SslException)
            {
                // Refusing to write something it accepted is odd but safe; not a crash.
            }
            catch (Exception e)
            {
                throw new FuzzFinding(name + ": re-encoding a parsed value threw " + e.GetType().Name, e);
            }
        }
    }
}
