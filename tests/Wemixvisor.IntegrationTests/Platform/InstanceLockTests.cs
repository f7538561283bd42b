using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Locking;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.IntegrationTests.Platform;

[Collection("Processes")]
public sealed class InstanceLockTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private InstanceLock Acquire() => InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);

    /// <summary>Whether another process can take the lock now: flock(1) from util-linux, non-blocking.</summary>
    private async Task<bool> OutsiderCanLock()
    {
        await using var probe = RunningProcess.Start("/usr/bin/flock", ["--nonblock", "--exclusive", _home.Layout.LockFile, "true"]);
        return await probe.WaitForExit() == 0;
    }

    private static async Task<string> ReadWithoutLocking(string path)
    {
        await using var cat = RunningProcess.Start("/usr/bin/cat", [path]);
        Assert.Equal(0, await cat.WaitForExit());
        return cat.Stdout;
    }

    [Fact]
    public async Task Acquire_Held_SecondAcquireFailsNamingPidAndHome()
    {
        // Arrange
        using var held = Acquire();

        // Act
        var error = Assert.Throws<InstanceLockedException>(Acquire);

        // Assert
        Assert.Equal(Environment.ProcessId, error.HolderPid);
        Assert.Equal($"another wemixvisor (pid {Environment.ProcessId}) runs for {_home.Home}", error.Message);
        // File.ReadAllText would ask for a shared flock and fail: read without locking.
        Assert.Equal($"{Environment.ProcessId}\n", await ReadWithoutLocking(_home.Layout.LockFile));
        Assert.False(await OutsiderCanLock(), "another process must not get the lock");
    }

    [Fact]
    public async Task Dispose_ReleasesTheLock()
    {
        Acquire().Dispose();

        Assert.True(await OutsiderCanLock());
        using var again = Acquire();
    }

    [Fact]
    public async Task Acquire_ChildStartedWhileHeld_DoesNotInheritTheLock()
    {
        // Arrange: a long-running child started the way the node is.
        var held = Acquire();
        using var child = ProcessGroupStarter.Start(new ProcessLaunch("/usr/bin/sleep", ["1000"]));
        try
        {
            var lockFile = Path.GetFullPath(_home.Layout.LockFile);
            var childDescriptors = Directory.EnumerateFileSystemEntries($"/proc/{child.Id}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget)
                .ToList();

            // Act
            held.Dispose();

            // Assert
            Assert.DoesNotContain(lockFile, childDescriptors);
            Assert.True(await OutsiderCanLock(), "the child must not keep the lock after wemixvisor released it");
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Acquire_HeldByAnotherProcessWithoutPid_MessageSaysSoWithoutPid()
    {
        // Arrange: flock(1) holds the lock and writes nothing into the file.
        File.WriteAllText(_home.Layout.LockFile, "");
        await using var holder = RunningProcess.Start("/usr/bin/flock", ["--exclusive", _home.Layout.LockFile, "sleep", "1000"]);
        await Eventually.Holds(() => !OutsiderCanLock().GetAwaiter().GetResult(), "flock(1) holds the lock");

        // Act
        var error = Assert.Throws<InstanceLockedException>(Acquire);

        // Assert
        Assert.Null(error.HolderPid);
        Assert.Equal($"another wemixvisor runs for {_home.Home}", error.Message);
    }
}
