// Checked against nanoframework/System.Net, nanoFramework.System.Net/Sockets/SocketErrors.cs at commit
// a86584d2c88b6d206cb61ee1bce85a8f88784e6e. Only the members Net/ names, with nanoFramework's values
// (WinSock numbers, the same as desktop .NET's).
namespace System.Net.Sockets
{
    public enum SocketError : int
    {
        AccessDenied = 10013,
        MessageSize = 10040,
        AddressAlreadyInUse = 10048,
        AddressNotAvailable = 10049,
        NetworkUnreachable = 10051,
        ConnectionReset = 10054,
        ConnectionRefused = 10061,
        HostUnreachable = 10065,
    }
}
