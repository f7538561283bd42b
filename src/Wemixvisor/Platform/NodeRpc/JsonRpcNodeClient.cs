using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>
/// <see cref="INodeRpc"/> over JSON-RPC 2.0, through the node's IPC socket or HTTP. Each call has its own
/// deadline (<see cref="DefaultTimeout"/> unless given) and fails with one <see cref="NodeRpcException"/>.
/// </summary>
internal sealed class JsonRpcNodeClient : INodeRpc
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The largest answer accepted; a validator list is a few kilobytes.</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    private static readonly JsonElement NoParams = Params("[]");
    private static readonly JsonElement AtHead = Params("[\"latest\"]");

    /// <summary>The latest Unix time <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59Z).</summary>
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private readonly IJsonRpcTransport _transport;
    private readonly TimeSpan _timeout;
    private long _lastId;

    public JsonRpcNodeClient(NodeRpcEndpoint endpoint, TimeSpan? timeout = null)
        : this(endpoint.Display, TransportFor(endpoint), timeout ?? DefaultTimeout)
    {
    }

    internal JsonRpcNodeClient(string endpoint, IJsonRpcTransport transport, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Endpoint = endpoint;
        _transport = transport;
        _timeout = timeout;
    }

    public string Endpoint { get; }

    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken)
    {
        const string method = "eth_blockNumber";
        var result = await CallAsync(method, NoParams, cancellationToken) ?? throw NotServed(method);
        return result.ValueKind == JsonValueKind.String && HexQuantity.TryParse(result.GetString(), out var height)
            ? height
            : throw Failure(method, $"the result {Raw(result)} is not a hex quantity");
    }

    public async Task<string?> NodeAddressAsync(CancellationToken cancellationToken)
    {
        const string method = "istanbul_nodeAddress";
        if (await CallAsync(method, NoParams, cancellationToken) is not { } result)
        {
            return null;
        }
        return Address(result) ?? throw Failure(method, $"the result {Raw(result)} is not an address");
    }

    public async Task<IReadOnlyList<string>?> ValidatorsAsync(CancellationToken cancellationToken)
    {
        const string method = "istanbul_getValidators";
        if (await CallAsync(method, AtHead, cancellationToken) is not { } result)
        {
            return null;
        }
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw Failure(method, $"the result {Raw(result)} is not a list of addresses");
        }
        var validators = new List<string>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
        {
            validators.Add(Address(item) ?? throw Failure(method, $"the list holds {Raw(item)}, which is not an address"));
        }
        return validators;
    }

    public async Task<DateTimeOffset> BlockTimestampAsync(long number, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        const string method = "eth_getBlockByNumber";
        var block = string.Create(CultureInfo.InvariantCulture, $"0x{number:x}");
        var result = await CallAsync(method, Params($"[\"{block}\",false]"), cancellationToken) ?? throw NotServed(method);
        if (result.ValueKind == JsonValueKind.Null)
        {
            throw Failure(method, $"the node has no block {number.ToString(CultureInfo.InvariantCulture)}");
        }
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("timestamp", out var timestamp))
        {
            throw Failure(method, $"the result {Raw(result)} is not a block with a timestamp");
        }
        return timestamp.ValueKind == JsonValueKind.String && HexQuantity.TryParse(timestamp.GetString(), out var seconds) && seconds <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw Failure(method, $"the timestamp {Raw(timestamp)} of block {number.ToString(CultureInfo.InvariantCulture)} is not a hex quantity of seconds");
    }

    /// <summary>The call's result, or null when the node does not serve <paramref name="method"/>.</summary>
    private async Task<JsonElement?> CallAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);
        var request = JsonSerializer.SerializeToUtf8Bytes(new JsonRpcRequest("2.0", id, method, parameters), NodeRpcJsonContext.Default.JsonRpcRequest);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        ReadOnlyMemory<byte> answer;
        try
        {
            answer = await _transport.ExchangeAsync(request, deadline.Token);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                  && e is OperationCanceledException or IOException or SocketException or HttpRequestException)
        {
            throw Failure(method, $"no answer within {Seconds(_timeout)}", e);
        }
        catch (NodeRpcTransportException e)
        {
            throw Failure(method, e.Message, e);
        }
        catch (Exception e) when (e is IOException or SocketException or HttpRequestException)
        {
            throw Failure(method, Describe(e), e);
        }
        return Interpret(method, id, answer.Span);
    }

    private JsonElement? Interpret(string method, long id, ReadOnlySpan<byte> answer)
    {
        JsonRpcResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(answer, NodeRpcJsonContext.Default.JsonRpcResponse);
        }
        catch (JsonException e)
        {
            throw Failure(method, $"the answer is not a JSON-RPC response: {AnswerText.Excerpt(answer)}", e);
        }
        if (response is null)
        {
            throw Failure(method, "the answer is null");
        }
        if (response.Error is { } error)
        {
            return IsMethodNotFound(error)
                ? null
                : throw Failure(method, $"error {error.Code.ToString(CultureInfo.InvariantCulture)}: {error.Message}");
        }
        if (response.Id.ValueKind != JsonValueKind.Number || !response.Id.TryGetInt64(out var answeredId) || answeredId != id)
        {
            throw Failure(method, $"the answer carries id {Raw(response.Id)}, the request had {id.ToString(CultureInfo.InvariantCulture)}");
        }
        return response.Result.ValueKind == JsonValueKind.Undefined
            ? throw Failure(method, "the answer has neither a result nor an error")
            : response.Result;
    }

    /// <summary>
    /// geth: -32601 "the method … does not exist/is not available" (also when the namespace is not enabled on this
    /// endpoint). anvil over IPC reports an unknown method as invalid parameters of its own call enumeration.
    /// </summary>
    private static bool IsMethodNotFound(JsonRpcError error) =>
        error.Code == -32601
        || (error.Message is { } message
            && ((message.StartsWith("the method ", StringComparison.OrdinalIgnoreCase) && message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
                || (error.Code == -32602 && message.Contains("did not match any variant of untagged enum EthRpcCall", StringComparison.Ordinal))));

    private static string? Address(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } text && HexAddress.IsValid(text) ? text : null;

    private NodeRpcException NotServed(string method) => Failure(method, "the node does not serve this method");

    private NodeRpcException Failure(string method, string reason, Exception? inner = null) =>
        new(Endpoint, $"{method}: {reason}", inner);

    private static string Describe(Exception e) => (e.InnerException as SocketException ?? e as SocketException) switch
    {
        { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (is the node running?)",
        { SocketErrorCode: SocketError.AccessDenied } => "permission denied",
        { } socket => socket.Message,
        null => e.Message,
    };

    private static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.Undefined
        ? "(none)"
        : AnswerText.Line(value.GetRawText());

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static JsonElement Params(string array)
    {
        using var document = JsonDocument.Parse(array);
        return document.RootElement.Clone();
    }

    private static IJsonRpcTransport TransportFor(NodeRpcEndpoint endpoint) => endpoint.Transport switch
    {
        NodeRpcTransport.Ipc => new IpcTransport(endpoint, MaxAnswerBytes),
        _ => new HttpTransport(endpoint, MaxAnswerBytes),
    };
}
