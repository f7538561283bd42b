using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Layout;

/// <summary>Which upgrade directory the layout picks depends on what exists on disk.</summary>
public sealed class HomeLayoutTests : IDisposable
{
    private readonly TempHome _temp = TempHome.Empty("gstable");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void UpgradeDir_NeitherExists_UsesTheExactName()
    {
        var layout = _temp.Layout;

        Assert.Equal(Path.Combine(_temp.Home, "wemixvisor", "upgrades", "V2"), layout.UpgradeDir(UpgradeName.Parse("V2")));
        Assert.Equal(Path.Combine("upgrades", "V2"), layout.RelativeTarget(UpgradeName.Parse("V2")));
    }

    [Fact]
    public void UpgradeDir_OnlyLowerCaseExists_UsesIt()
    {
        // Arrange
        var layout = _temp.Layout;
        Directory.CreateDirectory(Path.Combine(layout.UpgradesDir, "v2"));

        // Act / Assert
        Assert.Equal(Path.Combine(layout.UpgradesDir, "v2"), layout.UpgradeDir(UpgradeName.Parse("V2")));
        Assert.Equal(Path.Combine(layout.UpgradesDir, "v2", "bin", "gstable"), layout.UpgradeBinary(UpgradeName.Parse("V2")));
    }

    [Fact]
    public void UpgradeDir_ExactExists_WinsOverLowerCase()
    {
        var layout = _temp.Layout;
        Directory.CreateDirectory(Path.Combine(layout.UpgradesDir, "v2"));
        Directory.CreateDirectory(Path.Combine(layout.UpgradesDir, "V2"));

        Assert.Equal(Path.Combine(layout.UpgradesDir, "V2"), layout.UpgradeDir(UpgradeName.Parse("V2")));
    }
}
