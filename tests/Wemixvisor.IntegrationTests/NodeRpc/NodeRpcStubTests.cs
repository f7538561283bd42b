using System.Text.Json;
using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.IntegrationTests.NodeRpc;

/// <summary>The JSON-RPC client against small stub nodes on a unix socket and on HTTP: istanbul answers, and every way a node can fail.</summary>
public sealed class NodeRpcStubTests : IDisposable
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a call that should time out may take before the test calls it hung; far above the timeout.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly string _dir = Directory.CreateTempSubdirectory("wemixvisor-rpc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SocketPath => Path.Combine(_dir, "gstable.ipc");

    private static JsonRpcNodeClient Client(string setting, string dataDir = "/nonexistent", TimeSpan? timeout = null) =>
        new(NodeRpcEndpoint.Resolve(setting, dataDir, "gstable").Endpoint!, timeout);

    private static async Task<NodeRpcException> FailsBeforeTheDeadline(Task call)
    {
        var finished = await Task.WhenAny(call, Task.Delay(Deadline));
        Assert.True(finished == call, $"the call was still running after {Deadline.TotalSeconds} s");
        return await Assert.ThrowsAsync<NodeRpcException>(() => call);
    }

    [Theory]
    [InlineData(4, 0, 3)]
    [InlineData(4, 3, 0)]
    [InlineData(7, 3, 3)]
    [InlineData(21, 0, 20)]
    [InlineData(21, 13, 7)]
    [InlineData(21, 20, 0)]
    public async Task Ipc_IstanbulNode_SlotFromItsAddressAndValidators(int count, int index, int expectedSlot)
    {
        // Arrange: the node writes its own address in upper case, the list in lower case.
        var validators = IstanbulNode.Validators(count);
        var own = "0x" + validators[index][2..].ToUpperInvariant();
        await using var node = new IpcStubNode(SocketPath, IstanbulNode.Answering(own, validators));
        var client = Client(SocketPath);

        // Act
        var address = await client.NodeAddressAsync(CancellationToken.None);
        var list = await client.ValidatorsAsync(CancellationToken.None);
        var slot = ValidatorSlot.From(address, list);

        // Assert
        Assert.Equal(own, address);
        Assert.Equal(validators, list);
        Assert.Equal((expectedSlot, index, count), (slot.Slot, slot.Index, slot.Count));
        Assert.Equal("""["latest"]""", node.Requests[1].GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task Http_IstanbulNode_SlotFromItsAddressAndValidators()
    {
        var validators = IstanbulNode.Validators(7);
        await using var node = new HttpStubNode(IstanbulNode.Answering(validators[5], validators, height: 1234));
        var client = Client(node.Url);

        var slot = ValidatorSlot.From(await client.NodeAddressAsync(CancellationToken.None), await client.ValidatorsAsync(CancellationToken.None));

        Assert.Equal((1, 5, 7), (slot.Slot, slot.Index, slot.Count));
        Assert.Equal(1234, await client.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(node.Url, client.Endpoint);
    }

    [Fact]
    public async Task Ipc_NonValidatorNode_SlotZero()
    {
        var validators = IstanbulNode.Validators(4);
        await using var node = new IpcStubNode(SocketPath, IstanbulNode.Answering("0x" + new string('9', 40), validators));
        var client = Client(SocketPath);

        var slot = ValidatorSlot.From(await client.NodeAddressAsync(CancellationToken.None), await client.ValidatorsAsync(CancellationToken.None));

        Assert.Equal((0, (int?)null, 4), (slot.Slot, slot.Index, slot.Count));
    }

    [Fact]
    public async Task Ipc_AnswersInPiecesWithoutNewline_EachAnswerComplete()
    {
        var validators = IstanbulNode.Validators(21);
        await using var node = new IpcStubNode(SocketPath, request => request.GetProperty("method").GetString() == "eth_blockNumber"
            ? StubReply.Result(request, "\"0x1b4\"", pieces: 5)
            : StubReply.Result(request, JsonSerializer.Serialize(validators), pieces: 7));
        var client = Client(SocketPath);

        Assert.Equal(436, await client.BlockNumberAsync(CancellationToken.None));
        Assert.Equal(validators, await client.ValidatorsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Ipc_NodeWithoutIstanbul_NullAndHeightStillRead()
    {
        await using var node = new IpcStubNode(SocketPath, request => request.GetProperty("method").GetString() == "eth_blockNumber"
            ? StubReply.Result(request, "\"0x10\"")
            : StubReply.Error(request, -32601, $"the method {request.GetProperty("method").GetString()} does not exist/is not available"));
        var client = Client(SocketPath);

        Assert.Null(await client.NodeAddressAsync(CancellationToken.None));
        Assert.Null(await client.ValidatorsAsync(CancellationToken.None));
        Assert.Equal(16, await client.BlockNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Ipc_NeverAnswers_FailsAfterTheTimeout()
    {
        await using var node = new IpcStubNode(SocketPath, _ => StubReply.Silence);

        var e = await FailsBeforeTheDeadline(Client(SocketPath, timeout: ShortTimeout).BlockNumberAsync(CancellationToken.None));

        Assert.Equal($"node RPC ipc {SocketPath}: eth_blockNumber: no answer within 0.3 s", e.Message);
    }

    [Fact]
    public async Task Http_NeverAnswers_FailsAfterTheTimeout()
    {
        await using var node = new HttpStubNode(_ => StubReply.Silence);

        var e = await FailsBeforeTheDeadline(Client(node.Url, timeout: ShortTimeout).ValidatorsAsync(CancellationToken.None));

        Assert.Equal($"node RPC {node.Url}: istanbul_getValidators: no answer within 0.3 s", e.Message);
    }

    [Fact]
    public async Task Ipc_HalfAnAnswerThenSilence_FailsAfterTheTimeout()
    {
        await using var node = new IpcStubNode(SocketPath, request => new StubReply("""{"jsonrpc":"2.0","id":1,"resu"""));

        var e = await FailsBeforeTheDeadline(Client(SocketPath, timeout: ShortTimeout).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: no answer within 0.3 s", e.Reason);
    }

    [Fact]
    public async Task Ipc_Garbage_FailsShowingIt()
    {
        await using var node = new IpcStubNode(SocketPath, _ => new StubReply("this is not json\n"));

        var e = await FailsBeforeTheDeadline(Client(SocketPath).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: the answer is not JSON: \"this is not json \"", e.Reason);
    }

    [Fact]
    public async Task Http_Garbage_FailsShowingIt()
    {
        await using var node = new HttpStubNode(_ => new StubReply("<html>oops</html>"));

        var e = await FailsBeforeTheDeadline(Client(node.Url).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: the answer is not a JSON-RPC response: \"<html>oops</html>\"", e.Reason);
    }

    [Fact]
    public async Task Http_ErrorStatus_FailsWithStatusAndBody()
    {
        await using var node = new HttpStubNode(_ => new StubReply("invalid host specified\n", HttpStatus: 403));

        var e = await FailsBeforeTheDeadline(Client(node.Url).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: HTTP 403 Forbidden: \"invalid host specified \"", e.Reason);
    }

    [Fact]
    public async Task Ipc_HangsUpWithoutAnswering_Fails()
    {
        await using var node = new IpcStubNode(SocketPath, _ => StubReply.Hangs);

        var e = await FailsBeforeTheDeadline(Client(SocketPath).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: the node closed the connection without answering", e.Reason);
    }

    [Fact]
    public async Task Ipc_ErrorAnswer_FailsWithCodeAndMessage()
    {
        await using var node = new IpcStubNode(SocketPath, request => StubReply.Error(request, -32000, "unknown block"));

        var e = await FailsBeforeTheDeadline(Client(SocketPath).ValidatorsAsync(CancellationToken.None));

        Assert.Equal("istanbul_getValidators: error -32000: unknown block", e.Reason);
    }

    [Fact]
    public async Task Ipc_ConfiguredSocketMissing_FailsNamingThePath()
    {
        var e = await FailsBeforeTheDeadline(Client(SocketPath).BlockNumberAsync(CancellationToken.None));

        Assert.Equal($"node RPC ipc {SocketPath}: eth_blockNumber: {SocketPath} does not exist", e.Message);
    }

    [Fact]
    public async Task Ipc_DefaultSocket_MissingUntilTheNodeCreatesIt_ThenAnswered()
    {
        // Arrange: no setting; the default socket is $DAEMON_DATA_DIR/gstable.ipc.
        var client = Client("", dataDir: _dir);

        // Act 1 / Assert 1
        var e = await FailsBeforeTheDeadline(client.BlockNumberAsync(CancellationToken.None));
        Assert.Equal($"eth_blockNumber: no WEMIXVISOR_NODE_RPC and {SocketPath} does not exist (the node creates it when it has started)", e.Reason);

        // Act 2 / Assert 2: the same client finds the socket once the node made it.
        await using var node = new IpcStubNode(SocketPath, IstanbulNode.Answering("0x" + new string('1', 40), IstanbulNode.Validators(4), height: 9));
        Assert.Equal(9, await client.BlockNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Http_NothingListens_FailsConnectionRefused()
    {
        var url = $"http://127.0.0.1:{Run.AnvilRpc.FreePort()}/";

        var e = await FailsBeforeTheDeadline(Client(url).BlockNumberAsync(CancellationToken.None));

        Assert.Equal($"node RPC {url}: eth_blockNumber: connection refused (is the node running?)", e.Message);
    }

    [Fact]
    public async Task Ipc_CallerCancels_CancelledNotFailed()
    {
        await using var node = new IpcStubNode(SocketPath, _ => StubReply.Silence);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var call = Client(SocketPath, timeout: TimeSpan.FromSeconds(30)).BlockNumberAsync(cancel.Token);

        Assert.True(await Task.WhenAny(call, Task.Delay(Deadline)) == call, "the cancelled call finished");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
