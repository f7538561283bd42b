using Wemixvisor.Core.Ports;

namespace Wemixvisor.Tests.Fakes;

/// <summary>A node's RPC in memory: answers at once with <see cref="Head"/>, or fails while <see cref="Down"/>.</summary>
public sealed class FakeNodeRpc : INodeRpc
{
    public string Endpoint => "fake";

    public long Head { get; set; }

    public bool Down { get; set; }

    /// <summary>Null: no istanbul namespace (slot 0).</summary>
    public string? Address { get; set; }

    public IReadOnlyList<string>? Validators { get; set; }

    public int HeadReads { get; private set; }

    public Task<long> BlockNumberAsync(CancellationToken cancellationToken)
    {
        HeadReads++;
        return Down ? Task.FromException<long>(Failure()) : Task.FromResult(Head);
    }

    public Task<string?> NodeAddressAsync(CancellationToken cancellationToken) =>
        Down ? Task.FromException<string?>(Failure()) : Task.FromResult(Address);

    public Task<IReadOnlyList<string>?> ValidatorsAsync(CancellationToken cancellationToken) =>
        Down ? Task.FromException<IReadOnlyList<string>?>(Failure()) : Task.FromResult(Validators);

    private static NodeRpcException Failure() => new("fake", "connection refused (is the node running?)");
}
