// Checked against nanoframework/System.Net, nanoFramework.System.Net/Sockets/AddressFamily.cs at commit
// 4d93db74fd1a4c046a2d8592228c4a5bbb39c463. Net/ only passes an address's family on to the Socket
// constructor and names no member (InterNetworkV6 is in its desktop-only branch), so none is declared.
namespace System.Net.Sockets
{
    public enum AddressFamily
    {
    }
}
