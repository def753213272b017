// Checked against nanoframework/System.Net, nanoFramework.System.Net/Sockets/SelectMode.cs at commit
// a86584d2c88b6d206cb61ee1bce85a8f88784e6e. Only the member Net/ uses.
namespace System.Net.Sockets
{
    public enum SelectMode
    {
        SelectRead = 0,
    }
}
