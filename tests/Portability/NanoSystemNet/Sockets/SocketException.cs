// Checked against nanoframework/System.Net, nanoFramework.System.Net/SocketException.cs at commit
// a86584d2c88b6d206cb61ee1bce85a8f88784e6e (namespace System.Net.Sockets, base class Exception).
// ErrorCode is an int holding a SocketError value: the managed constructor stores (int)SocketError,
// and the firmware's ThrowError (nanoframework/nf-interpreter,
// src/DeviceInterfaces/System.Net/sys_net_native_System_Net_Sockets_NativeSocket.cpp at commit
// 01743b6f3e93efce03c5e55e3237c5d556057b88) stores SOCK_getlasterror(), whose SOCK_E* values are the
// WinSock numbers SocketError uses (src/PAL/Include/nanoPAL_Sockets.h at commit
// 0a0643a3078c9b8297b96405f9d01c0e02818994). There is no SocketErrorCode property.
namespace System.Net.Sockets
{
    public class SocketException : Exception
    {
        // nanoFramework's only constructor takes a SocketError; Net/ never constructs one, so it is
        // not declared, and this private one keeps the compiler from adding a public default.
        private SocketException()
        {
        }

        public int ErrorCode { get { throw new NotImplementedException(); } }
    }
}
