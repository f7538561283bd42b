using System.Diagnostics;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.IntegrationTests.Run;

namespace Wemixvisor.IntegrationTests.Operations;

/// <summary>Alerts (WEMIXVISOR_WEBHOOK_URL) from the published executable to local HTTP receivers.</summary>
[Collection("Processes")]
public sealed class WebhookAlertTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();

    public void Dispose() => _home.Dispose();

    private static List<JsonElement> Events(WebhookReceiver receiver) =>
        [.. receiver.Bodies.Select(body => JsonDocument.Parse(body).RootElement.Clone())];

    [Fact]
    public async Task Run_Upgrade_ReceiverSeesDetectedStartedAppliedOnceEach_WithTheDocumentedBody()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(("WEMIXVISOR_WEBHOOK_URL", receiver.Url)));
        await _home.Timeline.WaitForPrefix("genesis cwd=");

        // Act
        _home.WriteTrigger(Trigger.Json("v2", 5));
        await _home.Timeline.WaitForPrefix("v2 cwd=");
        await Eventually.Holds(() => receiver.Bodies.Count >= 3, "three alerts", diagnostics: run.Describe);
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());

        // Assert
        var events = Events(receiver);
        Assert.Equal(["upgrade_detected", "upgrade_started", "upgrade_applied"], events.Select(e => e.GetProperty("event").GetString()));
        var applied = events[2];
        Assert.Equal(("v2", 5L), (applied.GetProperty("upgrade").GetString(), applied.GetProperty("upgrade_height").GetInt64()));
        Assert.Equal(("genesis", "v2@5"), (applied.GetProperty("from_version").GetString(), applied.GetProperty("to_version").GetString()));
        Assert.Equal((Environment.MachineName, TempHome.DefaultDaemonName), (applied.GetProperty("host").GetString(), applied.GetProperty("node").GetString()));
        Assert.StartsWith($"wemixvisor on {Environment.MachineName} ({TempHome.DefaultDaemonName}): upgraded genesis to v2 (height 5) in ", applied.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - applied.GetProperty("at").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.True(applied.GetProperty("duration_seconds").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(applied.GetProperty("wemixvisor_version").GetString()));
    }

    [Fact]
    public async Task Run_CrashLoopGivenUp_ReceiverSeesItOnceBeforeWemixvisorExits()
    {
        // Arrange
        using var receiver = new WebhookReceiver();
        _home.WriteGenesis(new FakeNode("genesis") { ExitCodeAtStart = 7 });

        // Act
        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], RunEnvironment.Fast(
            ("WEMIXVISOR_WEBHOOK_URL", receiver.Url), ("DAEMON_MAX_RESTARTS", "1"), ("DAEMON_RESTART_BACKOFF", "100ms")));
        await using (run)
        {
            // Assert
            Assert.Equal(7, code);
            var alert = Assert.Single(Events(receiver));
            Assert.Equal(("crash_loop_given_up", 7), (alert.GetProperty("event").GetString(), alert.GetProperty("exit_code").GetInt32()));
            Assert.Contains("failed 2 times in a row", alert.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_ReceiversThatHangOrFail_DoNotSlowTheUpgrade_AndTheFailureIsLogged()
    {
        // Arrange
        using var hanging = new HangingReceiver();
        using var failing = new WebhookReceiver(status: 500);

        // Act
        var plain = await TimeUpgrade(("WEMIXVISOR_WEBHOOK_URL", null));
        var (alerted, output) = await TimeUpgrade(("WEMIXVISOR_WEBHOOK_URL", $"{hanging.Url},{failing.Url}"));

        // Assert: an attempt lasts 5 s; an upgrade waiting for even one would take that much longer.
        Assert.True(alerted < plain.Elapsed + TimeSpan.FromSeconds(3), $"with alerts {alerted}, without {plain.Elapsed}");
        Assert.True(hanging.Connections > 0);
        Assert.Contains("HTTP 500", output, StringComparison.Ordinal);
    }

    private async Task<(TimeSpan Elapsed, string Output)> TimeUpgrade(params (string, string?)[] variables)
    {
        using var home = TempHome.Create();
        home.WriteGenesis(new FakeNode("genesis"));
        home.WriteUpgrade("v2", new FakeNode("v2"));
        await using var run = await RunningWemixvisor.StartAsync(home, ["run"], RunEnvironment.Fast(variables));
        await home.Timeline.WaitForPrefix("genesis cwd=");
        var clock = Stopwatch.StartNew();
        home.WriteTrigger(Trigger.Json("v2", 5));
        await home.Timeline.WaitForPrefix("v2 cwd=");
        var elapsed = clock.Elapsed;
        // The 500 answers are retried 1 s and 2 s apart before the failure is logged.
        await Eventually.Holds(() => variables[0].Item2 is null || run.Describe().Contains("HTTP 500", StringComparison.Ordinal), "the failed alert logged", diagnostics: run.Describe);
        run.Signal(Signals.Terminate);
        await run.WaitForExit();
        return (elapsed, run.Describe());
    }
}
