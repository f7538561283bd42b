using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// Logs every transition as one structured line, at debug level when it is routine (a blocked upgrade
/// rechecked with the problem already reported, a node's pid arriving), and times each stop from its first signal.
/// </summary>
internal sealed class TransitionLog(ILogger log) : IObserver<Transition>
{
    /// <summary>When the current stop sent its first signal; null while no stop is under way.</summary>
    private DateTimeOffset? _stopBegan;

    public void OnNext(Transition value)
    {
        Log(value);
        LogStopTiming(value);
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    private void Log(Transition transition)
    {
        var phase = transition.From.Phase.GetType().Name;
        switch (transition.Event)
        {
            case SignalReceived { Signal: NodeSignal.Hangup }:
                log.HangupIgnored();
                return;
            case TriggerObserved { File: TriggerFile.Invalid invalid }:
                log.TriggerInvalid(invalid.Reason);
                return;
            case TriggerStillIncomplete incomplete:
                log.TriggerIncomplete(incomplete.Looks, incomplete.Reason);
                return;
            case ScheduleObserved { File: ScheduleFile.Invalid invalid }:
                log.ScheduleInvalid(invalid.Reason);
                return;
        }
        LogChain(transition);
        if (transition.Decision.IgnoredBecause is { } reason)
        {
            log.Ignored(transition.Event.GetType().Name, phase, reason);
            return;
        }
        if (IsRoutine(transition))
        {
            log.RoutineTransition(phase, transition.To.Phase.GetType().Name, transition.Event.GetType().Name, transition.Event.ToString());
            return;
        }
        log.Transition(phase, transition.To.Phase.GetType().Name, transition.Event.GetType().Name, transition.Event.ToString());
        foreach (var command in transition.Decision.Commands)
        {
            switch (command)
            {
                case SupervisorCommand.StartTimer t:
                    log.Waiting(t.Due, t.Purpose);
                    break;
                case SupervisorCommand.RunPreflight p when transition.From.Phase is not SupervisorPhase.Blocked:
                    log.UpgradePending(p.Upgrade.Name.Value, p.Upgrade.Height, transition.From.Applied.ToString());
                    break;
                case SupervisorCommand.Exit exit:
                    log.Exiting(exit.Code, exit.Reason);
                    break;
            }
        }
    }

    /// <summary>How long the node took to stop, and when each escalation was needed, measured from the first signal.</summary>
    /// <summary>The chain's news worth a line: the RPC going away or coming back, and a head that went backwards.</summary>
    private void LogChain(Transition transition)
    {
        var (before, after) = (transition.From.Chain, transition.To.Chain);
        if (after.Unavailable is { } reason && before.Unavailable is null)
        {
            log.ChainUnavailable(reason);
        }
        else if (transition.Event is ChainHeadRead read && before.Unavailable is not null)
        {
            log.ChainAvailable(read.Height);
        }
        if (transition.Event is ChainHeadRead r && before.Head is { } last && r.Height < last.Height)
        {
            log.ChainRewound(last.Height, r.Height);
        }
    }

    private void LogStopTiming(Transition transition)
    {
        var wasStopping = transition.From.Phase is SupervisorPhase.Stopping;
        if (transition.To.Phase is SupervisorPhase.Stopping && !wasStopping)
        {
            _stopBegan = transition.At;
            return;
        }
        if (!wasStopping || _stopBegan is not { } start)
        {
            return;
        }
        if (transition.Event is NodeExited exited)
        {
            log.NodeStopped(transition.At - start, exited.Exit.ToString());
            _stopBegan = null;
            return;
        }
        foreach (var escalation in transition.Decision.Commands.OfType<SupervisorCommand.SignalNode>().Where(s => s.Signal is NodeSignal.Quit or NodeSignal.Kill))
        {
            log.Escalating(escalation.Signal.ToString(), transition.At - start);
        }
    }

    /// <summary>
    /// Routine: the node's pid arriving (the launcher already said the node started), the timer that starts
    /// a recheck of a blocked upgrade, or a recheck that found the problem already reported.
    /// </summary>
    private static bool IsRoutine(Transition transition) => (transition.From.Phase, transition.To.Phase) switch
    {
        _ when transition.Event is NodeStarted => true,
        _ when transition.Event is ChainHeadRead or ChainHeadUnavailable or ValidatorSlotRead or ScheduleObserved =>
            transition.From.Phase.GetType() == transition.To.Phase.GetType() && transition.Decision.Commands.IsEmpty,
        (SupervisorPhase.Blocked, SupervisorPhase.Preparing) => transition.Event is TimerElapsed,
        (SupervisorPhase.Preparing { ReportedProblem: not null }, SupervisorPhase.Blocked) =>
            !transition.Decision.Commands.Any(command => command is SupervisorCommand.ReportBlocked),
        _ => false,
    };
}
