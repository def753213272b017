using System;

namespace OpenMvSsl.Crypto.Omv
{
    /// <summary>
    /// The three certificate functions of the C library (omv_x509_verify, omv_x509_describe,
    /// omv_x509_validity), reached through nanoFramework interop on a board or P/Invoke on the
    /// desktop. Everything built on them (status priority, messages, name formatting) is shared
    /// so that both providers report a chain problem in the same words.
    /// Each returns a non-negative value on success or a negative omv_status.
    /// </summary>
    internal interface IOmvX509
    {
        /// <summary>
        /// Verifies <paramref name="chain"/> (certificates back to back, <paramref name="chainLengths"/> each)
        /// against the anchors. <paramref name="dnsName"/> is null when no DNS name is to be matched.
        /// </summary>
        int Verify(byte[] chain, int[] chainLengths, byte[] anchors, int[] anchorLengths, string dnsName, long unixNow,
            out int reasons, out int problemIndex);

        /// <summary>Writes the UTF-8 text <paramref name="which"/> asks for; returns its length.</summary>
        int Describe(byte[] der, int which, byte[] output);

        int Validity(byte[] der, out long notBeforeUnix, out long notAfterUnix);
    }
}
