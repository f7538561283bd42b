using System.Text;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.IntegrationTests.Platform;

public sealed class LinuxFileProbeTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();
    private readonly LinuxFileProbe _probe = new();

    public void Dispose() => _home.Dispose();

    private string Trigger => _home.Layout.TriggerFile;

    /// <summary>Sets the modification time with nanosecond precision (the BCL stops at 100 ns).</summary>
    private static async Task Touch(string path, string unixTime)
    {
        await using var touch = RunningProcess.Start("/usr/bin/touch", ["-m", "-d", "@" + unixTime, path]);
        Assert.Equal(0, await touch.WaitForExit());
    }

    [Fact]
    public void Stat_Missing_IsNull_And_Read_Missing_IsNull()
    {
        Assert.Null(_probe.Stat(Trigger));
        Assert.Null(_probe.Read(Trigger, 100));
        Assert.Null(_probe.Stat(Path.Combine(_home.Home, "no-such-dir", "file")));
    }

    [Fact]
    public void Stat_SizeChanges_FingerprintChanges()
    {
        File.WriteAllText(Trigger, "{");
        var before = _probe.Stat(Trigger);

        File.AppendAllText(Trigger, "}");
        var after = _probe.Stat(Trigger);

        Assert.NotNull(before);
        Assert.Equal(1, before.Value.Size);
        Assert.Equal(2, after!.Value.Size);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Stat_OnlyNanosecondsOfModificationTimeDiffer_FingerprintChanges()
    {
        File.WriteAllText(Trigger, "{}");
        await Touch(Trigger, "1700000000.000000001");
        var before = _probe.Stat(Trigger);

        await Touch(Trigger, "1700000000.000000002");
        var after = _probe.Stat(Trigger);

        Assert.Equal(1_700_000_000_000_000_001L, before!.Value.ModifiedTicks);
        Assert.Equal(1_700_000_000_000_000_002L, after!.Value.ModifiedTicks);
    }

    [Fact]
    public async Task Stat_RenameOverBySameSizeAndTime_InodeChanges()
    {
        // Arrange: two files of the same size and modification time.
        var replacement = Trigger + ".new";
        File.WriteAllText(Trigger, "{\"a\":1}");
        File.WriteAllText(replacement, "{\"b\":2}");
        await Touch(Trigger, "1700000000.5");
        await Touch(replacement, "1700000000.5");
        var before = _probe.Stat(Trigger);

        // Act
        Libc.RenameOrThrow(replacement, Trigger);
        var after = _probe.Stat(Trigger);

        // Assert
        Assert.Equal(before!.Value.Size, after!.Value.Size);
        Assert.Equal(before.Value.ModifiedTicks, after.Value.ModifiedTicks);
        Assert.NotEqual(before.Value.Inode, after.Value.Inode);
    }

    [Fact]
    public void Stat_SameFileUntouched_SameFingerprint()
    {
        File.WriteAllText(Trigger, "{}");

        Assert.Equal(_probe.Stat(Trigger), _probe.Stat(Trigger));
    }

    [Fact]
    public void Read_LongerThanMax_ReturnsOnlyMaxBytes()
    {
        File.WriteAllText(Trigger, "0123456789");

        Assert.Equal("0123", Encoding.ASCII.GetString(_probe.Read(Trigger, 4)!));
        Assert.Equal("0123456789", Encoding.ASCII.GetString(_probe.Read(Trigger, 100)!));
    }
}
