using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Harness;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// What the published <c>status</c> and <c>show-upgrade-info</c> say about the chain: the head of a real EVM node
/// (anvil, a block a second) read over HTTP or the default IPC socket, and for a scheduled upgrade the slot (0:
/// anvil has no istanbul namespace), the switch block and an ETA at the observed block time; and that a node RPC
/// that refuses or never answers is reported, costing one timeout, with exit code 0.
/// </summary>
[Collection("Processes")]
public sealed class ChainStatusTests : IAsyncLifetime
{
    private const string DaemonName = "evmnode";
    private const string Upgrade = "v2";
    private const int Margin = 30;
    private const int Stagger = 7;
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly TempHome _home = TempHome.Create(DaemonName);
    private readonly AnvilRpc _rpc = new(AnvilRpc.FreePort());
    private RunningProcess? _anvil;

    /// <summary>The default RPC endpoint: <c>$DAEMON_DATA_DIR/$DAEMON_NAME.ipc</c>.</summary>
    private string DefaultSocket => Path.Combine(_home.Layout.DataDir, DaemonName + ".ipc");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
        _rpc.Dispose();
        _home.Dispose();
    }

    [Fact]
    public Task Status_ScheduledUpgradeOverHttpRpc_HeadEndpointSlotZeroSwitchBlockAndEtaOfASecondABlock() =>
        ShowsTheChain(overIpc: false);

    [Fact]
    public Task Status_ScheduledUpgradeOverDefaultIpcSocket_HeadEndpointSlotZeroSwitchBlockAndEtaOfASecondABlock() =>
        ShowsTheChain(overIpc: true);

    private async Task ShowsTheChain(bool overIpc)
    {
        // Arrange: over IPC no endpoint is configured; the node's socket in the data dir is the default.
        var url = $"http://127.0.0.1:{_rpc.Port}";
        var environment = UpgradeSchedule.Environment(("WEMIXVISOR_NODE_RPC", overIpc ? null : url), ("WEMIXVISOR_RPC_TIMEOUT", "2s"),
            ("WEMIXVISOR_SWITCH_MARGIN", Margin.ToString(CultureInfo.InvariantCulture)), ("WEMIXVISOR_STAGGER_BLOCKS", Stagger.ToString(CultureInfo.InvariantCulture)));
        await StartAnvil();
        var head = await _rpc.WaitForHeight(5, ChainTimeout, Diagnostics);
        var height = head + 90;
        await Schedule(environment, height);

        // Act
        var json = await Command(environment, "status", "--output", "json");
        var text = await Command(environment, "show-upgrade-info");

        // Assert: JSON.
        using var document = JsonDocument.Parse(json);
        var chain = document.RootElement.GetProperty("chain");
        var endpoint = overIpc ? $"ipc {DefaultSocket}" : url + "/";
        var read = chain.GetProperty("head").GetInt64();
        Assert.True(read >= head && read < height, $"head {read} read after {head}, below H = {height}\n{json}");
        Assert.Equal((endpoint, "eth_blockNumber"), (chain.GetProperty("endpoint").GetString(), chain.GetProperty("method").GetString()));
        var next = chain.GetProperty("next");
        Assert.Equal((Upgrade, height), (next.GetProperty("name").GetString(), next.GetProperty("height").GetInt64()));
        Assert.Equal(0, next.GetProperty("slot").GetProperty("slot").GetInt32());
        var switchBlock = next.GetProperty("switch_block").GetInt64();
        Assert.Equal(height - Margin, switchBlock);
        var left = next.GetProperty("blocks_left").GetInt64();
        Assert.Equal(switchBlock - read, left);
        var eta = next.GetProperty("eta_seconds").GetInt64();
        Assert.True(eta >= left * 0.6 && eta <= left * 1.5, $"ETA {eta} s for {left} blocks of about 1 s\n{json}");
        var blockTime = next.GetProperty("block_time_seconds").GetDouble();
        Assert.InRange(blockTime, 0.6, 1.5);
        var entry = Assert.Single(document.RootElement.GetProperty("schedule").GetProperty("upgrades").EnumerateArray());
        Assert.Equal((Upgrade, "pending"), (entry.GetProperty("name").GetString(), entry.GetProperty("status").GetString()));

        // Assert: text.
        var lines = Labelled(text);
        Assert.Equal($"{Upgrade} at height {height}: pending, binary in place", lines["schedule"]);
        Assert.Matches($@"^\d+ \(eth_blockNumber over {Escape(endpoint)}\)$", lines["chain head"]);
        Assert.Equal("no validator set (no istanbul namespace): slot 0", lines["validator slot"]);
        Assert.Equal($"{switchBlock} (height {height} - margin {Margin} - slot 0 × stagger {Stagger})", lines["switch block"]);
        Assert.Matches(@"^\d+ \(head \d+\)$", lines["blocks left"]);
        Assert.Matches(@"^(\d+m)?\d+s \(about \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\): [\d.]+ s per block over the last \d+ blocks$", lines["ETA"]);
    }

    [Fact]
    public async Task Status_NodeRpcRefuses_ExitsZeroNamingEndpointAndReason_ScheduledUpgradeSwitchBlockUnknown()
    {
        // Arrange: nothing listens on the port.
        var url = $"http://127.0.0.1:{AnvilRpc.FreePort()}";
        var environment = UpgradeSchedule.Environment(("WEMIXVISOR_NODE_RPC", url));
        await Schedule(environment, 1000);

        // Act
        var text = await Command(environment, "status");
        var json = await Command(environment, "status", "--output", "json");

        // Assert
        var lines = Labelled(text);
        Assert.Equal($"unknown: eth_blockNumber over {url}/ failed: connection refused (is the node running?)", lines["chain head"]);
        Assert.Equal($"{Upgrade} at height 1000", lines["next scheduled"]);
        Assert.Equal("unknown: the chain head is unknown", lines["switch block"]);
        Assert.Equal("not running", lines["wemixvisor"]);
        using var document = JsonDocument.Parse(json);
        var chain = document.RootElement.GetProperty("chain");
        Assert.Equal((JsonValueKind.Null, "connection refused (is the node running?)"), (chain.GetProperty("head").ValueKind, chain.GetProperty("problem").GetString()));
    }

    [Fact]
    public async Task Status_NodeRpcNeverAnswers_OneTimeout_ExitsZeroSayingSo()
    {
        // Arrange: a listener that accepts connections (the kernel does) and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        var environment = UpgradeSchedule.Environment(("WEMIXVISOR_NODE_RPC", url), ("WEMIXVISOR_RPC_TIMEOUT", "1s"));
        await Schedule(environment, 1000);
        var startUp = await StartUp(environment);
        var elapsed = Stopwatch.StartNew();

        // Act
        var text = await Command(environment, "status");
        var took = elapsed.Elapsed;

        // Assert: one call timed out, not one per call (about 1 s of the timeout plus the command's own start).
        Assert.Equal($"unknown: eth_blockNumber over {url}/ failed: no answer within 1 s", Labelled(text)["chain head"]);
        Assert.True(took < TimeSpan.FromSeconds(1.9) + startUp,
            $"status took {took.TotalSeconds:F2} s; without an RPC to wait for it takes {startUp.TotalSeconds:F2} s");
    }

    /// <summary>How long <c>status</c> takes with no node RPC to wait for (the default socket is absent): the command's own cost.</summary>
    private async Task<TimeSpan> StartUp(IReadOnlyDictionary<string, string?> environment)
    {
        var without = new Dictionary<string, string?>(environment) { ["WEMIXVISOR_NODE_RPC"] = null };
        await Command(without, "status");
        var elapsed = Stopwatch.StartNew();
        await Command(without, "status");
        return elapsed.Elapsed;
    }

    /// <summary>Installs a binary for <see cref="Upgrade"/> and schedules it at <paramref name="height"/>.</summary>
    private async Task Schedule(IReadOnlyDictionary<string, string?> environment, long height)
    {
        TempHome.WriteExecutable(Path.Combine(_home.Layout.UpgradesDir, Upgrade, "bin", DaemonName), "#!/bin/sh\nexit 0\n");
        await UpgradeSchedule.Add(_home, environment, Upgrade, binary: null, height);
    }

    private async Task StartAnvil()
    {
        var anvil = await AnvilBinary.PathAsync();
        _anvil = RunningProcess.Start(anvil, ["--port", _rpc.Port.ToString(CultureInfo.InvariantCulture),
            "--block-time", "1", "--ipc", DefaultSocket, "--silent"]);
    }

    /// <summary>Runs the published <c>wemixvisor</c> with <paramref name="arguments"/>; fails the test unless it exits 0; returns its stdout.</summary>
    private async Task<string> Command(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var (code, command) = await RunningWemixvisor.RunToEndAsync(_home, arguments, environment, CommandTimeout);
        await using (command)
        {
            Assert.True(code == 0, $"`wemixvisor {string.Join(' ', arguments)}` exited with {code}\n{command.Describe()}\n{Diagnostics()}");
            return command.Process.Stdout;
        }
    }

    /// <summary>The value of each <c>label: value</c> line (the first line of a multi-line value).</summary>
    private static Dictionary<string, string> Labelled(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith(' ') && line.Contains(": ", StringComparison.Ordinal))
            .Select(line => (Label: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(line => line.Label)
            .ToDictionary(group => group.Key, group => group.First().Value);

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private string Diagnostics() => _anvil?.Output() ?? "(anvil not started)";
}
