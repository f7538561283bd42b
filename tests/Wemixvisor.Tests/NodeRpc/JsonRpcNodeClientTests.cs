using System.Net.Sockets;
using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Tests.NodeRpc;

public sealed class JsonRpcNodeClientTests
{
    private const string Endpoint = "ipc /srv/node/data/gstable.ipc";
    private static readonly string Address1 = "0x" + new string('1', 40);
    private static readonly string Address2 = "0xAbCdEf" + new string('2', 34);

    private static JsonRpcNodeClient Client(IJsonRpcTransport transport) => new(Endpoint, transport, TimeSpan.FromSeconds(2));

    private static async Task<NodeRpcException> Fails(Func<Task> call) => await Assert.ThrowsAsync<NodeRpcException>(call);

    [Fact]
    public async Task BlockNumber_HexResult_HeightAndAWellFormedRequest()
    {
        var transport = CannedTransport.Result("\"0x1b4\"");

        var height = await Client(transport).BlockNumberAsync(CancellationToken.None);

        Assert.Equal(436, height);
        var request = Assert.Single(transport.Requests);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", request.GetRawText());
    }

    [Fact]
    public async Task Calls_EachRequestHasANewId()
    {
        var transport = CannedTransport.Result("\"0x1\"");
        var client = Client(transport);

        await client.BlockNumberAsync(CancellationToken.None);
        await client.BlockNumberAsync(CancellationToken.None);

        Assert.Equal([1L, 2L], transport.Requests.Select(r => r.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("\"436\"", "\"436\"")]
    [InlineData("\"0xzz\"", "\"0xzz\"")]
    [InlineData("436", "436")]
    [InlineData("null", "null")]
    [InlineData("\"0x8000000000000000\"", "\"0x8000000000000000\"")]
    public async Task BlockNumber_NotAQuantity_FailsNamingEndpointMethodAndValue(string result, string shown)
    {
        var e = await Fails(() => Client(CannedTransport.Result(result)).BlockNumberAsync(CancellationToken.None));

        Assert.Equal($"node RPC {Endpoint}: eth_blockNumber: the result {shown} is not a hex quantity", e.Message);
        Assert.Equal(Endpoint, e.Endpoint);
    }

    [Fact]
    public async Task BlockNumber_MethodNotFound_FailsBecauseEveryNodeServesIt()
    {
        var e = await Fails(() => Client(CannedTransport.Error(-32601, "the method eth_blockNumber does not exist/is not available")).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: the node does not serve this method", e.Reason);
    }

    [Fact]
    public async Task NodeAddress_Address_AsTheNodeWroteIt()
    {
        var transport = CannedTransport.Result($"\"{Address2}\"");

        Assert.Equal(Address2, await Client(transport).NodeAddressAsync(CancellationToken.None));
        Assert.Equal("istanbul_nodeAddress", transport.Requests[0].GetProperty("method").GetString());
        Assert.Equal(0, transport.Requests[0].GetProperty("params").GetArrayLength());
    }

    [Theory]
    [InlineData(-32601, "the method istanbul_nodeAddress does not exist/is not available")]
    [InlineData(-32601, "Method not found")]
    [InlineData(-32000, "the method istanbul_nodeAddress does not exist/is not available")]
    [InlineData(-32602, "data did not match any variant of untagged enum EthRpcCall")]
    public async Task IstanbulCalls_NoSuchNamespace_Null(int code, string message)
    {
        var client = Client(CannedTransport.Error(code, message));

        Assert.Null(await client.NodeAddressAsync(CancellationToken.None));
        Assert.Null(await client.ValidatorsAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("\"0x1234\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"0xg111111111111111111111111111111111111111\"")]
    public async Task NodeAddress_NotAnAddress_Fails(string result)
    {
        var e = await Fails(() => Client(CannedTransport.Result(result)).NodeAddressAsync(CancellationToken.None));

        Assert.Equal($"istanbul_nodeAddress: the result {result} is not an address", e.Reason);
    }

    [Fact]
    public async Task Validators_List_InTheNodesOrder_AskedAtTheHead()
    {
        var transport = CannedTransport.Result($"[\"{Address2}\",\"{Address1}\"]");

        var validators = await Client(transport).ValidatorsAsync(CancellationToken.None);

        Assert.Equal([Address2, Address1], validators);
        var request = Assert.Single(transport.Requests);
        Assert.Equal("istanbul_getValidators", request.GetProperty("method").GetString());
        Assert.Equal("""["latest"]""", request.GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task Validators_EmptyList_Empty()
    {
        Assert.Empty((await Client(CannedTransport.Result("[]")).ValidatorsAsync(CancellationToken.None))!);
    }

    [Theory]
    [InlineData("null", "istanbul_getValidators: the result null is not a list of addresses")]
    [InlineData("{\"a\":1}", "istanbul_getValidators: the result {\"a\":1} is not a list of addresses")]
    [InlineData("[\"0x1111111111111111111111111111111111111111\",7]", "istanbul_getValidators: the list holds 7, which is not an address")]
    public async Task Validators_NotAListOfAddresses_Fails(string result, string reason)
    {
        var e = await Fails(() => Client(CannedTransport.Result(result)).ValidatorsAsync(CancellationToken.None));

        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public async Task Validators_OtherError_FailsWithCodeAndMessage()
    {
        var e = await Fails(() => Client(CannedTransport.Error(-32000, "unknown block")).ValidatorsAsync(CancellationToken.None));

        Assert.Equal($"node RPC {Endpoint}: istanbul_getValidators: error -32000: unknown block", e.Message);
    }

    [Theory]
    [InlineData("this is not json", "eth_blockNumber: the answer is not a JSON-RPC response: \"this is not json\"")]
    [InlineData("[1,2]", "eth_blockNumber: the answer is not a JSON-RPC response: \"[1,2]\"")]
    [InlineData("null", "eth_blockNumber: the answer is null")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", "eth_blockNumber: the answer has neither a result nor an error")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":\"0x1\"}", "eth_blockNumber: the answer carries id 9, the request had 1")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"result\":\"0x1\"}", "eth_blockNumber: the answer carries id (none), the request had 1")]
    [InlineData("{\"id\":1,\"error\":\"boom\"}", "eth_blockNumber: the answer is not a JSON-RPC response: \"{\"id\":1,\"error\":\"boom\"}\"")]
    public async Task BlockNumber_MalformedAnswer_FailsShowingIt(string answer, string reason)
    {
        var e = await Fails(() => Client(new CannedTransport(_ => answer)).BlockNumberAsync(CancellationToken.None));

        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public async Task Call_LongGarbage_ShownShortOnOneLine()
    {
        var garbage = string.Join("\n", Enumerable.Repeat("<html><body>bad gateway</body></html>", 20));

        var e = await Fails(() => Client(new CannedTransport(_ => garbage)).BlockNumberAsync(CancellationToken.None));

        Assert.DoesNotContain('\n', e.Message);
        Assert.EndsWith("…\"", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 250, e.Message);
    }

    [Fact]
    public async Task Call_TransportProblem_FailsWithItsReason()
    {
        var e = await Fails(() => Client(new ThrowingTransport(new NodeRpcTransportException("the node closed the connection without answering")))
            .BlockNumberAsync(CancellationToken.None));

        Assert.Equal($"node RPC {Endpoint}: eth_blockNumber: the node closed the connection without answering", e.Message);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, "connection refused (is the node running?)")]
    [InlineData(SocketError.AccessDenied, "permission denied")]
    public async Task Call_SocketRefused_FailsSayingSo(SocketError error, string reason)
    {
        var e = await Fails(() => Client(new ThrowingTransport(new SocketException((int)error))).ValidatorsAsync(CancellationToken.None));

        Assert.Equal("istanbul_getValidators: " + reason, e.Reason);
        Assert.IsType<SocketException>(e.InnerException);
    }

    [Fact]
    public async Task Call_HttpFailureAroundASocketError_FailsWithTheSocketReason()
    {
        var inner = new SocketException((int)SocketError.ConnectionRefused);

        var e = await Fails(() => Client(new ThrowingTransport(new HttpRequestException("Connection refused (127.0.0.1:8545)", inner))).BlockNumberAsync(CancellationToken.None));

        Assert.Equal("eth_blockNumber: connection refused (is the node running?)", e.Reason);
    }

    [Fact]
    public async Task Call_CallerCancels_CancelledNotFailed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(new ThrowingTransport(null)).BlockNumberAsync(cancelled.Token));
    }

    [Fact]
    public void Create_NonPositiveTimeout_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonRpcNodeClient(Endpoint, new ThrowingTransport(null), TimeSpan.Zero));
    }

    /// <summary>Throws <paramref name="failure"/>, or, when null, waits for cancellation.</summary>
    private sealed class ThrowingTransport(Exception? failure) : IJsonRpcTransport
    {
        public async Task<ReadOnlyMemory<byte>> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
        {
            if (failure is not null)
            {
                throw failure;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return ReadOnlyMemory<byte>.Empty;
        }
    }
}
