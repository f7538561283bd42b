using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Hooks;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.IntegrationTests.Hooks;

[Collection("Processes")]
public sealed class HookRunnerTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);
    private readonly TempHome _temp = TempHome.Empty();
    private readonly CapturedLog<HookRunner> _log = new();

    private HookRunner Runner() => new(TimeProvider.System, _log, Grace);

    private HookInvocation Invocation(string program, TimeSpan? timeout = null, params string[] arguments) =>
        new("test-hook", program, arguments, _temp.Root, new Dictionary<string, string> { ["EXTRA"] = "extra value" }, timeout ?? TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Run_PassesArgumentsVerbatimWithoutAShell_InWorkingDirectoryWithEnvironment()
    {
        var output = _temp.Combine("received");
        var script = TempHome.WriteScript(_temp.Combine("hook"), Scripts.RecordInvocation(output) + $"\nprintf 'EXTRA=%s\\n' \"$EXTRA\" >> '{output}'");

        var result = await Runner().RunAsync(Invocation(script, null, "two words", "$(touch pwned)", "*"), CancellationToken.None);

        Assert.Equal(new HookResult.Exited(0), result);
        var lines = File.ReadAllLines(output);
        Assert.Contains($"cwd={_temp.Root}", lines);
        Assert.Contains("argc=3", lines);
        Assert.Equal(["arg=two words", "arg=$(touch pwned)", "arg=*"], lines.Where(line => line.StartsWith("arg=", StringComparison.Ordinal)));
        Assert.Contains("EXTRA=extra value", lines);
        Assert.False(File.Exists(_temp.Combine("pwned")), "arguments are never run through a shell");
    }

    [Theory]
    [InlineData("exit 0", 0)]
    [InlineData("exit 3", 3)]
    [InlineData("exit 31", 31)]
    [InlineData("kill -9 $$", 137)]
    public async Task Run_ReportsTheExitCode(string body, int expected)
    {
        var script = TempHome.WriteScript(_temp.Combine("hook"), body);

        var result = await Runner().RunAsync(Invocation(script), CancellationToken.None);

        Assert.Equal(new HookResult.Exited(expected), result);
    }

    [Fact]
    public async Task Run_NotExecutable_ReportsTheShellConventionCode126()
    {
        var script = TempHome.WriteScript(_temp.Combine("hook"), "exit 0", NodeDataTree.Mode600);

        var result = await Runner().RunAsync(Invocation(script), CancellationToken.None);

        Assert.Equal(new HookResult.Exited(126), result);
    }

    [Fact]
    public async Task Run_LogsEveryOutputLineTaggedWithTheHook()
    {
        var script = TempHome.WriteScript(_temp.Combine("hook"), "echo 'first line'\necho 'to stderr' >&2\nprintf 'no newline at the end'");

        await Runner().RunAsync(Invocation(script), CancellationToken.None);

        var output = _log.Entries.Where(entry => entry.EventId is 4101 or 4102).ToList();
        Assert.All(output, entry => Assert.Equal("test-hook", entry.Values["Hook"]));
        Assert.Contains(output, entry => entry.EventId == 4101 && (string?)entry.Values["Line"] == "first line");
        Assert.Contains(output, entry => entry.EventId == 4102 && (string?)entry.Values["Line"] == "to stderr");
        Assert.Contains(output, entry => entry.EventId == 4101 && (string?)entry.Values["Line"] == "no newline at the end");
        Assert.Equal(3, output.Count);
    }

    [Fact]
    public async Task Run_HangingPastTimeout_GroupIsKilledChildToo_EvenIgnoringSigterm()
    {
        // Arrange: the hook and its child ignore SIGTERM, so only the SIGKILL after the grace ends them.
        var childPidFile = _temp.Combine("child.pid");
        var script = TempHome.WriteScript(_temp.Combine("hook"), $"trap '' TERM\nsleep 300 &\necho $! > '{childPidFile}'\necho started\nwait\nwait");
        var timeout = TimeSpan.FromSeconds(1);

        // Act
        var started = TimeProvider.System.GetTimestamp();
        var result = await Runner().RunAsync(Invocation(script, timeout), CancellationToken.None);
        var took = TimeProvider.System.GetElapsedTime(started);

        // Assert
        Assert.Equal(new HookResult.TimedOut(timeout), result);
        Assert.InRange(took, timeout, timeout + Grace + TimeSpan.FromSeconds(5));
        var child = int.Parse(File.ReadAllText(childPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.Holds(() => !ProcessTable.IsAlive(child), $"the hook's child {child} killed with its group", TimeSpan.FromSeconds(5));
        Assert.Contains(_log.Entries, entry => entry.EventId == 4104);
        Assert.Contains(_log.Entries, entry => entry.EventId == 4106);
        Assert.Contains(_log.Entries, entry => entry.EventId == 4101 && (string?)entry.Values["Line"] == "started");
    }

    [Fact]
    public async Task Run_HookExitsButLeavesAChildHoldingItsOutput_ReturnsPromptlyAndStopsTheChild()
    {
        var childPidFile = _temp.Combine("child.pid");
        var script = TempHome.WriteScript(_temp.Combine("hook"), $"sleep 300 &\necho $! > '{childPidFile}'\nexit 0");

        var result = await Runner().RunAsync(Invocation(script), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(new HookResult.Exited(0), result);
        var child = int.Parse(File.ReadAllText(childPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.Holds(() => !ProcessTable.IsAlive(child), "the leftover child stopped", TimeSpan.FromSeconds(5));
        Assert.Contains(_log.Entries, entry => entry.EventId == 4105);
    }

    [Fact]
    public async Task Run_Cancelled_StopsTheHookAndThrows()
    {
        var marker = _temp.Combine("running");
        var script = TempHome.WriteScript(_temp.Combine("hook"), $"echo $$ > '{marker}'\nexec sleep 300");
        using var cancellation = new CancellationTokenSource();

        var run = Runner().RunAsync(Invocation(script), cancellation.Token);
        await Eventually.Holds(() => File.Exists(marker) && File.ReadAllText(marker).EndsWith('\n'), "the hook started", TimeSpan.FromSeconds(10));
        var pid = int.Parse(File.ReadAllText(marker).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(ProcessTable.IsAlive(pid), "the hook is stopped before RunAsync returns");
    }

    public void Dispose() => _temp.Dispose();
}
