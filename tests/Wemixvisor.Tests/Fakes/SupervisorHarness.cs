using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Sources;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Tests.Fakes;

/// <summary>The whole pipeline with fake ports on one TestScheduler: hours of node life in milliseconds.</summary>
public sealed class SupervisorHarness : IDisposable
{
    public const string TriggerPath = "/home/data/upgrade-info.json";
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    private readonly Subject<NodeSignal> _signals = new();
    private IDisposable? _subscription;

    private readonly ILogger<Supervisor> _logger;

    public SupervisorHarness(SupervisorPolicy? policy = null, ILogger<Supervisor>? logger = null)
    {
        _logger = logger ?? NullLogger<Supervisor>.Instance;
        Policy = policy ?? new SupervisorPolicy { PreflightRecheck = Poll };
        Upgrades = new FakeUpgradeHost(Scheduler);
        Launcher = new FakeLauncher(Scheduler, () => Upgrades.Current);
    }

    public TestScheduler Scheduler { get; } = new();
    public FakeFiles Files { get; } = new();
    public FakeUpgradeHost Upgrades { get; }
    public FakeLauncher Launcher { get; }
    public SupervisorPolicy Policy { get; }
    public List<SupervisorStep> Steps { get; } = [];
    public int? ExitCode { get; private set; }
    public bool Completed { get; private set; }

    public TimeSpan Now => TimeSpan.FromTicks(Scheduler.Clock);

    /// <summary>Subscribes the supervisor at the current virtual time.</summary>
    public SupervisorHarness Start(AppliedUpgrade? applied = null)
    {
        var trigger = new TriggerReader(Files, TriggerPath);
        var ports = new SupervisorPorts(Launcher, trigger, Upgrades, Upgrades, Upgrades);
        var schedulers = new SupervisorSchedulers(Scheduler, Scheduler);
        var supervisor = new Supervisor(ports, Policy, schedulers, _logger);
        var watcher = new UpgradeInfoWatcher(trigger, Files, Poll, Scheduler);
        var external = Observable.Merge(
            watcher.Events(),
            _signals.Select(s => (SupervisorEvent)new SupervisorEvent.SignalReceived(s)));
        _subscription = supervisor.Run(applied ?? AppliedUpgrade.Genesis, external).Subscribe(
            step =>
            {
                Steps.Add(step);
                if (step.Decision.Commands.OfType<SupervisorCommand.Exit>().FirstOrDefault() is { } exit)
                {
                    ExitCode = exit.Code;
                }
            },
            error => throw error,
            () => Completed = true);
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
        Steps.Select(s => s.To.Phase.GetType().Name).Aggregate(new List<string>(), (list, phase) =>
        {
            if (list.Count == 0 || list[^1] != phase)
            {
                list.Add(phase);
            }
            return list;
        });

    public IEnumerable<T> Commands<T>() where T : SupervisorCommand => Steps.SelectMany(s => s.Decision.Commands).OfType<T>();

    public void Dispose() => _subscription?.Dispose();
}
