using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Core.Sources;

/// <summary>
/// Reads the chain head over the node's RPC every <c>WEMIXVISOR_HEIGHT_POLL</c>, only while it matters: a
/// height-scheduled upgrade waits for its height (with the node running), or a new binary has to show that the
/// head moves. The validator slot is read once for each upgrade that waits. A node that does not answer is an
/// event, never an error; reads never overlap.
/// </summary>
public sealed class ChainWatcher(INodeRpc rpc, TimeSpan heightPoll, IScheduler scheduler) : IEventSource
{
    public IObservable<SupervisorEvent> Events(IObservable<SupervisorState> states) =>
        states.Select(Watch.For)
            .DistinctUntilChanged()
            .Select(watch => watch is null ? Observable.Empty<SupervisorEvent>() : Poll(watch))
            .Switch();

    private IObservable<SupervisorEvent> Poll(Watch watch) => Observable.Defer(() =>
    {
        var slotRead = !watch.NeedsSlot;
        var once = Observable.FromAsync(async cancellation =>
        {
            var events = new List<SupervisorEvent>(2);
            try
            {
                events.Add(new ChainHeadRead(await rpc.BlockNumberAsync(cancellation).ConfigureAwait(false), scheduler.Now));
                if (!slotRead)
                {
                    var address = await rpc.NodeAddressAsync(cancellation).ConfigureAwait(false);
                    var validators = address is null ? null : await rpc.ValidatorsAsync(cancellation).ConfigureAwait(false);
                    events.Add(new ValidatorSlotRead(watch.Upgrade, ValidatorSlot.From(address, validators)));
                    slotRead = true;
                }
            }
            catch (NodeRpcException e)
            {
                events.Add(new ChainHeadUnavailable(e.Message, scheduler.Now));
            }
            return events;
        });
        return once.SelectMany(events => events)
            .Concat(Observable.Timer(heightPoll, scheduler).SelectMany(_ => Observable.Empty<SupervisorEvent>()))
            .Repeat();
    });

    /// <summary>What the chain is watched for: an upgrade waiting for its height (its slot still to read), or a binary on probation.</summary>
    private sealed record Watch(UpgradeName Upgrade, bool NeedsSlot)
    {
        public static Watch? For(SupervisorState state)
        {
            if (state.Probation is { ByRpc: true } probation && state.Phase is SupervisorPhase.Running)
            {
                return new Watch(probation.Upgrade.Name, NeedsSlot: false);
            }
            var nodeMayRun = state.Phase is SupervisorPhase.Running or SupervisorPhase.Preparing or SupervisorPhase.Blocked;
            return nodeMayRun && state.Probation is null && state.NextScheduled is { } next ? new Watch(next.Name, NeedsSlot: true) : null;
        }
    }
}
