using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Platform.NodeRpc;

namespace Wemixvisor.Status;

/// <summary>
/// The chain as <c>status</c> and <c>show-upgrade-info</c> see it: the head read once over the node's RPC and how
/// it was read (<see cref="Endpoint"/>), or why it could not be read (<see cref="Problem"/>); and, when an upgrade
/// is scheduled, when this node switches to it (<see cref="Next"/>). Reading it never fails.
/// </summary>
internal sealed record ChainStatus(string? Endpoint, long? Head, string? Problem, NextSwitch? Next)
{
    /// <summary>The call that reads the head.</summary>
    public const string HeadMethod = "eth_blockNumber";

    /// <summary>
    /// Reads the chain over the endpoint the options name (<c>WEMIXVISOR_NODE_RPC</c>, else the node's default IPC
    /// socket), each call bounded by <c>WEMIXVISOR_RPC_TIMEOUT</c>.
    /// </summary>
    public static Task<ChainStatus> ReadAsync(WemixvisorOptions options, ScheduledUpgrade? next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = NodeRpcEndpoint.Resolve(options.NodeRpc, options.DataDir, options.Name);
        return endpoint.IsValid
            ? ReadAsync(new JsonRpcNodeClient(endpoint.Endpoint, options.RpcTimeout), next, SupervisorPolicy.From(options).Chain, cancellationToken)
            : Task.FromResult(new ChainStatus(null, null, endpoint.Problem, next is null ? null : NextSwitch.Unknown(next, "the chain head is unknown")));
    }

    /// <summary>
    /// The head, then for <paramref name="next"/> the validator slot and the block timestamps of the head and
    /// <see cref="BlockPace.Window"/> blocks below it. The first call that fails ends the reading: a node that does
    /// not answer costs one timeout, not one per call.
    /// </summary>
    public static async Task<ChainStatus> ReadAsync(INodeRpc rpc, ScheduledUpgrade? next, ChainPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(policy);
        long head;
        try
        {
            head = await rpc.BlockNumberAsync(cancellationToken);
        }
        catch (NodeRpcException e)
        {
            return new ChainStatus(rpc.Endpoint, null, WithoutMethod(e.Reason),
                next is null ? null : NextSwitch.Unknown(next, "the chain head is unknown"));
        }
        return new ChainStatus(rpc.Endpoint, head, null,
            next is null ? null : await NextSwitch.ReadAsync(rpc, next, head, policy, cancellationToken));
    }

    private static string WithoutMethod(string reason) =>
        reason.StartsWith(HeadMethod + ": ", StringComparison.Ordinal) ? reason[(HeadMethod.Length + 2)..] : reason;
}

/// <summary>
/// When this node switches to the next pending scheduled upgrade: its <see cref="SwitchPlan"/> (slot and switch
/// block) and the chain's observed <see cref="BlockPace"/>, as far as they could be read; <see cref="Problem"/>
/// says what is missing and why.
/// </summary>
internal sealed record NextSwitch(ScheduledUpgrade Upgrade, ChainPolicy? Policy, long? Head, SwitchPlan? Plan, BlockPace? Pace, string? Problem)
{
    /// <summary>Blocks from the head to the switch block; 0 once it is reached.</summary>
    public long? BlocksLeft => Plan is { } plan && Head is { } head ? plan.BlocksLeft(head) : null;

    /// <summary>Estimated time until the switch block: blocks left at the observed pace.</summary>
    public TimeSpan? Eta => BlocksLeft is { } left && Pace is { } pace ? pace.TimeFor(left) : null;

    public static NextSwitch Unknown(ScheduledUpgrade upgrade, string problem) => new(upgrade, null, null, null, null, problem);

    public static async Task<NextSwitch> ReadAsync(INodeRpc rpc, ScheduledUpgrade upgrade, long head, ChainPolicy policy, CancellationToken cancellationToken)
    {
        SwitchPlan plan;
        try
        {
            var address = await rpc.NodeAddressAsync(cancellationToken);
            var validators = address is null ? null : await rpc.ValidatorsAsync(cancellationToken);
            plan = SwitchPlan.For(upgrade.Height, ValidatorSlot.From(address, validators), policy);
        }
        catch (NodeRpcException e)
        {
            return new NextSwitch(upgrade, policy, head, null, null, $"the validator slot could not be read: {e.Message}");
        }
        var from = BlockPace.SampleBlock(head);
        if (from == head)
        {
            return new NextSwitch(upgrade, policy, head, plan, null, "the chain has no block after genesis yet to measure its block time");
        }
        try
        {
            var headTime = await rpc.BlockTimestampAsync(head, cancellationToken);
            var fromTime = await rpc.BlockTimestampAsync(from, cancellationToken);
            var pace = BlockPace.Between(from, fromTime, head, headTime);
            return new NextSwitch(upgrade, policy, head, plan, pace,
                pace is null ? $"the timestamps of blocks {from} ({fromTime:u}) and {head} ({headTime:u}) do not advance" : null);
        }
        catch (NodeRpcException e)
        {
            return new NextSwitch(upgrade, policy, head, plan, null, $"the block time could not be read: {e.Message}");
        }
    }
}
