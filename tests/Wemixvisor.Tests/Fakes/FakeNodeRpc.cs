using Wemixvisor.Core.Ports;

namespace Wemixvisor.Tests.Fakes;

/// <summary>
/// A node's RPC in memory: answers at once with <see cref="Head"/>, or fails while <see cref="Down"/>. Block n was
/// made at <see cref="Genesis"/> + n × <see cref="BlockTime"/>.
/// </summary>
public sealed class FakeNodeRpc : INodeRpc
{
    public string Endpoint => "fake";

    public long Head { get; set; }

    public bool Down { get; set; }

    /// <summary>Null: no istanbul namespace (slot 0).</summary>
    public string? Address { get; set; }

    public IReadOnlyList<string>? Validators { get; set; }

    public DateTimeOffset Genesis { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);

    public int HeadReads { get; private set; }

    /// <summary>Every call, failed ones included, in order: the method's name (and the block number of a timestamp read).</summary>
    public List<string> Calls { get; } = [];

    public Task<long> BlockNumberAsync(CancellationToken cancellationToken)
    {
        HeadReads++;
        return Answer("eth_blockNumber", Head);
    }

    public Task<string?> NodeAddressAsync(CancellationToken cancellationToken) => Answer("istanbul_nodeAddress", Address);

    public Task<IReadOnlyList<string>?> ValidatorsAsync(CancellationToken cancellationToken) => Answer("istanbul_getValidators", Validators);

    public Task<DateTimeOffset> BlockTimestampAsync(long number, CancellationToken cancellationToken) =>
        Answer($"eth_getBlockByNumber {number}", Genesis + (number * BlockTime));

    private Task<T> Answer<T>(string call, T value)
    {
        Calls.Add(call);
        return Down ? Task.FromException<T>(Failure()) : Task.FromResult(value);
    }

    private static NodeRpcException Failure() => new("fake", "connection refused (is the node running?)");
}
