// C# twin of the seed chapter's asyncio sample (12.17.3):
//
//   async def main():
//       reader, writer = await asyncio.open_connection("example.com", 443, ssl=True)
//       writer.write(b"GET / HTTP/1.0\r\nHost: example.com\r\n\r\n")
//       await writer.drain()
//       print(await reader.read(4096))
//       writer.close()
//       await writer.wait_closed()
//   asyncio.run(main())
//
// usage: AsyncHttpsGet [HOST [PORT]]   (default example.com 443)
// Desktop .NET: AsyncSsl. On a device (no async/await) the same shape is PollingReader and
// PollingWriter in the main loop; see docs/micropython-mapping.md.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenMvSsl;

namespace Samples.AsyncHttpsGet
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string host = args.Length > 0 ? args[0] : "example.com";
            int port = args.Length > 1 ? int.Parse(args[1]) : 443;
            using (CancellationTokenSource limit = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    AsyncSslConnection connection = await AsyncSsl.OpenConnectionAsync(host, port, ct: limit.Token);
                    AsyncSslReader reader = connection.Reader;
                    AsyncSslWriter writer = connection.Writer;

                    writer.Write(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n"));
                    await writer.DrainAsync(limit.Token);
                    Console.WriteLine(Encoding.UTF8.GetString(await reader.ReadAsync(4096, limit.Token)));
                    writer.Close();
                    await writer.WaitClosedAsync();
                    return 0;
                }
                catch (SslException e)
                {
                    Console.Error.WriteLine("error: " + e.Error + ": " + e.Message);
                    return 1;
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine("error: TimedOut: no answer within 10 s");
                    return 1;
                }
            }
        }
    }
}
