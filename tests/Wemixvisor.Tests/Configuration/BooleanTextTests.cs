using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

public sealed class BooleanTextTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("fAlSe", false)]
    public void TryParse_TrueOrFalseInAnyCase_IsAccepted(string text, bool expected)
    {
        Assert.True(BooleanText.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData("t")]
    [InlineData(" true")]
    [InlineData("true ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AnythingElse_IsRejected(string? text)
    {
        Assert.False(BooleanText.TryParse(text, out _));
    }
}
