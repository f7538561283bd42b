using Wemixvisor.Core.Layout;

namespace Wemixvisor.Tests;

public sealed class UpgradeNameTests
{
    [Theory]
    [InlineData("v1.2.0")]
    [InlineData("Upgrade_2+build-1")]
    [InlineData("0")]
    public void TryParse_SafeName_IsAccepted(string text)
    {
        Assert.True(UpgradeName.TryParse(text, out var name, out _));
        Assert.Equal(text, name!.Value.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("-v1")]
    [InlineData("v1\n")]
    [InlineData("v 1")]
    public void TryParse_UnsafeName_IsRejectedWithReason(string text)
    {
        Assert.False(UpgradeName.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_129Characters_IsRejected()
    {
        Assert.True(UpgradeName.TryParse(new string('a', 128), out _, out _));
        Assert.False(UpgradeName.TryParse(new string('a', 129), out _, out var error));
        Assert.Contains("129", error);
    }
}
