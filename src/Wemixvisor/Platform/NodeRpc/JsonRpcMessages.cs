using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>One JSON-RPC 2.0 call; <see cref="Params"/> is the JSON array of its parameters.</summary>
internal sealed record JsonRpcRequest(string Jsonrpc, long Id, string Method, JsonElement Params);

/// <summary>
/// One JSON-RPC 2.0 answer. <see cref="Result"/> keeps the raw value: <see cref="JsonValueKind.Undefined"/> when
/// absent, <see cref="JsonValueKind.Null"/> when null; each call checks the shape it expects.
/// </summary>
internal sealed record JsonRpcResponse(JsonElement Id, JsonElement Result, JsonRpcError? Error);

internal sealed record JsonRpcError(long Code, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JsonRpcRequest))]
[JsonSerializable(typeof(JsonRpcResponse))]
internal sealed partial class NodeRpcJsonContext : JsonSerializerContext;
