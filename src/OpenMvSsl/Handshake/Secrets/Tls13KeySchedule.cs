using System;
using OpenMvSsl.Crypto;
using OpenMvSsl.Handshake.Messages;
using OpenMvSsl.Record;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Secrets
{
    /// <summary>
    /// The TLS 1.3 key schedule of one connection (RFC 8446 7.1): early secret, handshake secret,
    /// master secret, in that order, each replacing (and wiping) the one before. Every step takes
    /// a transcript hash the caller has already computed. Traffic secrets are handed out; the
    /// schedule keeps only the current stage secret.
    /// </summary>
    public sealed class Tls13KeySchedule : IDisposable
    {
        private const int IvLength = 12;

        private const int StageNone = 0;
        private const int StageEarly = 1;
        private const int StageHandshake = 2;
        private const int StageMaster = 3;

        private readonly ICryptoProvider provider;
        private readonly HashAlgorithm hash;
        private readonly int hashLength;
        // Transcript-Hash("") for the "derived" steps and the binder key.
        private readonly byte[] emptyHash;
        private byte[] secret;
        private int stage;
        private bool disposed;

        public Tls13KeySchedule(ICryptoProvider provider, HashAlgorithm hash)
        {
            if (provider == null) throw new SslException(SslError.InvalidArgument, "a crypto provider is required");
            this.provider = provider;
            this.hash = hash;
            hashLength = Hkdf.HashLength(hash);
            emptyHash = new byte[hashLength];
            IHash digest = provider.CreateHash(hash);
            try
            {
                digest.GetHashAndReset(emptyHash);
            }
            finally
            {
                digest.Dispose();
            }
        }

        public HashAlgorithm Hash { get { return hash; } }

        /// <summary>HashLen: the length of every secret and transcript hash here.</summary>
        public int HashLength { get { return hashLength; } }

        /// <summary>Early Secret = HKDF-Extract(0, 0): the full handshake without a PSK.</summary>
        public void DeriveEarlySecret()
        {
            DeriveEarlySecret(SpanByte.Empty);
        }

        /// <summary>Early Secret = HKDF-Extract(0, PSK); an empty <paramref name="psk"/> stands for HashLen zeros.</summary>
        public void DeriveEarlySecret(SpanByte psk)
        {
            RequireStage(StageNone, "the early secret");
            secret = new byte[hashLength];
            if (psk.IsEmpty)
            {
                var zeros = new byte[hashLength];
                Hkdf.Extract(provider, hash, SpanByte.Empty, zeros, secret);
            }
            else
            {
                Hkdf.Extract(provider, hash, SpanByte.Empty, psk, secret);
            }
            stage = StageEarly;
        }

        /// <summary>
        /// binder_key = Derive-Secret(Early Secret, "ext binder" | "res binder", "") (RFC 8446 7.1);
        /// the PSK binder is then <see cref="FinishedVerifyData"/>(binder_key, hash of the
        /// truncated ClientHello) (RFC 8446 4.2.11.2).
        /// </summary>
        public byte[] BinderKey(bool resumption)
        {
            RequireStage(StageEarly, "the binder key");
            return Hkdf.DeriveSecret(provider, hash, secret, resumption ? "res binder" : "ext binder", emptyHash);
        }

        /// <summary>
        /// Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE),
        /// then the "c hs traffic" / "s hs traffic" secrets over Transcript-Hash(ClientHello..ServerHello).
        /// An empty <paramref name="ecdheSharedSecret"/> stands for HashLen zeros (psk_ke mode).
        /// </summary>
        public Tls13TrafficSecrets DeriveHandshakeSecrets(SpanByte ecdheSharedSecret, SpanByte transcriptHash)
        {
            RequireStage(StageEarly, "the handshake secrets");
            RequireHashLength(transcriptHash);
            if (ecdheSharedSecret.IsEmpty) AdvanceStage(new byte[hashLength]);
            else AdvanceStage(ecdheSharedSecret);
            var secrets = new Tls13TrafficSecrets();
            secrets.Client = Hkdf.DeriveSecret(provider, hash, secret, "c hs traffic", transcriptHash);
            secrets.Server = Hkdf.DeriveSecret(provider, hash, secret, "s hs traffic", transcriptHash);
            return secrets;
        }

        /// <summary>
        /// Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0), then the
        /// "c ap traffic", "s ap traffic" and "exp master" secrets over
        /// Transcript-Hash(ClientHello..server Finished).
        /// </summary>
        public Tls13TrafficSecrets DeriveApplicationSecrets(SpanByte transcriptHash)
        {
            RequireStage(StageHandshake, "the application secrets");
            RequireHashLength(transcriptHash);
            AdvanceStage(new byte[hashLength]);
            var secrets = new Tls13TrafficSecrets();
            secrets.Client = Hkdf.DeriveSecret(provider, hash, secret, "c ap traffic", transcriptHash);
            secrets.Server = Hkdf.DeriveSecret(provider, hash, secret, "s ap traffic", transcriptHash);
            secrets.ExporterMasterSecret = Hkdf.DeriveSecret(provider, hash, secret, "exp master", transcriptHash);
            return secrets;
        }

        /// <summary>
        /// resumption_master_secret = Derive-Secret(Master Secret, "res master",
        /// Transcript-Hash(ClientHello..client Finished)). The master secret is not needed after
        /// this: call <see cref="Dispose"/> once it has been taken.
        /// </summary>
        public byte[] ResumptionMasterSecret(SpanByte transcriptHash)
        {
            RequireStage(StageMaster, "the resumption master secret");
            RequireHashLength(transcriptHash);
            return Hkdf.DeriveSecret(provider, hash, secret, "res master", transcriptHash);
        }

        /// <summary>The PSK a NewSessionTicket stands for: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, HashLen) (RFC 8446 4.6.1).</summary>
        public byte[] ResumptionPsk(SpanByte resumptionMasterSecret, SpanByte ticketNonce)
        {
            return Hkdf.ExpandLabel(provider, hash, resumptionMasterSecret, "resumption", ticketNonce, hashLength);
        }

        /// <summary>[sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length), [sender]_write_iv likewise with "iv" and 12 (RFC 8446 7.3).</summary>
        public Tls13TrafficKey TrafficKey(SpanByte trafficSecret, AeadAlgorithm aead)
        {
            int keyLength = RecordProtection.KeyLength(aead);
            var keys = new Tls13TrafficKey();
            keys.Key = Hkdf.ExpandLabel(provider, hash, trafficSecret, "key", SpanByte.Empty, keyLength);
            keys.Iv = Hkdf.ExpandLabel(provider, hash, trafficSecret, "iv", SpanByte.Empty, IvLength);
            return keys;
        }

        /// <summary>Record protection for one direction from a traffic secret; the expanded key and IV are wiped once handed over.</summary>
        public RecordProtection CreateProtection(SpanByte trafficSecret, AeadAlgorithm aead)
        {
            Tls13TrafficKey keys = TrafficKey(trafficSecret, aead);
            try
            {
                return new RecordProtection(provider, aead, RecordFamily.Tls13, keys.Key, keys.Iv);
            }
            finally
            {
                Array.Clear(keys.Key, 0, keys.Key.Length);
                Array.Clear(keys.Iv, 0, keys.Iv.Length);
            }
        }

        /// <summary>
        /// verify_data = HMAC(finished_key, transcript hash), finished_key =
        /// HKDF-Expand-Label(BaseKey, "finished", "", HashLen) (RFC 8446 4.4.4). BaseKey is the
        /// sender's handshake traffic secret (or a binder key).
        /// </summary>
        public byte[] FinishedVerifyData(SpanByte baseKey, SpanByte transcriptHash)
        {
            RequireHashLength(transcriptHash);
            byte[] finishedKey = Hkdf.ExpandLabel(provider, hash, baseKey, "finished", SpanByte.Empty, hashLength);
            IHmac hmac = provider.CreateHmac(hash, finishedKey);
            try
            {
                var verifyData = new byte[hashLength];
                hmac.Update(transcriptHash);
                hmac.GetHashAndReset(verifyData);
                return verifyData;
            }
            finally
            {
                hmac.Dispose();
                Array.Clear(finishedKey, 0, finishedKey.Length);
            }
        }

        /// <summary>Checks a received Finished (or binder) in constant time.</summary>
        public bool VerifyFinished(SpanByte baseKey, SpanByte transcriptHash, SpanByte received)
        {
            byte[] expected = FinishedVerifyData(baseKey, transcriptHash);
            bool equal = ConstantTime.AreEqual(expected, received);
            Array.Clear(expected, 0, expected.Length);
            return equal;
        }

        /// <summary>application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", HashLen) (RFC 8446 7.2, KeyUpdate).</summary>
        public byte[] NextTrafficSecret(SpanByte trafficSecret)
        {
            return Hkdf.ExpandLabel(provider, hash, trafficSecret, "traffic upd", SpanByte.Empty, hashLength);
        }

        /// <summary>
        /// After a HelloRetryRequest the transcript starts with this synthetic message instead of
        /// ClientHello1: handshake type message_hash (254), a 3-byte length, then Hash(ClientHello1)
        /// (RFC 8446 4.4.1).
        /// </summary>
        public static byte[] MessageHashReplacement(SpanByte clientHello1Hash)
        {
            int length = clientHello1Hash.Length;
            if (length != 32 && length != 48)
                throw new SslException(SslError.InvalidArgument, "a ClientHello hash is 32 or 48 bytes, got " + length);
            var message = new byte[4 + length];
            message[0] = (byte)HandshakeType.MessageHash;
            message[3] = (byte)length;
            clientHello1Hash.CopyTo(new SpanByte(message, 4, length));
            return message;
        }

        /// <summary>Wipes the current stage secret; the schedule cannot be used afterwards.</summary>
        public void Dispose()
        {
            WipeSecret();
            stage = StageNone;
            disposed = true;
        }

        /// <summary>A copy of the current stage secret (early, handshake or master), for known-answer tests.</summary>
        internal byte[] CurrentSecret
        {
            get { return secret == null ? null : new SpanByte(secret).ToArray(); }
        }

        /// <summary>Next stage secret = HKDF-Extract(Derive-Secret(current, "derived", ""), ikm).</summary>
        private void AdvanceStage(SpanByte ikm)
        {
            byte[] salt = Hkdf.DeriveSecret(provider, hash, secret, "derived", emptyHash);
            var next = new byte[hashLength];
            Hkdf.Extract(provider, hash, salt, ikm, next);
            Array.Clear(salt, 0, salt.Length);
            WipeSecret();
            secret = next;
            stage++;
        }

        private void WipeSecret()
        {
            if (secret != null) Array.Clear(secret, 0, secret.Length);
            secret = null;
        }

        private void RequireStage(int expected, string what)
        {
            if (disposed)
                throw new SslException(SslError.InvalidState, "the TLS 1.3 key schedule has been disposed");
            if (stage != expected)
                throw new SslException(SslError.InvalidState, "cannot derive " + what + " " + StageDescription(stage));
        }

        private static string StageDescription(int stage)
        {
            switch (stage)
            {
                case StageNone: return "before the early secret";
                case StageEarly: return "from the early secret";
                case StageHandshake: return "from the handshake secret";
                default: return "from the master secret";
            }
        }

        private void RequireHashLength(SpanByte transcriptHash)
        {
            if (transcriptHash.Length != hashLength)
                throw new SslException(SslError.InvalidArgument, "transcript hash must be " + hashLength + " bytes, got " + transcriptHash.Length);
        }
    }
}
