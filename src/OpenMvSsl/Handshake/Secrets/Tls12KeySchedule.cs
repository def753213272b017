using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Extensions;
using OpenMvSsl.Record;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>
    /// TLS 1.2 / DTLS 1.2 secrets: the extended master secret (RFC 7627 4), the key block
    /// (RFC 5246 6.3), Finished verify_data (RFC 5246 7.4.9) and the PSK premaster secret
    /// (RFC 4279 2). Only the extended master secret exists here: the plain one is never used.
    /// </summary>
    public static class Tls12KeySchedule
    {
        public const int MasterSecretLength = 48;
        public const int VerifyDataLength = 12;

        private static readonly byte[] ExtendedMasterSecretLabel = Ascii.Encode("extended master secret", "label");
        private static readonly byte[] KeyExpansionLabel = Ascii.Encode("key expansion", "label");
        private static readonly byte[] ClientFinishedLabel = Ascii.Encode("client finished", "label");
        private static readonly byte[] ServerFinishedLabel = Ascii.Encode("server finished", "label");

        /// <summary>master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47].</summary>
        public static byte[] ExtendedMasterSecret(Tls12Prf prf, SpanByte preMasterSecret, SpanByte sessionHash)
        {
            var master = new byte[MasterSecretLength];
            prf.Derive(preMasterSecret, ExtendedMasterSecretLabel, sessionHash, SpanByte.Empty, master);
            return master;
        }

        /// <summary>Cuts client/server write keys and IVs from PRF(master, "key expansion", server_random + client_random).</summary>
        public static Tls12TrafficKeys TrafficKeys(Tls12Prf prf, SpanByte masterSecret, SpanByte clientRandom, SpanByte serverRandom,
            AeadAlgorithm aead, RecordFamily family)
        {
            int keyLength = RecordProtection.KeyLength(aead);
            int ivLength = RecordProtection.FixedIvLength(aead, family);
            var block = new byte[2 * (keyLength + ivLength)];
            prf.Derive(masterSecret, KeyExpansionLabel, serverRandom, clientRandom, block);
            var keys = new Tls12TrafficKeys();
            keys.ClientWriteKey = Cut(block, 0, keyLength);
            keys.ServerWriteKey = Cut(block, keyLength, keyLength);
            keys.ClientWriteIv = Cut(block, 2 * keyLength, ivLength);
            keys.ServerWriteIv = Cut(block, 2 * keyLength + ivLength, ivLength);
            Array.Clear(block, 0, block.Length);
            return keys;
        }

        /// <summary>verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11].</summary>
        public static byte[] FinishedVerifyData(Tls12Prf prf, SpanByte masterSecret, bool fromClient, SpanByte transcriptHash)
        {
            var verifyData = new byte[VerifyDataLength];
            prf.Derive(masterSecret, fromClient ? ClientFinishedLabel : ServerFinishedLabel, transcriptHash, SpanByte.Empty, verifyData);
            return verifyData;
        }

        /// <summary>RFC 4279 2: uint16 N, N zero bytes, uint16 N, the PSK (N = PSK length).</summary>
        public static byte[] PskPreMasterSecret(SpanByte psk)
        {
            int n = psk.Length;
            var pms = new byte[4 + 2 * n];
            pms[0] = (byte)(n >> 8);
            pms[1] = (byte)n;
            pms[2 + n] = (byte)(n >> 8);
            pms[3 + n] = (byte)n;
            psk.CopyTo(new SpanByte(pms, 4 + n, n));
            return pms;
        }

        private static byte[] Cut(byte[] block, int offset, int length)
        {
            var part = new byte[length];
            Array.Copy(block, offset, part, 0, length);
            return part;
        }
    }
}
