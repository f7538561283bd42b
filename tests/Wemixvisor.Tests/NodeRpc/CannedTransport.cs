using System.Text;
using System.Text.Json;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Tests.NodeRpc;

/// <summary>A transport that answers each request with text made from it, and records what was asked.</summary>
internal sealed class CannedTransport(Func<JsonElement, string> answer) : IJsonRpcTransport
{
    public List<JsonElement> Requests { get; } = [];

    /// <summary>Answers every request with <c>"result": <paramref name="resultJson"/></c> and the request's id.</summary>
    public static CannedTransport Result(string resultJson) =>
        new(request => $$"""{"jsonrpc":"2.0","id":{{request.GetProperty("id").GetRawText()}},"result":{{resultJson}}}""");

    /// <summary>Answers every request with a JSON-RPC error.</summary>
    public static CannedTransport Error(int code, string message) =>
        new(request => $$$"""{"jsonrpc":"2.0","id":{{{request.GetProperty("id").GetRawText()}}},"error":{"code":{{{code}}},"message":{{{JsonSerializer.Serialize(message)}}}}}""");

    public Task<ReadOnlyMemory<byte>> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(request);
        var parsed = document.RootElement.Clone();
        Requests.Add(parsed);
        return Task.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes(answer(parsed)));
    }
}
