using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Core.Supervision;

/// <summary>One decided event: when, what, the state before, and the decision.</summary>
public sealed record SupervisorStep(DateTimeOffset At, SupervisorEvent Event, SupervisorState From, Decision Decision)
{
    public SupervisorState To => Decision.State;
}

/// <summary>
/// The pipeline: external events and the feedback of executed commands are merged, serialised on the
/// loop scheduler and folded through <see cref="Decider"/>; each decision's commands run through the
/// <see cref="CommandInterpreter"/>. The stream of steps completes after the step that issues
/// <see cref="SupervisorCommand.Exit"/>.
/// </summary>
public sealed class Supervisor(SupervisorPorts ports, SupervisorPolicy policy, SupervisorSchedulers schedulers, ILogger<Supervisor> log)
{
    private readonly Decider _decider = new(policy);

    public IObservable<SupervisorStep> Run(AppliedUpgrade applied, IObservable<SupervisorEvent> external) =>
        Observable.Create<SupervisorStep>(observer =>
        {
            var interpreter = new CommandInterpreter(ports, schedulers, log);
            var feedback = new Subject<SupervisorEvent>();
            var effects = new CompositeDisposable();
            var state = SupervisorState.Initial(applied);
            var exited = false;
            DateTimeOffset? stopBegan = null;

            var steps = Observable.Merge(external, feedback)
                .ObserveOn(schedulers.Loop)
                .Subscribe(e =>
                {
                    if (exited)
                    {
                        return;
                    }
                    var decision = _decider.Decide(state, e);
                    var step = new SupervisorStep(schedulers.Loop.Now, e, state, decision);
                    state = decision.State;
                    Log(step);
                    LogStopTiming(step, ref stopBegan);
                    observer.OnNext(step);
                    foreach (var command in decision.Commands)
                    {
                        if (command is SupervisorCommand.Exit)
                        {
                            exited = true;
                            observer.OnCompleted();
                            return;
                        }
                        Start(interpreter.Execute(command));
                    }
                }, observer.OnError);

            // Only now, with the feedback subscribed, may a decision's commands report back.
            feedback.OnNext(new Started());
            return new CompositeDisposable(steps, effects, feedback);

            // Effects that finished leave the set, so a long run does not accumulate them.
            void Start(IObservable<SupervisorEvent> effect)
            {
                var subscription = new SingleAssignmentDisposable();
                effects.Add(subscription);
                subscription.Disposable = effect
                    .Finally(() => effects.Remove(subscription))
                    .Subscribe(feedback.OnNext, observer.OnError);
            }
        });

    private void Log(SupervisorStep step)
    {
        var phase = step.From.Phase.GetType().Name;
        switch (step.Event)
        {
            case SignalReceived { Signal: NodeSignal.Hangup }:
                log.HangupIgnored();
                return;
            case UpgradeInfoObserved { File: TriggerFile.Invalid invalid }:
                log.UpgradeInfoInvalid(invalid.Reason);
                return;
            case UpgradeInfoStillIncomplete incomplete:
                log.UpgradeInfoIncomplete(incomplete.Looks, incomplete.Reason);
                return;
        }
        if (step.Decision.IgnoredBecause is { } reason)
        {
            log.Ignored(step.Event.GetType().Name, phase, reason);
            return;
        }
        if (IsRepeatedRecheck(step))
        {
            // A blocked upgrade is rechecked every poll; only a new problem deserves an info line (ReportBlocked logs it).
            log.Recheck(phase, step.To.Phase.GetType().Name, step.Event.GetType().Name, step.Event.ToString());
            return;
        }
        log.Transition(phase, step.To.Phase.GetType().Name, step.Event.GetType().Name, step.Event.ToString());
        foreach (var command in step.Decision.Commands)
        {
            switch (command)
            {
                case SupervisorCommand.StartTimer t:
                    log.Waiting(t.Due, t.Purpose);
                    break;
                case SupervisorCommand.RunPreflight p when step.From.Phase is not SupervisorPhase.Blocked:
                    log.UpgradePending(p.Upgrade.Name.Value, p.Upgrade.Height, step.From.Applied.ToString());
                    break;
                case SupervisorCommand.Exit exit:
                    log.Exiting(exit.Code, exit.Reason);
                    break;
            }
        }
    }

    /// <summary>How long the node took to stop, and when each escalation was needed, measured from the first signal.</summary>
    private void LogStopTiming(SupervisorStep step, ref DateTimeOffset? began)
    {
        var wasStopping = step.From.Phase is SupervisorPhase.Stopping;
        if (step.To.Phase is SupervisorPhase.Stopping && !wasStopping)
        {
            began = step.At;
            return;
        }
        if (!wasStopping || began is not { } start)
        {
            return;
        }
        if (step.Event is NodeExited exited)
        {
            log.NodeStopped(step.At - start, exited.Exit.ToString());
            began = null;
            return;
        }
        foreach (var escalation in step.Decision.Commands.OfType<SupervisorCommand.SignalNode>().Where(s => s.Signal is NodeSignal.Quit or NodeSignal.Kill))
        {
            log.Escalating(escalation.Signal.ToString(), step.At - start);
        }
    }

    /// <summary>The timer that starts a recheck of a blocked upgrade, or a recheck that found the problem already reported.</summary>
    private static bool IsRepeatedRecheck(SupervisorStep step) => (step.From.Phase, step.To.Phase) switch
    {
        (SupervisorPhase.Blocked, SupervisorPhase.Preparing) => step.Event is TimerElapsed,
        (SupervisorPhase.Preparing { ReportedProblem: not null }, SupervisorPhase.Blocked) =>
            !step.Decision.Commands.Any(command => command is SupervisorCommand.ReportBlocked),
        _ => false,
    };
}

public static class SupervisorStepExtensions
{
    /// <summary>The exit code the last step decided; 1 when the steps ended without one.</summary>
    public static IObservable<int> ExitCode(this IObservable<SupervisorStep> steps) =>
        steps.SelectMany(s => s.Decision.Commands.OfType<SupervisorCommand.Exit>())
            .Select(exit => exit.Code)
            .DefaultIfEmpty(ExitCodes.InternalError)
            .LastAsync();
}
