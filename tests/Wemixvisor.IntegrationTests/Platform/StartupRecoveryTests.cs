using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Switching;
using Wemixvisor.Tests.Fakes;
using FakeNode = Wemixvisor.IntegrationTests.Harness.FakeNode;

namespace Wemixvisor.IntegrationTests.Platform;

public sealed class StartupRecoveryTests : IDisposable
{
    private static readonly UpgradeInfo V2 = new(UpgradeName.Parse("v2"), 100, null, "");

    private readonly TempHome _home = TempHome.Create();
    private readonly UpgradeJournal _journal;
    private readonly CapturedLog<StartupRecovery> _log = new();

    public StartupRecoveryTests()
    {
        _journal = new UpgradeJournal(_home.Layout);
        _home.WriteUpgrade("v2", new FakeNode("v2"));
    }

    public void Dispose() => _home.Dispose();

    private StartupRecovery Recovery() =>
        new(_home.Layout, _journal, new AtomicUpgradeSwitcher(_home.Layout, _journal, NullLogger<AtomicUpgradeSwitcher>.Instance), _log);

    private string MarkerPath => Path.Combine(_home.Layout.UpgradesDir, "v2", "upgrade-info.json");

    [Fact]
    public void Run_KilledAfterJournalBeforeMarker_CompletesSwitch()
    {
        // Arrange: the journal was written, nothing else; a temp link was being made.
        _journal.Begin(V2);
        File.CreateSymbolicLink(Path.Combine(_home.Layout.Root, "current.tmp-999999"), "upgrades/v2");

        // Act
        var completed = Recovery().Run();

        // Assert
        Assert.Equal(V2, completed);
        Assert.Equal("upgrades/v2", _home.CurrentTarget);
        Assert.True(File.Exists(MarkerPath), "marker written");
        Assert.False(File.Exists(_home.Layout.JournalFile), "journal cleared");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_home.Layout.Root, "current.tmp-*"));
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("v2", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_KilledAfterMarkerBeforeRename_CompletesSwitch()
    {
        _journal.Begin(V2);
        File.WriteAllText(MarkerPath, "{\"name\":\"v2\",\"height\":100}");

        Recovery().Run();

        Assert.Equal("upgrades/v2", _home.CurrentTarget);
        Assert.False(File.Exists(_home.Layout.JournalFile));
    }

    [Fact]
    public void Run_KilledAfterRenameBeforeJournalCleared_IsIdempotent()
    {
        _journal.Begin(V2);
        File.WriteAllText(MarkerPath, "{\"name\":\"v2\",\"height\":100}");
        _home.PointCurrentTo("upgrades/v2");

        Recovery().Run();

        Assert.Equal("upgrades/v2", _home.CurrentTarget);
        Assert.Contains("\"height\": 100", File.ReadAllText(MarkerPath));
        Assert.False(File.Exists(_home.Layout.JournalFile));
    }

    [Fact]
    public void Run_NoJournal_ChangesNothingButRemovesStrayTempFiles()
    {
        var strayJournalTemp = Path.Combine(_home.Layout.Root, ".upgrade-journal.json.tmp-4242");
        var strayMarkerTemp = Path.Combine(_home.Layout.UpgradesDir, "v2", ".upgrade-info.json.tmp-4242");
        File.WriteAllText(strayJournalTemp, "{");
        File.WriteAllText(strayMarkerTemp, "{");

        var completed = Recovery().Run();

        Assert.Null(completed);
        Assert.Equal("genesis", _home.CurrentTarget);
        Assert.False(File.Exists(MarkerPath));
        Assert.False(File.Exists(strayJournalTemp));
        Assert.False(File.Exists(strayMarkerTemp));
    }

    [Fact]
    public void Run_UnreadableJournal_RemovedAndCurrentKept()
    {
        File.WriteAllText(_home.Layout.JournalFile, "{\"version\":1,\"upgrade\":{\"name\":\"../x\"");

        var completed = Recovery().Run();

        Assert.Null(completed);
        Assert.Equal("genesis", _home.CurrentTarget);
        Assert.False(File.Exists(_home.Layout.JournalFile));
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(_home.Layout.JournalFile, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_JournalNamesUpgradeWhoseBinaryIsGone_ThrowsAndKeepsJournalAndCurrent()
    {
        _journal.Begin(new UpgradeInfo(UpgradeName.Parse("v9"), 900, null, ""));

        var error = Assert.Throws<UpgradeSwitchException>(() => Recovery().Run());

        Assert.Contains(Path.Combine(_home.Layout.UpgradesDir, "v9", "bin", _home.DaemonName), error.Message);
        Assert.Equal("genesis", _home.CurrentTarget);
        Assert.True(File.Exists(_home.Layout.JournalFile), "the journal stays until the switch can be completed");
    }

    [Fact]
    public void Journal_RoundTrip_KeepsEveryField()
    {
        var upgrade = new UpgradeInfo(UpgradeName.Parse("v2.1_rc+1"), 12345, "2030-01-01T00:00:00Z", """{"a":[1,2]}""");

        _journal.Begin(upgrade);
        var read = Assert.IsType<JournalContent.Switching>(_journal.Read());

        Assert.Equal(upgrade.Name, read.Upgrade.Name);
        Assert.Equal(upgrade.Height, read.Upgrade.Height);
        Assert.Equal(upgrade.Time, read.Upgrade.Time);
        Assert.Equal("""{"a":[1,2]}""", read.Upgrade.Info.Replace(" ", "").Replace("\n", ""));
    }
}
