using Microsoft.Extensions.Logging;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Switching;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.IntegrationTests.Platform;

public sealed class ProbationJournalTests : IDisposable
{
    private static readonly UpgradeInfo V2 = new(UpgradeName.Parse("v2"), 100, null, """{"binaries":{"any":"https://example.com/v2"}}""");
    private static readonly AppliedUpgrade V1 = new(UpgradeName.Parse("v1"), 50);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly TempHome _home = TempHome.Create();
    private readonly CapturedLog<ProbationJournal> _log = new();
    private readonly FakeUpgradeHost _results = new(new TestScheduler());
    private readonly ProbationJournal _journal;

    public ProbationJournalTests() => _journal = new ProbationJournal(_home.Layout, _log);

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData(true, 93L)]
    [InlineData(false, null)]
    public void Keep_ThenRecoverForTheSameVersion_GivesBackTheRecord(bool flags, long? baseline)
    {
        var kept = new ProbationRecord(V2, V1, BackupTaken: flags, Scheduled: !flags, ByRpc: flags, baseline);
        _journal.Keep(kept);

        var resumed = _journal.Recover(AppliedUpgrade.From(V2), _results, Now);

        Assert.Equal(kept, resumed);
        Assert.True(File.Exists(_home.Layout.ProbationFile), "the record stays until the probation ends");
        Assert.Empty(_results.Results);
    }

    [Fact]
    public void Keep_PreviousIsGenesis_RoundTrips()
    {
        var kept = new ProbationRecord(V2, AppliedUpgrade.Genesis, BackupTaken: false, Scheduled: false, ByRpc: false, Baseline: null);
        _journal.Keep(kept);

        Assert.Equal(kept, _journal.Recover(AppliedUpgrade.From(V2), _results, Now));
    }

    [Fact]
    public void Recover_CurrentIsBackAtThePreviousVersion_RecordsTheRollbackAndRemovesTheRecord()
    {
        _journal.Keep(new ProbationRecord(V2, V1, BackupTaken: true, Scheduled: true, ByRpc: true, Baseline: 93));

        var resumed = _journal.Recover(V1, _results, Now);

        Assert.Null(resumed);
        Assert.StartsWith("v2 rolled_back: rolled back to v1@50; wemixvisor stopped during the rollback", Assert.Single(_results.Results), StringComparison.Ordinal);
        Assert.False(File.Exists(_home.Layout.ProbationFile), "the record is removed");
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains("v2 was rolled back to v1@50", StringComparison.Ordinal));
    }

    [Fact]
    public void Recover_RecordOfAnotherVersion_RemovedWithAWarning()
    {
        _journal.Keep(new ProbationRecord(V2, V1, BackupTaken: true, Scheduled: false, ByRpc: false, Baseline: null));

        var resumed = _journal.Recover(new AppliedUpgrade(UpgradeName.Parse("v3"), 200), _results, Now);

        Assert.Null(resumed);
        Assert.Empty(_results.Results);
        Assert.False(File.Exists(_home.Layout.ProbationFile), "the stale record is removed");
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("it is for upgrade v2@100, but current is v3@200", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"version":2}""")]
    [InlineData("""{"version":1,"upgrade":{"name":"v2","height":100},"previous":null,"previousHeight":0,"backupTaken":"yes","scheduled":false,"byRpc":false}""")]
    [InlineData("""{"version":1,"upgrade":{"name":"../x","height":100},"previous":null,"previousHeight":0,"backupTaken":true,"scheduled":false,"byRpc":false}""")]
    public void Recover_UnreadableRecord_RemovedWithAWarning_NothingResumed(string text)
    {
        File.WriteAllText(_home.Layout.ProbationFile, text);

        var resumed = _journal.Recover(AppliedUpgrade.From(V2), _results, Now);

        Assert.Null(resumed);
        Assert.False(File.Exists(_home.Layout.ProbationFile), "the unreadable record is removed");
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("it cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Recover_RecordCannotBeOpened_ErrorLogged_NothingResumed_NothingRemoved()
    {
        Directory.CreateDirectory(_home.Layout.ProbationFile);

        var resumed = _journal.Recover(AppliedUpgrade.From(V2), _results, Now);

        Assert.Null(resumed);
        Assert.True(Directory.Exists(_home.Layout.ProbationFile), "nothing is removed");
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains("Cannot read the probation record", StringComparison.Ordinal));
    }

    [Fact]
    public void Recover_NoRecord_Nothing()
    {
        Assert.Null(_journal.Recover(AppliedUpgrade.From(V2), _results, Now));
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public void Clear_NoRecord_DoesNothing()
    {
        _journal.Clear();

        Assert.False(File.Exists(_home.Layout.ProbationFile));
    }
}
