using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Switching;

namespace Wemixvisor.IntegrationTests.Platform;

public sealed class AtomicUpgradeSwitcherTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private AtomicUpgradeSwitcher Switcher() =>
        new(_home.Layout, new UpgradeJournal(_home.Layout), NullLogger<AtomicUpgradeSwitcher>.Instance);

    private static UpgradeInfo Upgrade(string name, long height = 100, string info = "") =>
        new(UpgradeName.Parse(name), height, "2030-01-02T03:04:05Z", info);

    [Fact]
    public async Task Switch_FromGenesis_CurrentIsRelativeLinkToUpgradeAndMarkerWritten()
    {
        // Arrange
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        // Act
        await Switcher().Switch(Upgrade("v2", 100, """{"binaries":{"linux/amd64":"x"}}""")).ToTask();

        // Assert
        Assert.Equal("upgrades/v2", _home.CurrentTarget);
        Assert.True(File.Exists(_home.Layout.CurrentBinary), "current/bin resolves to the upgrade's binary");
        using var marker = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_home.Layout.UpgradesDir, "v2", "upgrade-info.json")));
        var root = marker.RootElement;
        Assert.Equal("v2", root.GetProperty("name").GetString());
        Assert.Equal(100, root.GetProperty("height").GetInt64());
        Assert.Equal("2030-01-02T03:04:05Z", root.GetProperty("time").GetString());
        Assert.Equal("x", root.GetProperty("info").GetProperty("binaries").GetProperty("linux/amd64").GetString());
        Assert.False(File.Exists(_home.Layout.JournalFile), "journal cleared after the switch");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_home.Layout.Root, "current.tmp-*"));
    }

    [Fact]
    public async Task Switch_InfoIsAJsonString_MarkerKeepsItAsString()
    {
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        await Switcher().Switch(Upgrade("v2", info: "\"https://example.org/v2.json\"")).ToTask();

        using var marker = JsonDocument.Parse(File.ReadAllBytes(_home.Layout.UpgradeMarker(UpgradeName.Parse("v2"))));
        Assert.Equal("https://example.org/v2.json", marker.RootElement.GetProperty("info").GetString());
    }

    [Fact]
    public async Task Switch_OverAnExistingUpgradeLink_RenamesOverIt()
    {
        // Arrange
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        _home.WriteUpgrade("v3", new FakeNode("v3"));
        var switcher = Switcher();
        await switcher.Switch(Upgrade("v2", 100)).ToTask();

        // Act
        await switcher.Switch(Upgrade("v3", 200)).ToTask();

        // Assert
        Assert.Equal("upgrades/v3", _home.CurrentTarget);
        Assert.True(Directory.Exists(Path.Combine(_home.Layout.UpgradesDir, "v2", "bin")), "the previous version stays untouched");
        Assert.True(new FileInfo(_home.Layout.Current).LinkTarget is not null, "current is still a symlink, not a directory");
    }

    [Fact]
    public async Task Switch_UpperCaseNameWithLowerCaseDirectory_LinksTheExistingDirectory()
    {
        _home.WriteUpgrade("v2-fix", new FakeNode("v2"));

        await Switcher().Switch(Upgrade("V2-Fix")).ToTask();

        Assert.Equal("upgrades/v2-fix", _home.CurrentTarget);
    }

    [Fact]
    public async Task Switch_BinaryMissing_FailsNamingThePathAndLeavesCurrent()
    {
        Directory.CreateDirectory(Path.Combine(_home.Layout.UpgradesDir, "v2"));

        var error = await Assert.ThrowsAsync<UpgradeSwitchException>(() => Switcher().Switch(Upgrade("v2")).ToTask());

        Assert.Contains(Path.Combine(_home.Layout.UpgradesDir, "v2", "bin", _home.DaemonName), error.Message);
        Assert.Contains("current still points to genesis", error.Message);
        Assert.Equal("genesis", _home.CurrentTarget);
        Assert.False(File.Exists(_home.Layout.JournalFile));
    }

    [Fact]
    public async Task Switch_IsColdAndRunsOncePerSubscription()
    {
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        var switched = Switcher().Switch(Upgrade("v2"));

        Assert.Equal("genesis", _home.CurrentTarget);
        var values = await switched.ToList().ToTask();

        Assert.Single(values);
        Assert.Equal("upgrades/v2", _home.CurrentTarget);
    }
}
