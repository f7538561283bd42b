using System.Globalization;
using System.Text.Json;

namespace Wemixvisor.IntegrationTests.NodeRpc;

/// <summary>What a stub node does with one request.</summary>
/// <param name="Text">The bytes to send (as UTF-8); null sends nothing and keeps the connection open.</param>
/// <param name="Pieces">How many separate writes the text is sent in, a moment apart.</param>
/// <param name="HangUp">Close the connection instead of answering.</param>
/// <param name="HttpStatus">The status an HTTP stub answers with.</param>
internal sealed record StubReply(string? Text, int Pieces = 1, bool HangUp = false, int HttpStatus = 200)
{
    public static readonly StubReply Silence = new((string?)null);

    public static readonly StubReply Hangs = new(null, HangUp: true);

    public static StubReply Result(JsonElement request, string resultJson, int pieces = 1) =>
        new($$"""{"jsonrpc":"2.0","id":{{request.GetProperty("id").GetRawText()}},"result":{{resultJson}}}""", pieces);

    public static StubReply Error(JsonElement request, int code, string message) =>
        new($$$"""{"jsonrpc":"2.0","id":{{{request.GetProperty("id").GetRawText()}}},"error":{"code":{{{code.ToString(CultureInfo.InvariantCulture)}}},"message":{{{JsonSerializer.Serialize(message)}}}}}""");
}

/// <summary>A node with the <c>istanbul</c> namespace, as gstable answers: its address and the validators at the head.</summary>
internal static class IstanbulNode
{
    public static Func<JsonElement, StubReply> Answering(string nodeAddress, IReadOnlyList<string> validators, long height = 0x2a) =>
        request => request.GetProperty("method").GetString() switch
        {
            "eth_blockNumber" => StubReply.Result(request, $"\"0x{height:x}\""),
            "istanbul_nodeAddress" => StubReply.Result(request, JsonSerializer.Serialize(nodeAddress)),
            "istanbul_getValidators" => StubReply.Result(request, JsonSerializer.Serialize(validators)),
            var other => StubReply.Error(request, -32601, $"the method {other} does not exist/is not available"),
        };

    /// <summary><paramref name="count"/> distinct lower-case addresses.</summary>
    public static IReadOnlyList<string> Validators(int count) =>
        Enumerable.Range(1, count).Select(i => "0x" + (i * 0x1f2e3d).ToString("x40", CultureInfo.InvariantCulture)).ToList();
}
