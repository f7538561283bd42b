using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Sources;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Hosting;

namespace Wemixvisor.Tests.Supervision;

/// <summary>The pipeline on real threads, as production runs it: an event loop for decisions, the task pool for work.</summary>
public sealed class SupervisorEventLoopTests
{
    [Fact]
    public async Task RealEventLoop_NodeRunsThenStopsOnSignal_ExitCodeIsTheNodes()
    {
        var launcher = new ThreadedLauncher();
        var ports = new SupervisorPorts(launcher, new TriggerReader(new NoFiles(), "/none/upgrade-info.json"), new NoUpgrades(), new NoUpgrades(), new NoUpgrades(), new NoUpgrades(), new NoUpgrades());
        using var loop = new LoopScheduler("wemixvisor-supervisor");
        var supervisor = new Supervisor(ports, new SupervisorPolicy(), new SupervisorSchedulers(loop, TaskPoolScheduler.Default), NullLogger<Supervisor>.Instance);
        var signals = new Subject<NodeSignal>();

        var exit = supervisor.Run(AppliedUpgrade.Genesis, [new SignalEvents(signals)], []).ExitCode().ToTask();
        await launcher.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        signals.OnNext(NodeSignal.Terminate);

        Assert.Equal(5, await exit.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private sealed class ThreadedLauncher : INodeLauncher
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public INodeProcess Launch()
        {
            Started.TrySetResult();
            return new ThreadedNode();
        }
    }

    private sealed class ThreadedNode : INodeProcess
    {
        private readonly AsyncSubject<NodeExit> _exit = new();
        public int Pid => 4242;
        public IObservable<NodeExit> Exited => _exit;

        public void Signal(NodeSignal signal) => Task.Run(() =>
        {
            _exit.OnNext(NodeExit.Code(5));
            _exit.OnCompleted();
        });
    }

    private sealed class NoFiles : IFileProbe
    {
        public FileFingerprint? Stat(string path) => null;
        public byte[]? Read(string path, int maxBytes) => null;
    }

    private sealed class NoUpgrades : IUpgradePreflight, IUpgradeJobs, IUpgradeSwitcher, IUpgradeResults, IProbationJournal
    {
        public void Keep(ProbationRecord probation) { }
        public void Clear() { }
        public IObservable<Unit> SwitchBack(AppliedUpgrade previous) => Observable.Never<Unit>();
        public void Record(UpgradeInfo upgrade, Core.Schedule.ScheduleStatus status, string? reason, DateTimeOffset at) { }
        public string? Check(UpgradeInfo upgrade) => "none";
        public IObservable<JobOutcome> Run(UpgradeJob job, UpgradeInfo upgrade) => Observable.Never<JobOutcome>();
        public IObservable<JobOutcome> RestoreBackup(UpgradeInfo upgrade) => Observable.Never<JobOutcome>();
        public IObservable<JobOutcome> PruneBackups() => Observable.Never<JobOutcome>();
        public IObservable<Unit> Switch(UpgradeInfo upgrade) => Observable.Never<Unit>();
    }
}
