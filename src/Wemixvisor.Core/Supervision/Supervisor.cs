using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Sources;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// The pipeline, and the one place a run is put together: the events of the sources and the feedback
/// of executed commands are merged, serialised on the loop scheduler and folded through
/// <see cref="Decider"/>; each transition goes to the observers (the transition log first), then each
/// decision's commands run through the <see cref="CommandInterpreter"/>. The stream of transitions
/// completes after the one that issues <see cref="SupervisorCommand.Exit"/>.
/// </summary>
public sealed class Supervisor(SupervisorPorts ports, SupervisorPolicy policy, SupervisorSchedulers schedulers, ILogger<Supervisor> log)
{
    private readonly Decider _decider = new(policy);

    /// <param name="applied">The upgrade the current version was switched to.</param>
    /// <param name="sources">Where events come from (the trigger, signals…); merged in this order, each seeing the state as it changes.</param>
    /// <param name="observers">Who watches the run (status file, timeline…); each sees every transition in this order, and the end of the run.</param>
    /// <param name="schedule">The schedule read at start.</param>
    /// <param name="probation">The probation of <paramref name="applied"/> a previous wemixvisor left unfinished.</param>
    public IObservable<Transition> Run(
        AppliedUpgrade applied,
        IReadOnlyList<IEventSource> sources,
        IReadOnlyList<IObserver<Transition>> observers,
        UpgradeSchedule? schedule = null,
        ProbationRecord? probation = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(observers);
        return Observable.Create<Transition>(subscriber =>
        {
            IObserver<Transition>[] watchers = [new TransitionLog(log), .. observers, subscriber];
            var interpreter = new CommandInterpreter(ports, schedulers, log);
            var state = SupervisorState.Initial(applied, schedule, probation);
            var states = new BehaviorSubject<SupervisorState>(state);
            var feedback = new Subject<SupervisorEvent>();
            var effects = new CompositeDisposable();
            var exited = false;

            var external = sources.Select(source => source.Events(states.AsObservable())).Merge();
            var decisions = Observable.Merge(external, feedback)
                .ObserveOn(schedulers.Loop)
                .Subscribe(e =>
                {
                    if (exited)
                    {
                        return;
                    }
                    var decision = _decider.Decide(state, e);
                    var transition = new Transition(schedulers.Loop.Now, e, state, decision);
                    var changed = !decision.State.Equals(state);
                    state = decision.State;
                    foreach (var watcher in watchers)
                    {
                        watcher.OnNext(transition);
                    }
                    if (changed)
                    {
                        states.OnNext(state);
                    }
                    foreach (var command in decision.Commands)
                    {
                        if (command is SupervisorCommand.Exit)
                        {
                            exited = true;
                            foreach (var watcher in watchers)
                            {
                                watcher.OnCompleted();
                            }
                            return;
                        }
                        Start(interpreter.Execute(command));
                    }
                }, Fail);

            // Only now, with the feedback subscribed, may a decision's commands report back.
            feedback.OnNext(new SupervisorEvent.Started());
            return new CompositeDisposable(decisions, effects, feedback, Disposable.Create(states.OnCompleted));

            // Effects that finished leave the set, so a long run does not accumulate them.
            void Start(IObservable<SupervisorEvent> effect)
            {
                var subscription = new SingleAssignmentDisposable();
                effects.Add(subscription);
                subscription.Disposable = effect
                    .Finally(() => effects.Remove(subscription))
                    .Subscribe(feedback.OnNext, Fail);
            }

            void Fail(Exception error)
            {
                foreach (var watcher in watchers)
                {
                    watcher.OnError(error);
                }
            }
        });
    }
}
