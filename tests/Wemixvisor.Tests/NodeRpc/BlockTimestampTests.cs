using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Tests.NodeRpc;

public sealed class BlockTimestampTests
{
    private const string Endpoint = "http://127.0.0.1:8588/";

    private static JsonRpcNodeClient Client(IJsonRpcTransport transport) => new(Endpoint, transport, TimeSpan.FromSeconds(2));

    [Fact]
    public async Task BlockTimestamp_BlockWithHexTimestamp_ThatSecondAndTheBlockAskedInHexWithoutTransactions()
    {
        var transport = CannedTransport.Result("""{"number":"0x1b4","hash":"0xab","timestamp":"0x6956b300","transactions":[]}""");

        var at = await Client(transport).BlockTimestampAsync(436, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 17, 46, 40, TimeSpan.Zero), at);
        var request = Assert.Single(transport.Requests);
        Assert.Equal("eth_getBlockByNumber", request.GetProperty("method").GetString());
        Assert.Equal("""["0x1b4",false]""", request.GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task BlockTimestamp_Genesis_AskedAsZero()
    {
        var transport = CannedTransport.Result("""{"timestamp":"0x0"}""");

        Assert.Equal(DateTimeOffset.UnixEpoch, await Client(transport).BlockTimestampAsync(0, CancellationToken.None));
        Assert.Equal("""["0x0",false]""", transport.Requests[0].GetProperty("params").GetRawText());
    }

    [Theory]
    [InlineData("null", "eth_getBlockByNumber: the node has no block 436")]
    [InlineData("\"0x5\"", "eth_getBlockByNumber: the result \"0x5\" is not a block with a timestamp")]
    [InlineData("{\"number\":\"0x1b4\"}", "eth_getBlockByNumber: the result {\"number\":\"0x1b4\"} is not a block with a timestamp")]
    [InlineData("{\"timestamp\":1767289600}", "eth_getBlockByNumber: the timestamp 1767289600 of block 436 is not a hex quantity of seconds")]
    [InlineData("{\"timestamp\":\"0x7fffffffffffffff\"}", "eth_getBlockByNumber: the timestamp \"0x7fffffffffffffff\" of block 436 is not a hex quantity of seconds")]
    public async Task BlockTimestamp_NoUsableTimestamp_FailsNamingTheBlock(string result, string reason)
    {
        var e = await Assert.ThrowsAsync<NodeRpcException>(() => Client(CannedTransport.Result(result)).BlockTimestampAsync(436, CancellationToken.None));

        Assert.Equal(reason, e.Reason);
        Assert.Equal(Endpoint, e.Endpoint);
    }

    [Fact]
    public async Task BlockTimestamp_MethodNotFound_FailsBecauseEveryNodeServesIt()
    {
        var e = await Assert.ThrowsAsync<NodeRpcException>(() =>
            Client(CannedTransport.Error(-32601, "the method eth_getBlockByNumber does not exist/is not available")).BlockTimestampAsync(1, CancellationToken.None));

        Assert.Equal("eth_getBlockByNumber: the node does not serve this method", e.Reason);
    }
}
