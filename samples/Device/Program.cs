// Device twin of samples/DtlsPing: a DTLS 1.2 PSK "ping" from an ESP32 running nanoFramework,
// printing the native (mbedTLS) heap before the handshake, after it, and after close, so the cost
// of one DTLS session on the board can be read off the debug output.
//
// Before deploying: flash a firmware built with the OpenMvSsl interop (docs/firmware.md), bring
// the network up (Wi-Fi credentials stored with the device configuration, or Ethernet), and set
// ServerAddress, Port and the PSK below to a DTLS server you run, for example:
//   openssl s_server -dtls1_2 -accept 4433 -nocert -psk_identity device-1 \
//       -psk 0102030405060708090a0b0c0d0e0f10 -cipher PSK-AES128-CCM8
using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using OpenMvSsl;
using OpenMvSsl.Device;

namespace Samples.Device
{
    public static class Program
    {
        private const string ServerAddress = "192.168.1.10";
        private const int Port = 4433;
        private const string PskIdentity = "device-1";
        private const string PskKeyHex = "0102030405060708090a0b0c0d0e0f10";

        public static void Main()
        {
            if (!DeviceCryptoProvider.IsAvailable)
            {
                Debug.WriteLine("this firmware has no OpenMvSsl native interop: flash one built with firmware-bindings (docs/firmware.md)");
                return;
            }
            CryptoProviders.Default = new DeviceCryptoProvider();

            PrintNativeMemory("before handshake");
            try
            {
                Socket sock = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                sock.Connect(new IPEndPoint(IPAddress.Parse(ServerAddress), Port));
                sock.ReceiveTimeout = 10000;

                SslContext ctx = new SslContext(SslProtocol.DtlsClient);
                ctx.SetPskIdentity(PskIdentity);
                ctx.SetPskKey(PskKeyHex);
                SslSocket s = ctx.WrapSocket(sock);
                PrintNativeMemory("after handshake");

                s.Send(Ascii("ping"));
                byte[] reply = s.Recv(64);
                Debug.WriteLine("received " + reply.Length + " bytes: " + Text(reply));
                s.Close();
                sock.Close();
            }
            catch (SslException e)
            {
                Debug.WriteLine("error: " + e.Error + ": " + e.Message);
            }
            catch (SocketException e)
            {
                Debug.WriteLine("socket error: " + e.Message);
            }
            PrintNativeMemory("after close");
            Thread.Sleep(Timeout.Infinite);
        }

        // Internal RAM is where mbedTLS allocates on most ESP32 builds; SPIRAM shows up under All.
        private static void PrintNativeMemory(string when)
        {
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            Debug.WriteLine("native memory " + when + ": " + free + " of " + total + " bytes free, largest block " + largest);
        }

        // nanoFramework's mscorlib has no System.Text.Encoding; the sample only sends ASCII.
        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        private static string Text(byte[] bytes)
        {
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) chars[i] = bytes[i] < 0x20 || bytes[i] > 0x7E ? '.' : (char)bytes[i];
            return new string(chars);
        }
    }
}
