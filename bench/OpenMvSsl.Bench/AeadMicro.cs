using System;
using System.Diagnostics;
using System.Security.Cryptography;
using OpenMvSsl.Crypto;
using OpenMvSsl.Host;

namespace OpenMvSsl.Bench
{
    /// <summary>
    /// `-- aead`: raw seal / open nanoseconds per call at 64 B, 1 KiB and 16 KiB for the provider's AEAD
    /// (managed intrinsics unless OPENMVSSL_HOST_AEAD=bcl) next to the BCL's AesGcm / ChaCha20Poly1305
    /// in the same process, best of several short runs (the machine is shared).
    /// </summary>
    internal static class AeadMicro
    {
        public static void Run()
        {
            Crossover();
            Console.WriteLine("| AEAD | size | provider seal ns | provider open ns | BCL seal ns | BCL open ns |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (AeadAlgorithm algorithm in new[] { AeadAlgorithm.Aes128Gcm, AeadAlgorithm.ChaCha20Poly1305, AeadAlgorithm.Aes128Ccm8 })
            {
                byte[] key = new byte[AeadSizes.KeyLength(algorithm)];
                new Random(1).NextBytes(key);
                using IAead ours = new DotNetCryptoProvider().CreateAead(algorithm, key);
                AesGcm gcm = algorithm == AeadAlgorithm.Aes128Gcm ? new AesGcm(key, 16) : null;
                ChaCha20Poly1305 chacha = algorithm == AeadAlgorithm.ChaCha20Poly1305 ? new ChaCha20Poly1305(key) : null;
                foreach (int size in new[] { 64, 1024, 16384 })
                {
                    byte[] nonce = new byte[12], aad = new byte[13], buffer = new byte[size + 16], sealedCopy = new byte[size + 16];
                    ours.Seal(nonce, aad, buffer.AsSpan(0, size), sealedCopy);
                    int tag = ours.TagLength;
                    double oursSeal = Time(size, () => ours.Seal(nonce, aad, buffer.AsSpan(0, size), buffer));
                    double oursOpen = Time(size, () =>
                    {
                        sealedCopy.AsSpan(0, size + tag).CopyTo(buffer);
                        if (!ours.Open(nonce, aad, buffer.AsSpan(0, size + tag), buffer)) throw new InvalidOperationException("open failed");
                    });
                    double copy = Time(size, () => sealedCopy.AsSpan(0, size + tag).CopyTo(buffer));
                    string bclSeal = "", bclOpen = "";
                    if (gcm != null || chacha != null)
                    {
                        byte[] t = new byte[16];
                        bclSeal = Time(size, () =>
                        {
                            if (gcm != null) gcm.Encrypt(nonce, buffer.AsSpan(0, size), buffer.AsSpan(0, size), t, aad);
                            else chacha.Encrypt(nonce, buffer.AsSpan(0, size), buffer.AsSpan(0, size), t, aad);
                        }).ToString("F0");
                        byte[] c = new byte[size];
                        if (gcm != null) gcm.Encrypt(nonce, c, c, t, aad); else chacha.Encrypt(nonce, c, c, t, aad);
                        bclOpen = (Time(size, () =>
                        {
                            c.AsSpan().CopyTo(buffer);
                            if (gcm != null) gcm.Decrypt(nonce, buffer.AsSpan(0, size), t, buffer.AsSpan(0, size), aad);
                            else chacha.Decrypt(nonce, buffer.AsSpan(0, size), t, buffer.AsSpan(0, size), aad);
                        }) - copy).ToString("F0");
                    }
                    Console.WriteLine("| " + algorithm + " | " + size + " | " + oursSeal.ToString("F0") + " | " + (oursOpen - copy).ToString("F0")
                        + " | " + bclSeal + " | " + bclOpen + " |");
                }
                gcm?.Dispose();
                chacha?.Dispose();
            }
        }

        // Managed seal vs BCL seal at sizes around the crossover (DotNetAead's size thresholds).
        private static void Crossover()
        {
            Console.WriteLine("| AEAD | size | managed seal ns | BCL seal ns |");
            Console.WriteLine("|---|---:|---:|---:|");
            byte[] key = new byte[32];
            byte[] nonce = new byte[12], aad = new byte[13], tag = new byte[16];
            using var managedGcm = new OpenMvSsl.Host.Intrinsics.ManagedAesGcm(key.AsSpan(0, 16));
            using var managedChaCha = new OpenMvSsl.Host.Intrinsics.ManagedChaCha20Poly1305(key);
            using var gcm = new AesGcm(key.AsSpan(0, 16), 16);
            using var chacha = new ChaCha20Poly1305(key);
            {
                byte[] data = new byte[16384];
                var poly = new OpenMvSsl.Host.Intrinsics.Poly1305();
                poly.Start(key);
                Console.WriteLine("| Poly1305 alone | 16384 | " + Time(16384, () => poly.UpdatePadded(data)).ToString("F0") + " | |");
            }
            foreach (int size in new[] { 256, 512, 1024, 2048, 4096, 8192, 16384 })
            {
                byte[] buffer = new byte[size];
                Console.WriteLine("| GCM | " + size + " | " + Time(size, () => managedGcm.Seal(nonce, aad, buffer, buffer, tag)).ToString("F0")
                    + " | " + Time(size, () => gcm.Encrypt(nonce, buffer, buffer, tag, aad)).ToString("F0") + " |");
                Console.WriteLine("| ChaCha | " + size + " | " + Time(size, () => managedChaCha.Seal(nonce, aad, buffer, buffer, tag)).ToString("F0")
                    + " | " + Time(size, () => chacha.Encrypt(nonce, buffer, buffer, tag, aad)).ToString("F0") + " |");
            }
        }

        // Best-of-7 nanoseconds per call.
        private static double Time(int size, Action action)
        {
            int iterations = Math.Max(200, 4_000_000 / (size + 200));
            for (int i = 0; i < iterations; i++) action();
            double best = double.MaxValue;
            for (int run = 0; run < 7; run++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < iterations; i++) action();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / iterations);
            }
            return best;
        }
    }
}
