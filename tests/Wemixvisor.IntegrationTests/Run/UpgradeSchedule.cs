using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>One entry of <c>wemixvisor schedule list --output json</c>.</summary>
internal sealed record ScheduledUpgrade(string Name, long Height, string Status, string? Reason);

/// <summary>
/// Height-scheduled upgrades driven through the published executable, as an operator does it:
/// <c>add-upgrade &lt;name&gt; [&lt;binary&gt;] --height H</c> and <c>schedule list --output json</c>,
/// plus the variables a scheduled <c>run</c> test starts with (the commands get the same ones).
/// </summary>
internal static class UpgradeSchedule
{
    public const string Pending = "pending";
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string RolledBack = "rolled_back";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ListStep = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// <see cref="RunEnvironment.Fast"/> with a fast height poll and RPC timeout, a grace long enough for anvil to
    /// write its state, and no schedule setting inherited from the machine; <paramref name="overrides"/> win.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(params (string Name, string? Value)[] overrides) =>
        RunEnvironment.Fast(
        [
            ("DAEMON_SHUTDOWN_GRACE", "10s"),
            ("WEMIXVISOR_NODE_RPC", null),
            ("WEMIXVISOR_HEIGHT_POLL", "200ms"),
            ("WEMIXVISOR_SWITCH_MARGIN", null),
            ("WEMIXVISOR_STAGGER_BLOCKS", null),
            ("WEMIXVISOR_STALL_TIMEOUT", null),
            ("WEMIXVISOR_READY_TIMEOUT", null),
            ("WEMIXVISOR_RPC_TIMEOUT", "500ms"),
            .. overrides,
        ]);

    /// <summary><c>wemixvisor add-upgrade &lt;name&gt; [&lt;binary&gt;] --height &lt;height&gt;</c>; fails the test unless it exits 0.</summary>
    public static async Task Add(TempHome home, IReadOnlyDictionary<string, string?> environment, string name, string? binary, long height)
    {
        List<string> arguments = ["add-upgrade", name];
        if (binary is not null)
        {
            arguments.Add(binary);
        }
        arguments.AddRange(["--height", height.ToString(CultureInfo.InvariantCulture)]);
        var (code, command) = await RunningWemixvisor.RunToEndAsync(home, arguments, environment, CommandTimeout);
        await using (command)
        {
            Assert.True(code == 0, $"`wemixvisor {string.Join(' ', arguments)}` exited with {code}\n{command.Describe()}");
        }
    }

    /// <summary>The schedule as <c>schedule list --output json</c> prints it; fails the test unless it exits 0.</summary>
    public static async Task<IReadOnlyList<ScheduledUpgrade>> List(TempHome home, IReadOnlyDictionary<string, string?> environment)
    {
        var (code, command) = await RunningWemixvisor.RunToEndAsync(home, ["schedule", "list", "--output", "json"], environment, CommandTimeout);
        await using (command)
        {
            Assert.True(code == 0, $"`wemixvisor schedule list --output json` exited with {code}\n{command.Describe()}");
            return Parse(command.Process.Stdout);
        }
    }

    /// <summary>Lists the schedule until the entry <paramref name="name"/> satisfies <paramref name="condition"/>; returns it, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<ScheduledUpgrade> WaitForEntry(
        TempHome home, IReadOnlyDictionary<string, string?> environment, string name, Func<ScheduledUpgrade, bool> condition, string what, TimeSpan timeout, Func<string> diagnostics)
    {
        var elapsed = Stopwatch.StartNew();
        IReadOnlyList<ScheduledUpgrade> last = [];
        while (elapsed.Elapsed < timeout)
        {
            last = await List(home, environment);
            if (last.FirstOrDefault(entry => entry.Name == name) is { } entry && condition(entry))
            {
                return entry;
            }
            await Task.Delay(ListStep);
        }
        Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for schedule entry {name}: {what} (last listing: {string.Join("; ", last)})\n{diagnostics()}");
        return null!;
    }

    /// <summary>The one place that knows the JSON of <c>schedule list</c>: <c>{"upgrades":[{"name","height","status","reason"}, …]}</c>.</summary>
    private static IReadOnlyList<ScheduledUpgrade> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("upgrades").EnumerateArray()
                .Select(entry => new ScheduledUpgrade(
                    entry.GetProperty("name").GetString()!,
                    entry.GetProperty("height").GetInt64(),
                    entry.GetProperty("status").GetString()!,
                    entry.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Assert.Fail($"`schedule list --output json` printed something else than {{\"upgrades\":[{{\"name\",\"height\",\"status\",\"reason\"}}]}} ({e.Message}):\n{json}");
            throw;
        }
    }
}
