using OpenMvSsl.Tests.Peers;
using OpenMvSsl.Native;
using OpenMvSsl.Tests.Interop;
using Xunit;

namespace OpenMvSsl.Tests.Native
{
    // The interop suites a second time, over the C library: each class inherits every test of
    // its base and only makes DtlsInterop.Provider the mbedTLS provider for its tests (the
    // constructor runs on the flow of the test method; see DtlsInterop.Use).

    public class DtlsOpenSslInteropOverMbedTlsTests : DtlsOpenSslInteropTests
    {
        public DtlsOpenSslInteropOverMbedTlsTests(TestPki pki) : base(pki) => DtlsInterop.Use(NativeProvider.Instance);

        [Fact]
        public void Runs_over_the_mbedTLS_provider() => Assert.IsType<MbedTlsCryptoProvider>(DtlsInterop.Provider);
    }

    public class DtlsGnuTlsInteropOverMbedTlsTests : DtlsGnuTlsInteropTests
    {
        public DtlsGnuTlsInteropOverMbedTlsTests(TestPki pki) : base(pki) => DtlsInterop.Use(NativeProvider.Instance);

        [Fact]
        public void Runs_over_the_mbedTLS_provider() => Assert.IsType<MbedTlsCryptoProvider>(DtlsInterop.Provider);
    }

    public class Tls12InteropOverMbedTlsTests : Tls12InteropTests
    {
        public Tls12InteropOverMbedTlsTests(TestPki pki) : base(pki) => DtlsInterop.Use(NativeProvider.Instance);

        [Fact]
        public void Runs_over_the_mbedTLS_provider() => Assert.IsType<MbedTlsCryptoProvider>(DtlsInterop.Provider);
    }

    public class Tls13InteropOverMbedTlsTests : Tls13InteropTests
    {
        public Tls13InteropOverMbedTlsTests(TestPki pki) : base(pki) => DtlsInterop.Use(NativeProvider.Instance);

        [Fact]
        public void Runs_over_the_mbedTLS_provider() => Assert.IsType<MbedTlsCryptoProvider>(DtlsInterop.Provider);
    }
}
