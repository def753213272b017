// Checked against nanoframework/System.Net, nanoFramework.System.Net/Sockets/ProtocolType.cs at commit
// 4d93db74fd1a4c046a2d8592228c4a5bbb39c463. Only the member Net/ uses.
namespace System.Net.Sockets
{
    public enum ProtocolType
    {
        Udp = 17,
    }
}
