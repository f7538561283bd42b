using Wemixvisor.Cli;

namespace Wemixvisor.Tests.Cli;

public sealed class QuantitiesTests
{
    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(1536, "1.5 KiB (1536 bytes)")]
    [InlineData(5 * 1024 * 1024, "5.0 MiB (5242880 bytes)")]
    [InlineData(5368709120, "5.0 GiB (5368709120 bytes)")]
    public void Bytes_ShowsTheUnitAndTheExactCount(long bytes, string expected) =>
        Assert.Equal(expected, Quantities.Bytes(bytes));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(7, "7s")]
    [InlineData(720, "12m0s")]
    [InlineData(3 * 3600 + 12 * 60 + 5, "3h12m5s")]
    [InlineData(2 * 86400 + 3 * 3600 + 4 * 60 + 5, "2d3h4m5s")]
    [InlineData(86400, "1d0h0m0s")]
    public void Duration_IsGoStyleWithDays(long seconds, string expected) =>
        Assert.Equal(expected, Quantities.Duration(TimeSpan.FromSeconds(seconds)));
}
