using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.IntegrationTests.Backup;

/// <summary>A <see cref="TempHome"/> with a data directory and a backup directory, and an engine on a virtual clock.</summary>
internal sealed class BackupFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <param name="backupDir">The backup directory relative to the home; <c>backups</c> when null.</param>
    public BackupFixture(long freeBytes = long.MaxValue / 2, string? backupDir = null)
    {
        Clock.AdvanceTo(Start.Ticks);
        Directory.CreateDirectory(Temp.Home);
        Layout = new HomeLayout(Temp.Home, "gstable", Temp.Layout.DataDir, backupDir is null ? Temp.Layout.BackupDir : Path.Combine(Temp.Home, backupDir));
        FreeSpace = new FakeFreeSpace(freeBytes);
        Engine = new BackupEngine(Layout, FreeSpace, Clock, Log);
    }

    public TempHome Temp { get; } = TempHome.Empty("gstable");
    public TestScheduler Clock { get; } = new();
    public CapturedLog<BackupEngine> Log { get; } = new();
    public FakeFreeSpace FreeSpace { get; }
    public HomeLayout Layout { get; }
    public BackupEngine Engine { get; }
    public string Home => Temp.Home;
    public string DataDir => Layout.DataDir;

    public BackupRecord Backup(string? upgrade = "v2.0.0", long height = 1000) =>
        Engine.Create(upgrade is null ? BackupLabel.Manual : BackupLabel.ForUpgrade(upgrade, height), CancellationToken.None);

    public void Dispose() => Temp.Dispose();
}
