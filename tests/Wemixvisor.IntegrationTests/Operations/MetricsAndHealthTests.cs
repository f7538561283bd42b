using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.IntegrationTests.Run;
using static Wemixvisor.IntegrationTests.Operations.PrometheusText;

namespace Wemixvisor.IntegrationTests.Operations;

/// <summary>The published executable serving /metrics, /healthz and /readyz (WEMIXVISOR_METRICS_ADDR).</summary>
[Collection("Processes")]
public sealed class MetricsAndHealthTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly int _port = LocalHttp.FreePort();

    public void Dispose()
    {
        _http.Dispose();
        _home.Dispose();
    }

    private string Url(string path) => $"http://127.0.0.1:{_port}{path}";

    private async Task<IReadOnlyList<JsonElement>> Scrape()
    {
        var answer = await LocalHttp.TryGet(_http, Url("/metrics"));
        Assert.True(answer is { Status: 200 }, $"/metrics answered {answer}");
        return await ParseAsync(answer.Value.Body);
    }

    [Fact]
    public async Task Run_MetricsScrapedDuringAnUpgrade_CountersMoveAndTheTextParses()
    {
        // Arrange
        File.WriteAllText(Path.Combine(_home.Layout.DataDir, "chain.db"), "blocks 1..5");
        _home.WriteGenesis(new FakeNode("genesis"));
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(
            ("WEMIXVISOR_METRICS_ADDR", $"127.0.0.1:{_port}"), ("WEMIXVISOR_READY_TIMEOUT", "3s")));
        await _home.Timeline.WaitForPrefix("genesis cwd=");
        await Eventually.Holds(() => LocalHttp.TryGet(_http, Url("/healthz")).Result is { Status: 200 }, "/healthz answers 200", diagnostics: run.Describe);

        // Act 1: before the upgrade
        var before = await Scrape();

        // Assert 1
        Assert.Equal(1, Value(before, "wemixvisor_node_up"));
        Assert.Equal(1, Value(before, "wemixvisor_current_info", ("name", "genesis")));
        Assert.Equal(0, Value(before, "wemixvisor_upgrades_total", ("result", "applied")));
        Assert.Equal(0, Value(before, "wemixvisor_node_restarts_total"));
        Assert.True(Value(before, "wemixvisor_node_start_time_seconds") > 1_700_000_000);
        Assert.NotNull(Value(before, "wemixvisor_build_info"));
        Assert.Null(Value(before, "wemixvisor_backup_bytes"));

        // Act 2: the upgrade
        _home.WriteTrigger(Trigger.Json("v2", 5));
        await _home.Timeline.WaitForPrefix("v2 cwd=");
        var probation = await Eventually.Yields(() => LocalHttp.TryGet(_http, Url("/readyz")).Result is { Status: 503 } answer && answer.Body.Contains("upgrade v2", StringComparison.Ordinal) ? answer.Body : null,
            "/readyz answers 503 while v2 is on probation", diagnostics: run.Describe);
        await Eventually.Holds(() => LocalHttp.TryGet(_http, Url("/readyz")).Result is { Status: 200 }, "/readyz answers 200 for v2", diagnostics: run.Describe);
        var after = await Scrape();

        // Assert 2: not ready while the new binary is on probation (without an RPC: until it ran WEMIXVISOR_READY_TIMEOUT)
        Assert.Contains("\"reason\":\"upgrade v2 has not shown yet that it works\"", probation, StringComparison.Ordinal);
        Assert.Equal(1, Value(after, "wemixvisor_node_up"));
        Assert.Equal(1, Value(after, "wemixvisor_current_info", ("name", "v2")));
        Assert.Null(Value(after, "wemixvisor_current_info", ("name", "genesis")));
        Assert.Equal(1, Value(after, "wemixvisor_upgrades_total", ("result", "applied")));
        Assert.Equal(0, Value(after, "wemixvisor_upgrades_total", ("result", "failed")));
        Assert.Equal(0, Value(after, "wemixvisor_node_restarts_total"));
        var dataBytes = Directory.EnumerateFiles(_home.Layout.DataDir, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
        Assert.Equal(dataBytes, Value(after, "wemixvisor_backup_bytes"));
        // The parser reads the histogram but merges its labelled series into one (a limit of that package), so the
        // count of each stage is checked on its exposition line.
        var durations = after.Single(family => family.GetProperty("name").GetString() == "wemixvisor_upgrade_duration_seconds");
        Assert.Equal("HISTOGRAM", durations.GetProperty("type").GetString());
        var lines = (await LocalHttp.TryGet(_http, Url("/metrics")))!.Value.Body.Split('\n');
        foreach (var stage in new[] { "stop", "backup", "hooks", "switch", "start" })
        {
            Assert.Contains($"wemixvisor_upgrade_duration_seconds_count{{stage=\"{stage}\"}} 1", lines);
        }
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task Run_NodeDownBetweenRestarts_HealthzAnswers503SayingWhy()
    {
        // Arrange: the node runs a second, fails, and waits 3 s for its restart.
        _home.WriteGenesis(new FakeNode("genesis") { ExtraScript = "sleep 1; note \"exit 1\"; exit 1" });
        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast(
            ("WEMIXVISOR_METRICS_ADDR", $"127.0.0.1:{_port}"), ("DAEMON_RESTART_BACKOFF", "3s")));

        // Act
        await Eventually.Holds(() => LocalHttp.TryGet(_http, Url("/healthz")).Result is { Status: 200 }, "/healthz answers 200 while the node runs", diagnostics: run.Describe);
        var down = await Eventually.Yields(() => LocalHttp.TryGet(_http, Url("/healthz")).Result is { Status: 503 } answer ? answer.Body : null,
            "/healthz answers 503 once the node exited", diagnostics: run.Describe);

        // Assert
        using var body = JsonDocument.Parse(down);
        Assert.Equal("unavailable", body.RootElement.GetProperty("status").GetString());
        Assert.Contains("exited (exit code 1)", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Value(await Scrape(), "wemixvisor_node_up"));
        await Eventually.Holds(() => LocalHttp.TryGet(_http, Url("/healthz")).Result is { Status: 200 }, "/healthz answers 200 after the restart", diagnostics: run.Describe);
        Assert.Equal(1, Value(await Scrape(), "wemixvisor_node_restarts_total"));
        run.Signal(Signals.Terminate);
        await run.WaitForExit();
    }

    [Fact]
    public async Task Run_MetricsPortInUse_Exit2NamingTheVariable_NothingStarted()
    {
        // Arrange
        using var taken = new TcpListener(IPAddress.Loopback, _port);
        taken.Start();
        _home.WriteGenesis(new FakeNode("genesis"));

        // Act
        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], RunEnvironment.Fast(("WEMIXVISOR_METRICS_ADDR", $"127.0.0.1:{_port}")));
        await using (run)
        {
            // Assert
            Assert.Equal(2, code);
            Assert.Contains($"WEMIXVISOR_METRICS_ADDR=127.0.0.1:{_port}: cannot listen there", run.Describe(), StringComparison.Ordinal);
            Assert.False(_home.Timeline.HasPrefix("genesis start"));
        }
    }

    [Fact]
    public async Task Run_MetricsOnAllInterfacesWithoutAllowRemote_Exit2()
    {
        _home.WriteGenesis(new FakeNode("genesis"));

        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], RunEnvironment.Fast(("WEMIXVISOR_METRICS_ADDR", $"0.0.0.0:{_port}")));
        await using (run)
        {
            Assert.Equal(2, code);
            Assert.Contains("is not a loopback address; set WEMIXVISOR_METRICS_ALLOW_REMOTE=true", run.Describe(), StringComparison.Ordinal);
            Assert.False(_home.Timeline.HasPrefix("genesis start"));
        }
    }
}
