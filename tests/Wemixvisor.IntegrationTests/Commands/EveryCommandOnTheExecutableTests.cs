using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Commands;

/// <summary>
/// Every command, its options and its arguments bound by the published (native) executable itself: the in-process CLI
/// tests run on the JIT, where reflection the native build could lose still works.
/// </summary>
[Collection("Processes")]
public sealed class EveryCommandOnTheExecutableTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly TempHome _home = TempHome.Empty();

    /// <summary>An empty home (the working directory of every command) for <c>init</c> to fill.</summary>
    public EveryCommandOnTheExecutableTests() => Directory.CreateDirectory(_home.Home);

    public void Dispose() => _home.Dispose();

    private async Task<(int ExitCode, string Stdout, string Stderr)> Wemixvisor(params string[] arguments)
    {
        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, arguments, timeout: Bound);
        await using (run)
        {
            return (code, run.Process.Stdout, run.Process.Stderr);
        }
    }

    private async Task<string> Expect(int exitCode, string expected, params string[] arguments)
    {
        var (code, stdout, stderr) = await Wemixvisor(arguments);
        var shown = $"wemixvisor {string.Join(' ', arguments)}: exit {code}\n--- stdout\n{stdout}\n--- stderr\n{stderr}";
        Assert.True(code == exitCode, shown);
        Assert.True((stdout + stderr).Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in the output of {shown}");
        return stdout;
    }

    private string Binary(string name) =>
        TempHome.WriteExecutable(_home.Combine("incoming", name), $"#!/bin/sh\necho {name}\n");

    public static TheoryData<string> Commands() =>
        ["init", "run", "config", "version", "demo", "add-upgrade", "prepare-upgrade", "show-upgrade-info", "status", "backup", "schedule"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ShowsItsUsage(string command)
    {
        await Expect(0, $"Usage: wemixvisor {command}", command, "--help");
    }

    [Fact]
    public async Task OperatorsDay_EveryCommandWithItsOptionsAndArguments_ExitCodesAndOutputs()
    {
        var genesis = Binary("genesis");
        await Expect(0, "linked", "init", genesis);
        var other = Binary("other");
        await Expect(2, "--force", "init", other);
        await Expect(0, "replaced", "init", "--force", other);
        await Expect(0, "5s", "config", "--poll-interval", "5s");
        await Expect(2, "--poll-interval \"soon\"", "config", "--poll-interval", "soon");
        await Expect(0, "wemixvisor ", "version");
        await Expect(0, "installed", "add-upgrade", "v2", Binary("v2"));
        await Expect(0, "scheduled upgrade v3 at height 100", "add-upgrade", "v3", Binary("v3"), "--height", "100");
        await Expect(2, "--height \"soon\": must be a whole number", "add-upgrade", "v4", Binary("v4"), "--height", "soon");
        using (var schedule = JsonDocument.Parse(await Expect(0, "\"v3\"", "schedule", "list", "--output", "json")))
        {
            Assert.Equal(100, schedule.RootElement.GetProperty("upgrades")[0].GetProperty("height").GetInt64());
        }
        await Expect(0, "cancelled upgrade v3", "schedule", "cancel", "v3");
        await Expect(2, "no upgrade named v3", "schedule", "cancel", "v3");
        Directory.CreateDirectory(_home.Layout.DataDir);
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "blocks");
        await Expect(0, "-manual", "backup", "create");
        var listed = await Expect(0, "backup_dir", "backup", "list", "--output", "json");
        using (var backups = JsonDocument.Parse(listed))
        {
            var id = backups.RootElement.GetProperty("backups")[0].GetProperty("id").GetString()!;
            File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "spoiled");
            await Expect(0, id, "backup", "restore", id);
        }
        Assert.Equal("blocks", File.ReadAllText(Path.Combine(_home.Layout.DataDir, "chain.db")));
        await Expect(2, "no backup \"nope\"", "backup", "restore", "nope");
        await Expect(0, "removed 1", "backup", "prune", "--keep", "0");
        _home.WriteTrigger("""{"name":"v2","height":7}""");
        await Expect(0, "state:        pending", "show-upgrade-info");
        await Expect(0, "\"pending\"", "show-upgrade-info", "--output", "json");
        await Expect(0, "v2 at height 7, pending", "status");
        await Expect(0, "\"home\"", "status", "--output", "json");
        await Expect(0, "already", "prepare-upgrade", "v2");
        await Expect(2, "'bogus' is not a command", "bogus");
    }
}
