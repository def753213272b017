// Checked against nanoframework/System.Net, nanoFramework.System.Net/Sockets/SocketType.cs at commit
// 2aea028002d81059eff53031c8d6b001218c71fe. Only the members Net/ uses.
namespace System.Net.Sockets
{
    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
    }
}
