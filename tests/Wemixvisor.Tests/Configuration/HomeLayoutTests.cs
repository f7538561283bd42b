using Wemixvisor.Core.Layout;

namespace Wemixvisor.Tests.Configuration;

public sealed class HomeLayoutTests
{
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
}
