using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Locking;
using Wemixvisor.Tests.Cli;

namespace Wemixvisor.IntegrationTests.Cli;

[Collection(CliCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class BackupCommandTests : IDisposable
{
    private readonly TempHome _home = CliHome.NewHome();
    private readonly CliHarness _cli;

    public BackupCommandTests() => _cli = CliHome.For(_home);

    public void Dispose() => _home.Dispose();

    private async Task<string> CreateBackupAsync()
    {
        var result = await _cli.RunAsync("backup", "create");
        Assert.True(result.ExitCode == 0, result.ToString());
        var id = result.Stdout.Split(' ', ':')[2];
        Assert.True(Directory.Exists(Path.Combine(_home.Layout.BackupDir, id)), $"no backup directory for \"{id}\": {result}");
        return id;
    }

    [Fact]
    public async Task List_NoBackups_SaysSoInTextAndJson()
    {
        await _cli.InitAsync(_home);

        var text = await _cli.RunAsync("backup", "list");
        var json = await _cli.RunAsync("backup", "list", "--output", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal($"no backups in {_home.Layout.BackupDir}\n", text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(_home.Layout.BackupDir, document.RootElement.GetProperty("backup_dir").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("backups").GetArrayLength());
    }

    [Fact]
    public async Task Create_ThenList_ShowsIdUpgradeTimeAndSize()
    {
        // Arrange
        await _cli.InitAsync(_home);
        NodeDataTree.Create(_home.Layout.DataDir);
        var dataBytes = Directory.EnumerateFiles(_home.Layout.DataDir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Sum(path => new FileInfo(path).Length);

        // Act
        var create = await _cli.RunAsync("backup", "create");
        var text = await _cli.RunAsync("backup", "list");
        var json = await _cli.RunAsync("backup", "list", "--output", "json");

        // Assert
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Matches(@"^created backup \d{8}T\d{6}Z-manual: \d+ files, ", create.Stdout);
        Assert.True(text.ExitCode == 0, text.ToString());
        var lines = text.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^ID\s+UPGRADE\s+HEIGHT\s+CREATED\s+SIZE$", lines[0]);
        Assert.Matches($@"^\d{{8}}T\d{{6}}Z-manual\s+manual\s+-\s+\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+\d+\.\d MiB \({dataBytes} bytes\)$", lines[1]);
        using var document = JsonDocument.Parse(json.Stdout);
        var backup = Assert.Single(document.RootElement.GetProperty("backups").EnumerateArray());
        Assert.Equal(lines[1].Split(' ')[0], backup.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, backup.GetProperty("upgrade").ValueKind);
        Assert.Equal(dataBytes, backup.GetProperty("total_bytes").GetInt64());
        Assert.Equal(Path.Combine(_home.Layout.BackupDir, backup.GetProperty("id").GetString()!), backup.GetProperty("path").GetString());
        Assert.Equal(TreeSnapshot.Of(_home.Layout.DataDir), TreeSnapshot.Of(Path.Combine(backup.GetProperty("path").GetString()!, "data")));
    }

    [Fact]
    public async Task Restore_AfterTheDataChanged_PutsBackExactlyTheBackedUpDataAndTheNodekey()
    {
        // Arrange
        await _cli.InitAsync(_home);
        var nodekey = NodeDataTree.Create(_home.Layout.DataDir);
        var before = TreeSnapshot.Of(_home.Layout.DataDir);
        var id = await CreateBackupAsync();
        var nodekeyPath = Path.Combine(_home.Layout.DataDir, "gstable", "nodekey");
        File.Delete(nodekeyPath);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "gstable", "chaindata", "000002.ldb"), "migrated by a bad binary");
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "new-file"), "written after the backup");

        // Act
        var result = await _cli.RunAsync("backup", "restore", id);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"restored {_home.Layout.DataDir} from backup {id}: ", result.Stdout[..$"restored {_home.Layout.DataDir} from backup {id}: ".Length]);
        Assert.Equal(before, TreeSnapshot.Of(_home.Layout.DataDir));
        Assert.Equal(nodekey, File.ReadAllBytes(nodekeyPath));
        Assert.Equal(["data"], Directory.GetDirectories(_home.Home, "*data*").Select(Path.GetFileName));
        Assert.True(Directory.Exists(Path.Combine(_home.Layout.BackupDir, id)), "the backup stays after a restore");
    }

    [Fact]
    public async Task Restore_UnknownId_ExitsTwoNamingItAndLeavesTheData()
    {
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "current");

        var result = await _cli.RunAsync("backup", "restore", "20990101T000000Z-nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("there is no backup \"20990101T000000Z-nope\"", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("current", File.ReadAllText(Path.Combine(_home.Layout.DataDir, "state")));
    }

    [Fact]
    public async Task Create_WhileAnInstanceHoldsTheLock_IsRefusedWithExitCode4NamingThePid()
    {
        // Arrange
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "live");
        using var held = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);

        // Act
        var result = await _cli.RunAsync("backup", "create");

        // Assert
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Equal(
            $"error: another wemixvisor (pid {Environment.ProcessId}) runs for {_home.Home}; backup create needs the node stopped: stop that wemixvisor first (for example with systemctl stop)\n",
            result.Stderr);
        Assert.False(Directory.Exists(_home.Layout.BackupDir));
    }

    [Fact]
    public async Task Restore_WhileAnInstanceHoldsTheLock_IsRefusedWithExitCode4AndChangesNothing()
    {
        // Arrange
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "old");
        var id = await CreateBackupAsync();
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "new");
        using var held = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);

        // Act
        var result = await _cli.RunAsync("backup", "restore", id);

        // Assert
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains($"pid {Environment.ProcessId}", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("new", File.ReadAllText(Path.Combine(_home.Layout.DataDir, "state")));
    }

    [Fact]
    public async Task Create_HoldsTheLockWhileItWorks_AndReleasesItAfterwards()
    {
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "data");

        await CreateBackupAsync();

        // The command is over: a run may take the lock again.
        using var after = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);
    }

    [Fact]
    public async Task Prune_KeepOne_RemovesAllButTheNewest()
    {
        // Arrange
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "data");
        var ids = new[] { await CreateBackupAsync(), await CreateBackupAsync(), await CreateBackupAsync() };

        // Act
        var result = await _cli.RunAsync("backup", "prune", "--keep", "1");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([ids[2]], Directory.GetDirectories(_home.Layout.BackupDir).Select(Path.GetFileName));
        Assert.Contains($"removed {ids[0]}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"removed {ids[1]}\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"kept 1 backups in {_home.Layout.BackupDir} (keep 1), removed 2\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_WithoutKeep_KeepsDaemonBackupKeep()
    {
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "data");
        var ids = new[] { await CreateBackupAsync(), await CreateBackupAsync(), await CreateBackupAsync() };
        _cli.Environment["DAEMON_BACKUP_KEEP"] = "2";

        var result = await _cli.RunAsync("backup", "prune");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ids[1..].Order(StringComparer.Ordinal), Directory.GetDirectories(_home.Layout.BackupDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Prune_WhileAnInstanceHoldsTheLock_IsRefusedWithExitCode4()
    {
        await _cli.InitAsync(_home);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "state"), "data");
        var id = await CreateBackupAsync();
        using var held = InstanceLock.Acquire(_home.Layout, NullLogger<InstanceLock>.Instance);

        var result = await _cli.RunAsync("backup", "prune", "--keep", "0");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.True(Directory.Exists(Path.Combine(_home.Layout.BackupDir, id)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    public async Task Prune_KeepNotAWholeNumber_ExitsTwo(string keep)
    {
        var result = await _cli.RunAsync("backup", "prune", "--keep", keep);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--keep \"{keep}\": must be a whole number >= 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutDataDirectory_ExitsTwoNamingIt()
    {
        await _cli.InitAsync(_home);
        Directory.Delete(_home.Layout.DataDir);

        var result = await _cli.RunAsync("backup", "create");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the data directory {_home.Layout.DataDir} (DAEMON_DATA_DIR) does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_HomeNotInitialised_ExitsTwoNamingInit()
    {
        var result = await _cli.RunAsync("backup", "create");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("wemixvisor init", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_home.Home));
    }

    [Theory]
    [InlineData("backup", "frobnicate")]
    [InlineData("backup", "restore")]
    public async Task Backup_UnknownSubCommandOrMissingId_ExitsTwo(string command, string sub)
    {
        var result = await _cli.RunAsync(command, sub);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Restore_MissingId_NamesTheSubCommandsHelp()
    {
        var result = await _cli.RunAsync("backup", "restore");

        Assert.Contains("the argument <id> is missing; see 'wemixvisor backup restore --help'", result.Stderr, StringComparison.Ordinal);
    }
}
