using System.Reactive;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Sources;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Fakes;

/// <summary>The whole pipeline with fake ports on one TestScheduler: hours of node life in milliseconds.</summary>
public sealed class SupervisorHarness : IDisposable
{
    public const string TriggerPath = "/home/data/upgrade-info.json";
    public const string SchedulePath = "/home/wemixvisor/schedule.json";
    public static readonly TimeSpan HeightPoll = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    private readonly Subject<NodeSignal> _signals = new();
    private readonly ILogger<Supervisor> _logger;
    private readonly IReadOnlyList<IObserver<Transition>> _observers;
    private IDisposable? _subscription;

    /// <param name="observers">Watch the run after the harness's own record of it, as the host's observers do.</param>
    public SupervisorHarness(SupervisorPolicy? policy = null, ILogger<Supervisor>? logger = null, IReadOnlyList<IObserver<Transition>>? observers = null)
    {
        _logger = logger ?? NullLogger<Supervisor>.Instance;
        _observers = observers ?? [];
        Policy = policy ?? new SupervisorPolicy { PreflightRecheck = Poll };
        Upgrades = new FakeUpgradeHost(Scheduler);
        Launcher = new FakeLauncher(Scheduler, () => Upgrades.Current);
    }

    public TestScheduler Scheduler { get; } = new();
    public FakeFiles Files { get; } = new();
    public FakeUpgradeHost Upgrades { get; }
    public FakeLauncher Launcher { get; }
    public FakeNodeRpc Rpc { get; } = new();
    public SupervisorPolicy Policy { get; }
    public List<Transition> Transitions { get; } = [];
    public int? ExitCode { get; private set; }
    public bool Completed { get; private set; }

    public TimeSpan Now => TimeSpan.FromTicks(Scheduler.Clock);

    /// <summary>Subscribes the supervisor at the current virtual time, with the trigger watcher and the signals as sources.</summary>
    /// <param name="probation">A probation left by a previous wemixvisor, resumed from the start.</param>
    public SupervisorHarness Start(AppliedUpgrade? applied = null, ProbationRecord? probation = null)
    {
        var trigger = new TriggerReader(Files, TriggerPath);
        var ports = new SupervisorPorts(Launcher, trigger, Upgrades, Upgrades, Upgrades, Upgrades, Upgrades);
        var supervisor = new Supervisor(ports, Policy, new SupervisorSchedulers(Scheduler, Scheduler), _logger);
        IEventSource[] sources =
        [
            new TriggerWatcher(trigger, Files, Poll, Scheduler),
            new SignalEvents(_signals),
            new ScheduleWatcher(SchedulePath, Files, () => ScheduleParser.Parse(Files.Read(SchedulePath, ScheduleParser.MaxFileBytes + 1)), Files, Poll, Scheduler),
            new ChainWatcher(Rpc, HeightPoll, Scheduler),
        ];
        var recorder = Observer.Create<Transition>(
            transition =>
            {
                Transitions.Add(transition);
                if (transition.Decision.Commands.OfType<SupervisorCommand.Exit>().FirstOrDefault() is { } exit)
                {
                    ExitCode = exit.Code;
                }
            },
            error => throw error,
            () => Completed = true);
        var schedule = ScheduleParser.Parse(Files.Read(SchedulePath, ScheduleParser.MaxFileBytes + 1)) is ScheduleFile.Valid valid ? valid.Schedule : null;
        _subscription = supervisor.Run(applied ?? AppliedUpgrade.Genesis, sources, [recorder, .. _observers], schedule, probation).Subscribe();
        Scheduler.AdvanceBy(1);
        return this;
    }

    public void Advance(TimeSpan by) => Scheduler.AdvanceBy(by.Ticks);

    /// <summary>Advances in small steps until <paramref name="done"/> or the virtual deadline; fails at the deadline.</summary>
    public void AdvanceUntil(Func<bool> done, TimeSpan deadline, string what)
    {
        var end = Scheduler.Clock + deadline.Ticks;
        while (!done())
        {
            Assert.True(Scheduler.Clock < end, $"not within {deadline} of virtual time: {what}");
            Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
        }
    }

    public void Signal(NodeSignal signal) => _signals.OnNext(signal);

    public void WriteTrigger(string name, long height, string info = "{}") =>
        Files.Write(TriggerPath, $$"""{"name":"{{name}}","height":{{height}},"info":{{info}}}""");

    public FakeNode Node => Launcher.Current ?? throw new InvalidOperationException("no node runs");

    /// <summary>The phases the supervisor went through, collapsing repeats.</summary>
    public IReadOnlyList<string> Phases() =>
        Transitions.Select(t => t.To.Phase.GetType().Name).Aggregate(new List<string>(), (list, phase) =>
        {
            if (list.Count == 0 || list[^1] != phase)
            {
                list.Add(phase);
            }
            return list;
        });

    public IEnumerable<T> Commands<T>() where T : SupervisorCommand => Transitions.SelectMany(t => t.Decision.Commands).OfType<T>();

    public void Dispose() => _subscription?.Dispose();
}
