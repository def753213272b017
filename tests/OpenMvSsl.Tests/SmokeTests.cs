using Xunit;
namespace OpenMvSsl.Tests { public class SmokeTests { [Fact] public void Builds() { Assert.Equal(300, (int)SslError.CertificateExpired); } } }
