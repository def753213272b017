// Checked against nanoframework/System.Net, nanoFramework.System.Net/EndPoint.cs at commit
// a86584d2c88b6d206cb61ee1bce85a8f88784e6e: an abstract class. Its abstract Serialize/Create are
// not declared (Net/ neither calls nor overrides them, and declaring them would need SocketAddress).
namespace System.Net
{
    public abstract class EndPoint
    {
    }
}
