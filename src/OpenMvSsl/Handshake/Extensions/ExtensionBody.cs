using System;
using OpenMvSsl.Util;

namespace OpenMvSsl.Handshake.Extensions
{
    /// <summary>
    /// A typed extension_data codec. Subclasses hold the decoded fields, write them with
    /// <see cref="Write"/>, and offer a static Parse(byte[] data) for the received form.
    /// </summary>
    public abstract class ExtensionBody
    {
        public abstract ExtensionType Type { get; }

        /// <summary>Writes extension_data (without the type and length in front of it).</summary>
        public abstract void Write(ByteWriter w);

        /// <summary>extension_data as a new array.</summary>
        public byte[] Encode()
        {
            ByteWriter counter = ByteWriter.CreateCounter();
            Write(counter);
            byte[] data = new byte[counter.Position];
            Write(new ByteWriter(data));
            return data;
        }
    }
}
