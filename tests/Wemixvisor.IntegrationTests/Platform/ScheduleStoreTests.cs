using System.Text;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Schedule;

namespace Wemixvisor.IntegrationTests.Platform;

/// <summary><see cref="ScheduleStore"/> on a real file system: bounded reads of whatever sits at the path, atomic updates under the lock.</summary>
[Collection("Processes")]
public sealed class ScheduleStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TempHome _home = TempHome.Create();
    private readonly ScheduleStore _store;

    public ScheduleStoreTests()
    {
        Directory.CreateDirectory(_home.Layout.Root);
        _store = ScheduleStore.For(_home.Layout);
    }

    public void Dispose() => _home.Dispose();

    private static Func<UpgradeSchedule, ScheduleEdit> Add(string name, long height) =>
        schedule => schedule.Add(UpgradeName.Parse(name), height, AppliedUpgrade.Genesis, At);

    /// <summary>Reads on another thread, so a read that blocks fails the test instead of hanging it.</summary>
    private async Task<ScheduleFile> ReadBounded() => await Task.Run(_store.Read).WaitAsync(Bound);

    [Fact]
    public async Task Read_NoFile_IsAbsent() => Assert.Same(ScheduleFile.Absent.Instance, await ReadBounded());

    [Fact]
    public async Task Update_ThenRead_GivesTheSchedule_AndLeavesNoTempFile()
    {
        // Act
        var saved = Assert.IsType<ScheduleUpdate.Saved>(_store.Update(Add("v2", 1200)));

        // Assert
        Assert.Equal(UpgradeSchedule.Empty, saved.Before);
        Assert.Equal(saved.After, Assert.IsType<ScheduleFile.Valid>(await ReadBounded()).Schedule);
        Assert.Equal(ScheduleWriter.ToBytes(saved.After), File.ReadAllBytes(_store.Path));
        Assert.Equal(["schedule.json", "schedule.json.lock"], Directory.GetFiles(_home.Layout.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Read_SymlinkToDevZero_IsInvalidAtOnce()
    {
        File.CreateSymbolicLink(_store.Path, "/dev/zero");

        var invalid = Assert.IsType<ScheduleFile.Invalid>(await ReadBounded());

        Assert.Equal("it is a symbolic link (wemixvisor reads and writes only a regular file there)", invalid.Reason);
    }

    [Fact]
    public async Task Read_SymlinkToAValidFile_IsInvalid()
    {
        var elsewhere = Path.Combine(_home.Home, "elsewhere.json");
        File.WriteAllBytes(elsewhere, ScheduleWriter.ToBytes(UpgradeSchedule.Empty));
        File.CreateSymbolicLink(_store.Path, elsewhere);

        Assert.Contains("symbolic link", Assert.IsType<ScheduleFile.Invalid>(await ReadBounded()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_Fifo_IsInvalidWithoutWaitingForAWriter()
    {
        await using (var mkfifo = RunningProcess.Start("/usr/bin/mkfifo", [_store.Path]))
        {
            Assert.Equal(0, await mkfifo.WaitForExit());
        }

        var invalid = Assert.IsType<ScheduleFile.Invalid>(await ReadBounded());

        Assert.Equal("it is not a regular file (a device, pipe or socket)", invalid.Reason);
    }

    [Fact]
    public async Task Read_Directory_IsInvalid()
    {
        Directory.CreateDirectory(_store.Path);

        Assert.Equal("it is a directory, not a file", Assert.IsType<ScheduleFile.Invalid>(await ReadBounded()).Reason);
    }

    [Fact]
    public async Task Read_TenMebibytes_IsInvalidNamingTheSize()
    {
        File.WriteAllBytes(_store.Path, Encoding.ASCII.GetBytes(new string(' ', 10 << 20)));

        Assert.Equal($"file is {10 << 20} bytes; at most {ScheduleParser.MaxFileBytes} are accepted", Assert.IsType<ScheduleFile.Invalid>(await ReadBounded()).Reason);
    }

    [Fact]
    public void Update_InvalidFile_IsUnusableAndLeavesTheFileAlone()
    {
        // Arrange
        File.WriteAllText(_store.Path, "{\"version\":1,\"upgrades\":[");
        var written = new FileInfo(_store.Path).LastWriteTimeUtc;

        // Act
        var unusable = Assert.IsType<ScheduleUpdate.Unusable>(_store.Update(Add("v2", 1200)));

        // Assert
        Assert.Equal($"the schedule file {_store.Path} is unusable: JSON ends early: the file is truncated; correct or remove it (wemixvisor left it unchanged)", unusable.Problem);
        Assert.Equal("{\"version\":1,\"upgrades\":[", File.ReadAllText(_store.Path));
        Assert.Equal(written, new FileInfo(_store.Path).LastWriteTimeUtc);
    }

    [Fact]
    public void Update_SymlinkToDevZero_IsUnusableAndTheLinkStays()
    {
        File.CreateSymbolicLink(_store.Path, "/dev/zero");

        Assert.IsType<ScheduleUpdate.Unusable>(_store.Update(Add("v2", 1200)));

        Assert.Equal("/dev/zero", new FileInfo(_store.Path).LinkTarget);
    }

    [Fact]
    public void Update_Refused_WritesNothing()
    {
        // Arrange
        Assert.IsType<ScheduleUpdate.Saved>(_store.Update(Add("v2", 1200)));
        var before = File.ReadAllBytes(_store.Path);
        var written = File.GetLastWriteTimeUtc(_store.Path);

        // Act
        var refused = Assert.IsType<ScheduleUpdate.Refused>(_store.Update(Add("v3", 1200)));

        // Assert
        Assert.StartsWith("height 1200 is taken by upgrade v2", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_store.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(_store.Path));
    }

    [Fact]
    public void Update_HomeNotInitialised_IsUnusableNamingTheLockFile()
    {
        var store = new ScheduleStore(Path.Combine(_home.Home, "missing", "schedule.json"));

        var unusable = Assert.IsType<ScheduleUpdate.Unusable>(store.Update(Add("v2", 1200)));

        Assert.Contains($"cannot open lock file {store.LockPath}", unusable.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_LockHeldTooLong_IsUnusableAndWritesNothing()
    {
        var store = new ScheduleStore(_store.Path, lockTimeout: TimeSpan.FromMilliseconds(100));
        using var held = ScheduleLock.Acquire(store.LockPath, TimeSpan.Zero);

        var unusable = Assert.IsType<ScheduleUpdate.Unusable>(store.Update(Add("v2", 1200)));

        Assert.Contains($"{store.LockPath} stayed locked by another wemixvisor", unusable.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(store.Path));
    }

    [Fact]
    public async Task Update_ManyWritersAtOnce_LosesNoChange()
    {
        // Act: 8 writers, 10 upgrades each, each writer with its own store (its own lock descriptor), all at once.
        using var start = new Barrier(8);
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Factory.StartNew(() =>
        {
            var store = ScheduleStore.For(_home.Layout);
            start.SignalAndWait();
            return Enumerable.Range(0, 10)
                .Select(i => store.Update(Add($"w{writer}-{i}", 1 + writer * 10 + i)))
                .ToList();
        }, TaskCreationOptions.LongRunning)).ToList();
        var outcomes = (await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60))).SelectMany(results => results).ToList();

        // Assert
        Assert.All(outcomes, outcome => Assert.IsType<ScheduleUpdate.Saved>(outcome));
        var schedule = Assert.IsType<ScheduleFile.Valid>(await ReadBounded()).Schedule;
        Assert.Equal(Enumerable.Range(1, 80).Select(height => (long)height), schedule.Entries.Select(entry => entry.Height));
    }
}
