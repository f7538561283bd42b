using System.Diagnostics;
using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Ports;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.IntegrationTests.Run;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.IntegrationTests.NodeRpc;

/// <summary>
/// The JSON-RPC client against a real EVM node: anvil mining a block a second, serving HTTP on a free port and
/// geth-style IPC on a socket in the node's data directory, where gstable puts its own.
/// </summary>
[Collection("Processes")]
public sealed class AnvilNodeRpcTests : IAsyncLifetime
{
    private const string DaemonName = "evmnode";
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(100);
    private readonly TempHome _home = TempHome.Create(DaemonName);
    private readonly int _port = AnvilRpc.FreePort();
    private RunningProcess? _anvil;

    private string SocketPath => Path.Combine(_home.Layout.DataDir, DaemonName + ".ipc");

    private JsonRpcNodeClient Http => new(NodeRpcEndpoint.Resolve($"http://127.0.0.1:{_port}", _home.Layout.DataDir, DaemonName).Endpoint!);

    /// <summary>No WEMIXVISOR_NODE_RPC: the default socket <c>$DAEMON_DATA_DIR/$DAEMON_NAME.ipc</c>.</summary>
    private JsonRpcNodeClient Ipc => new(NodeRpcEndpoint.Resolve(null, _home.Layout.DataDir, DaemonName).Endpoint!);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
        _home.Dispose();
    }

    private async Task StartAnvil()
    {
        var anvil = await AnvilBinary.PathAsync();
        _anvil = RunningProcess.Start(anvil, ["--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--block-time", "1", "--ipc", SocketPath, "--silent"]);
    }

    /// <summary>The first answer of <paramref name="call"/> that does not fail, polled until <see cref="ChainTimeout"/>.</summary>
    private async Task<T> FirstAnswer<T>(Func<Task<T>> call, Func<T, bool> wanted, string what)
    {
        var elapsed = Stopwatch.StartNew();
        string last = "nothing yet";
        while (elapsed.Elapsed < ChainTimeout)
        {
            try
            {
                var value = await call();
                if (wanted(value))
                {
                    return value;
                }
                last = $"answer {value}";
            }
            catch (NodeRpcException e)
            {
                last = e.Message;
            }
            await Task.Delay(PollStep);
        }
        Assert.Fail($"timed out after {ChainTimeout.TotalSeconds} s waiting for {what}; last: {last}\n{_anvil?.Output()}");
        return default!;
    }

    [Fact]
    public async Task BlockNumber_OverHttpAndIpc_SameAdvancingHeight()
    {
        // Arrange
        await StartAnvil();
        var http = Http;
        var ipc = Ipc;
        await FirstAnswer(() => http.BlockNumberAsync(CancellationToken.None), _ => true, "anvil's HTTP");
        await FirstAnswer(() => ipc.BlockNumberAsync(CancellationToken.None), _ => true, "anvil's IPC socket");

        // Act: IPC read between two HTTP reads, then IPC again until the chain has moved on.
        var before = await http.BlockNumberAsync(CancellationToken.None);
        var overIpc = await ipc.BlockNumberAsync(CancellationToken.None);
        var after = await http.BlockNumberAsync(CancellationToken.None);
        var later = await FirstAnswer(() => ipc.BlockNumberAsync(CancellationToken.None), height => height > after, $"a height above {after} over IPC");

        // Assert
        Assert.InRange(overIpc, before, after);
        Assert.True(later > overIpc, $"the chain advanced from {overIpc} to {later}");
        Assert.Equal($"ipc {SocketPath}", ipc.Endpoint);
        Assert.Equal($"http://127.0.0.1:{_port}/", http.Endpoint);
    }

    [Fact]
    public async Task IstanbulCalls_AnvilHasNoIstanbulNamespace_NullOverBothTransports_SlotZero()
    {
        // Arrange
        await StartAnvil();
        var http = Http;
        var ipc = Ipc;
        await FirstAnswer(() => http.BlockNumberAsync(CancellationToken.None), _ => true, "anvil's HTTP");
        await FirstAnswer(() => ipc.BlockNumberAsync(CancellationToken.None), _ => true, "anvil's IPC socket");

        // Act
        var answers = new[]
        {
            (await http.NodeAddressAsync(CancellationToken.None), await http.ValidatorsAsync(CancellationToken.None)),
            (await ipc.NodeAddressAsync(CancellationToken.None), await ipc.ValidatorsAsync(CancellationToken.None)),
        };

        // Assert
        Assert.All(answers, answer => Assert.Equal(((string?)null, (IReadOnlyList<string>?)null), answer));
        Assert.Equal(0, ValidatorSlot.From(answers[1].Item1, answers[1].Item2).Slot);
    }

    [Fact]
    public async Task DefaultSocket_BeforeTheNodeStarts_Missing_ThenAnswered_ThenRefusedOnceItStopped()
    {
        // Arrange
        var ipc = Ipc;

        // Act 1 / Assert 1: nothing has created the socket yet.
        var missing = await Assert.ThrowsAsync<NodeRpcException>(() => ipc.BlockNumberAsync(CancellationToken.None));
        Assert.Equal($"eth_blockNumber: no WEMIXVISOR_NODE_RPC and {SocketPath} does not exist (the node creates it when it has started)", missing.Reason);

        // Act 2 / Assert 2: the same client reaches the node once it runs.
        await StartAnvil();
        var height = await FirstAnswer(() => ipc.BlockNumberAsync(CancellationToken.None), _ => true, "anvil's IPC socket");
        Assert.True(height >= 0);

        // Act 3 / Assert 3: a stopped node; anvil may leave its socket file behind, which then refuses connections.
        _anvil!.Signal(Signals.Terminate);
        await _anvil.WaitForExit(ChainTimeout);
        var stopped = await Assert.ThrowsAsync<NodeRpcException>(() => ipc.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(File.Exists(SocketPath)
            ? "eth_blockNumber: connection refused (is the node running?)"
            : $"eth_blockNumber: no WEMIXVISOR_NODE_RPC and {SocketPath} does not exist (the node creates it when it has started)",
            stopped.Reason);
    }
}
