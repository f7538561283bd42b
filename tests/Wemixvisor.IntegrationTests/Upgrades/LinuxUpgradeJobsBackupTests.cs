using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Wemixvisor.Core.Ports;
using Wemixvisor.IntegrationTests.Backup;

namespace Wemixvisor.IntegrationTests.Upgrades;

public sealed class LinuxUpgradeJobsBackupTests
{
    [Fact]
    public async Task Backup_TakesABackupNamedAfterTheUpgrade()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);

        var outcome = await home.Run(UpgradeJob.Backup);

        var succeeded = Assert.IsType<JobOutcome.Succeeded>(outcome);
        var backup = Assert.Single(home.Backups.List());
        Assert.Equal("20260102T030405Z-v2.0.0", backup.Id);
        Assert.Equal(1234, backup.Height);
        Assert.Contains(backup.Id, succeeded.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_UnsafeSkipBackup_IsSkippedAndRestoreHasNothingToRestore()
    {
        using var home = new JobsFixture(options => options with { UnsafeSkipBackup = true });
        NodeDataTree.Create(home.Options.DataDir);

        var backup = await home.Run(UpgradeJob.Backup);
        var restore = await JobsFixture.Await(home.Jobs.RestoreBackup(JobsFixture.Upgrade));

        Assert.Contains("UNSAFE_SKIP_BACKUP", Assert.IsType<JobOutcome.Skipped>(backup).Reason, StringComparison.Ordinal);
        Assert.Contains("UNSAFE_SKIP_BACKUP", Assert.IsType<JobOutcome.Failed>(restore).Reason, StringComparison.Ordinal);
        Assert.Empty(home.Backups.List());
    }

    [Fact]
    public async Task RestoreBackup_AfterAFailedMigration_PutsBackTheDataOfThisUpgradesBackup()
    {
        using var home = new JobsFixture();
        var nodekey = NodeDataTree.Create(home.Options.DataDir);
        var before = TreeSnapshot.Of(home.Options.DataDir);
        await home.Run(UpgradeJob.Backup);
        File.WriteAllText(Path.Combine(home.Options.DataDir, "gstable", "nodekey"), "overwritten by a migration");
        File.WriteAllText(Path.Combine(home.Options.DataDir, "migrated"), "new schema");

        var outcome = await JobsFixture.Await(home.Jobs.RestoreBackup(JobsFixture.Upgrade));

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        Assert.Equal(before, TreeSnapshot.Of(home.Options.DataDir));
        Assert.Equal(nodekey, File.ReadAllBytes(Path.Combine(home.Options.DataDir, "gstable", "nodekey")));
    }

    [Fact]
    public async Task RestoreBackup_NoBackupOfThatUpgradeAndHeight_FailsNamingIt_DataUntouched()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        home.Backups.Create(Wemixvisor.Platform.Backup.BackupLabel.ForUpgrade("v2.0.0", 999), CancellationToken.None);
        home.Backups.Create(Wemixvisor.Platform.Backup.BackupLabel.ForUpgrade("v1.0.0", 1234), CancellationToken.None);
        File.WriteAllText(Path.Combine(home.Options.DataDir, "migrated"), "new schema");
        var before = TreeSnapshot.Of(home.Options.DataDir);

        var outcome = await JobsFixture.Await(home.Jobs.RestoreBackup(JobsFixture.Upgrade));

        var failed = Assert.IsType<JobOutcome.Failed>(outcome);
        Assert.Contains("no backup of upgrade v2.0.0 at height 1234", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Of(home.Options.DataDir));
    }

    [Fact]
    public async Task RestoreBackup_TakenByAnEarlierWemixvisor_PutsBackTheNewestBackupOfThatUpgrade()
    {
        // A wemixvisor restarted during the new binary's probation rolls back with the backup its predecessor took
        // (these steps took none themselves).
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        var earlier = home.Backups.Create(Wemixvisor.Platform.Backup.BackupLabel.ForUpgrade("v2.0.0", 1234), CancellationToken.None);
        File.WriteAllText(Path.Combine(home.Options.DataDir, "second-attempt"), "data of the second attempt");
        var before = TreeSnapshot.Of(home.Options.DataDir);
        home.Clock.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);
        var newest = home.Backups.Create(Wemixvisor.Platform.Backup.BackupLabel.ForUpgrade("v2.0.0", 1234), CancellationToken.None);
        File.WriteAllText(Path.Combine(home.Options.DataDir, "migrated"), "new schema");

        var outcome = await JobsFixture.Await(home.Jobs.RestoreBackup(JobsFixture.Upgrade));

        Assert.Contains(newest.Id, Assert.IsType<JobOutcome.Succeeded>(outcome).Detail, StringComparison.Ordinal);
        Assert.NotEqual(earlier.Id, newest.Id);
        Assert.Equal(before, TreeSnapshot.Of(home.Options.DataDir));
    }

    [Fact]
    public async Task Backup_Error_BecomesFailedOutcomeNamingThePath_NotAnObservableError()
    {
        using var home = new JobsFixture();

        var outcome = await home.Jobs.Run(UpgradeJob.Backup, JobsFixture.Upgrade).Materialize().ToList().ToTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, outcome.Count);
        var failed = Assert.IsType<JobOutcome.Failed>(outcome[0].Value);
        Assert.Contains(home.Options.DataDir, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(System.Reactive.NotificationKind.OnCompleted, outcome[1].Kind);
        Assert.Contains(home.JobLog.Entries, entry => entry.EventId == 4151);
    }

    [Fact]
    public void Run_DoesTheWorkOffTheSubscribersThread()
    {
        using var home = new JobsFixture();
        NodeDataTree.Create(home.Options.DataDir);
        var subscriberThread = Environment.CurrentManagedThreadId;
        var workThread = 0;

        using (home.Jobs.Run(UpgradeJob.Backup, JobsFixture.Upgrade).Subscribe(_ => workThread = Environment.CurrentManagedThreadId))
        {
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref workThread) != 0, TimeSpan.FromSeconds(30)));
        }

        Assert.NotEqual(subscriberThread, workThread);
    }

    [Fact]
    public async Task PruneBackups_KeepsBackupKeepNewest()
    {
        using var home = new JobsFixture(options => options with { BackupKeep = 2 });
        NodeDataTree.Create(home.Options.DataDir);
        for (var i = 0; i < 4; i++)
        {
            await home.Run(UpgradeJob.Backup);
            home.Clock.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);
        }

        var outcome = await JobsFixture.Await(home.Jobs.PruneBackups());

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        Assert.Equal(["20260102T030705Z-v2.0.0", "20260102T030605Z-v2.0.0"], home.Backups.List().Select(record => record.Id));
    }
}
