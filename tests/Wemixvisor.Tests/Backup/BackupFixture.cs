using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Backup;

namespace Wemixvisor.Tests.Backup;

/// <summary>A home with a data directory and a backup directory, and an engine on a virtual clock.</summary>
internal sealed class BackupFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public BackupFixture(long freeBytes = long.MaxValue / 2, string? dataDir = null, string? backupDir = null)
    {
        Clock.AdvanceTo(Start.Ticks);
        Layout = new HomeLayout(_temp.Path, "gstable", dataDir ?? _temp.Combine("data"), backupDir ?? _temp.Combine("backups"));
        FreeSpace = new FakeFreeSpace(freeBytes);
        Engine = new BackupEngine(Layout, FreeSpace, Clock, Log);
    }

    public TestScheduler Clock { get; } = new();
    public CapturedLog<BackupEngine> Log { get; } = new();
    public FakeFreeSpace FreeSpace { get; }
    public HomeLayout Layout { get; }
    public BackupEngine Engine { get; }
    public string Home => _temp.Path;
    public string DataDir => Layout.DataDir;

    public BackupRecord Backup(string? upgrade = "v2.0.0", long height = 1000) =>
        Engine.Create(upgrade is null ? BackupLabel.Manual : BackupLabel.ForUpgrade(upgrade, height), CancellationToken.None);

    public void Dispose() => _temp.Dispose();
}
