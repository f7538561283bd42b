using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

public sealed class GoDurationTests
{
    public static TheoryData<string, TimeSpan> ValidDurations => new()
    {
        { "300ms", TimeSpan.FromMilliseconds(300) },
        { "1s", TimeSpan.FromSeconds(1) },
        { "1m30s", TimeSpan.FromSeconds(90) },
        { "1h", TimeSpan.FromHours(1) },
        { "0s", TimeSpan.Zero },
        { "0", TimeSpan.Zero },
        { "+0", TimeSpan.Zero },
        { "1.5s", TimeSpan.FromMilliseconds(1500) },
        { ".5s", TimeSpan.FromMilliseconds(500) },
        { "5.s", TimeSpan.FromSeconds(5) },
        { "2h45m10.5s", new TimeSpan(0, 2, 45, 10, 500) },
        { "1500us", TimeSpan.FromMilliseconds(1.5) },
        { "1500\u00b5s", TimeSpan.FromMilliseconds(1.5) },
        { "100ns", TimeSpan.FromTicks(1) },
        { "1ms500us", TimeSpan.FromMilliseconds(1.5) },
        { "+2s", TimeSpan.FromSeconds(2) },
        { "2562047h", TimeSpan.FromHours(2562047) },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void TryParse_GoSyntax_GivesTheDuration(string text, TimeSpan expected)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-1s", "negative")]
    [InlineData("-0", "negative")]
    [InlineData("5", "unit")]
    [InlineData("0.0", "unit")]
    [InlineData("1.5", "unit")]
    [InlineData("s", "not a duration")]
    [InlineData(".s", "not a duration")]
    [InlineData("+", "not a duration")]
    [InlineData("5x", "unknown unit \"x\"")]
    [InlineData("1d", "unknown unit \"d\"")]
    [InlineData("1 s", "unknown unit \" s\"")]
    [InlineData("1S", "unknown unit \"S\"")]
    [InlineData("abc", "not a duration")]
    [InlineData("2562048h", "too large")]
    [InlineData("99999999999999999999999h", "too large")]
    public void TryParse_Garbage_IsRejectedWithReason(string text, string reason)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(3_000_000L, "300ms")]
    [InlineData(15_000L, "1.5ms")]
    [InlineData(10_000_000L, "1s")]
    [InlineData(15_000_000L, "1.5s")]
    [InlineData(900_000_000L, "1m30s")]
    [InlineData(600_000_000L, "1m0s")]
    [InlineData(36_000_000_000L, "1h0m0s")]
    [InlineData(1L, "100ns")]
    [InlineData(15L, "1.5\u00b5s")]
    public void Format_WritesLikeGo(long ticks, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData("300ms")]
    [InlineData("1m30s")]
    [InlineData("2h45m10.5s")]
    [InlineData("1.25s")]
    public void Format_OfParsed_ParsesBackToTheSameDuration(string text)
    {
        Assert.True(GoDuration.TryParse(text, out var value, out _));
        Assert.True(GoDuration.TryParse(GoDuration.Format(value), out var again, out _));
        Assert.Equal(value, again);
    }
}
