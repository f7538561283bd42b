using Microsoft.Reactive.Testing;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Backup;

public sealed class CopyProgressTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Progress_LogsBytesFilesRateAndEtaEveryFiveSeconds()
    {
        // Arrange
        var clock = new TestScheduler();
        var log = new CapturedLog<BackupEngine>();
        using var progress = new CopyProgress(log, clock, "backup", totalBytes: 1000 * MiB, totalFiles: 10);

        // Act: 100 MiB in the first 5 s
        progress.FileCopied(60 * MiB);
        progress.FileCopied(40 * MiB);
        clock.AdvanceBy(TimeSpan.FromSeconds(5).Ticks - 1);
        Assert.Empty(log.Entries);
        clock.AdvanceBy(1);

        // Assert: 20 MiB/s, 900 MiB left → 45 s
        var line = Assert.Single(log.Entries);
        Assert.Equal(4001, line.EventId);
        Assert.Equal(100 * MiB, line.Values["Bytes"]);
        Assert.Equal(1000 * MiB, line.Values["TotalBytes"]);
        Assert.Equal(2, line.Values["Files"]);
        Assert.Equal(10, line.Values["TotalFiles"]);
        Assert.Equal(20.0, line.Values["MiBPerSecond"]);
        Assert.Equal(45L, line.Values["EtaSeconds"]);

        clock.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);
        Assert.Equal(2, log.Entries.Count);
    }

    [Fact]
    public void Progress_NothingCopiedYet_LogsWithoutRate()
    {
        var clock = new TestScheduler();
        var log = new CapturedLog<BackupEngine>();
        using var progress = new CopyProgress(log, clock, "restore", totalBytes: 10, totalFiles: 1);

        clock.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        Assert.Equal(4002, Assert.Single(log.Entries).EventId);
    }

    [Fact]
    public void Progress_Disposed_StopsLogging()
    {
        var clock = new TestScheduler();
        var log = new CapturedLog<BackupEngine>();
        var progress = new CopyProgress(log, clock, "backup", totalBytes: 10, totalFiles: 1);

        progress.Dispose();
        clock.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);

        Assert.Empty(log.Entries);
    }
}
