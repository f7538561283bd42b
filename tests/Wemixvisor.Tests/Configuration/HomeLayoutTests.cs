using Wemixvisor.Core.Layout;

namespace Wemixvisor.Tests.Configuration;

public sealed class HomeLayoutTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("wv-layout-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Paths_AreDerivedFromTheOptions()
    {
        // Arrange
        var options = LoaderInput.Minimal().Env("DAEMON_DATA_DIR", "/mnt/data").LoadValid().Options;

        // Act
        var layout = HomeLayout.From(options);

        // Assert
        Assert.Equal("/srv/node/wemixvisor", layout.Root);
        Assert.Equal("/srv/node/wemixvisor/current", layout.Current);
        Assert.Equal("/srv/node/wemixvisor/genesis", layout.Genesis);
        Assert.Equal("/srv/node/wemixvisor/upgrades", layout.UpgradesDir);
        Assert.Equal("/srv/node/wemixvisor/logs", layout.LogsDir);
        Assert.Equal("/srv/node/wemixvisor/config.toml", layout.DefaultConfigFile);
        Assert.Equal("/srv/node/wemixvisor/wemixvisor.lock", layout.LockFile);
        Assert.Equal("/srv/node/wemixvisor/current/bin/gstable", layout.CurrentBinary);
        Assert.Equal("/srv/node/wemixvisor/genesis/bin/gstable", layout.GenesisBinary);
        Assert.Equal("/srv/node/wemixvisor/current/upgrade-info.json", layout.CurrentMarker);
        Assert.Equal("/mnt/data/upgrade-info.json", layout.TriggerFile);
        Assert.Equal("/srv/node/backups", layout.BackupDir);
    }

    [Fact]
    public void UpgradeDir_NeitherExists_UsesTheExactName()
    {
        var layout = new HomeLayout(_home, "gstable", Path.Combine(_home, "data"), Path.Combine(_home, "backups"));

        Assert.Equal(Path.Combine(_home, "wemixvisor", "upgrades", "V2"), layout.UpgradeDir(UpgradeName.Parse("V2")));
        Assert.Equal(Path.Combine("upgrades", "V2"), layout.RelativeTarget(UpgradeName.Parse("V2")));
    }

    [Fact]
    public void UpgradeDir_OnlyLowerCaseExists_UsesIt()
    {
        // Arrange
        var layout = new HomeLayout(_home, "gstable", Path.Combine(_home, "data"), Path.Combine(_home, "backups"));
        Directory.CreateDirectory(Path.Combine(layout.UpgradesDir, "v2"));

        // Act / Assert
        Assert.Equal(Path.Combine(layout.UpgradesDir, "v2"), layout.UpgradeDir(UpgradeName.Parse("V2")));
        Assert.Equal(Path.Combine(layout.UpgradesDir, "v2", "bin", "gstable"), layout.UpgradeBinary(UpgradeName.Parse("V2")));
    }

    [Fact]
    public void UpgradeDir_ExactExists_WinsOverLowerCase()
    {
        var layout = new HomeLayout(_home, "gstable", Path.Combine(_home, "data"), Path.Combine(_home, "backups"));
        Directory.CreateDirectory(Path.Combine(layout.UpgradesDir, "v2"));
        Directory.CreateDirectory(Path.Combine(layout.UpgradesDir, "V2"));

        Assert.Equal(Path.Combine(layout.UpgradesDir, "V2"), layout.UpgradeDir(UpgradeName.Parse("V2")));
    }
}
