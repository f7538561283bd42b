using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Sources;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Hooks;
using Wemixvisor.Platform.Locking;
using Wemixvisor.Platform.NodeRpc;
using Wemixvisor.Platform.Processes;
using Wemixvisor.Platform.Schedule;
using Wemixvisor.Platform.Signals;
using Wemixvisor.Platform.Switching;
using Wemixvisor.Platform.Upgrades;

namespace Wemixvisor.Hosting;

/// <summary>
/// The composition root of <c>run</c>: takes the instance lock, recovers what a killed wemixvisor left,
/// stops an orphaned node, then runs the supervisor pipeline on the Linux adapters until it exits.
/// </summary>
public sealed class SupervisorHost(ILoggerFactory loggers) : ISupervisorHost
{
    private readonly ILogger<SupervisorHost> _log = loggers.CreateLogger<SupervisorHost>();

    public Task<int> RunAsync(WemixvisorOptions options, IReadOnlyList<string> nodeArguments, CancellationToken cancellationToken) =>
        RunAsync(options, nodeArguments, observers: [], cancellationToken);

    /// <param name="observers">Watch every transition after the run status file (the demo prints them as a timeline).</param>
    /// <param name="cancellationToken">Cancelling it is a stop request, handled like SIGTERM.</param>
    public async Task<int> RunAsync(WemixvisorOptions options, IReadOnlyList<string> nodeArguments, IReadOnlyList<IObserver<Transition>> observers, CancellationToken cancellationToken)
    {
        var layout = HomeLayout.From(options);
        // First: from here on SIGTERM no longer ends wemixvisor before the node has stopped.
        using var signals = new PosixSignalSource(loggers.CreateLogger<PosixSignalSource>());
        using var orphans = ChildReaper.Start(loggers.CreateLogger<ChildReaper>());
        InstanceLock instanceLock;
        try
        {
            instanceLock = InstanceLock.Acquire(layout, loggers.CreateLogger<InstanceLock>());
        }
        catch (InstanceLockedException e)
        {
            _log.AlreadyRunning(e.Message);
            return ExitCodes.AlreadyRunning;
        }

        using (instanceLock)
        {
            var journal = new UpgradeJournal(layout);
            var switcher = new AtomicUpgradeSwitcher(layout, journal, loggers.CreateLogger<AtomicUpgradeSwitcher>());
            try
            {
                new StartupRecovery(layout, journal, switcher, loggers.CreateLogger<StartupRecovery>()).Run();
            }
            catch (UpgradeSwitchException e)
            {
                _log.RecoveryFailed(e.Message);
                return ExitCodes.UpgradeFailed;
            }

            var scheduleStore = ScheduleStore.For(layout);
            if (scheduleStore.Read() is ScheduleFile.Invalid invalid)
            {
                _log.ScheduleUnusable(scheduleStore.Problem(invalid.Reason));
                return ExitCodes.InvalidConfiguration;
            }

            var records = new NodeRecordStore(layout);
            var reaper = new OrphanNodeReaper(records, options.ShutdownGrace, loggers.CreateLogger<OrphanNodeReaper>());
            if (!await reaper.ReapAsync(cancellationToken))
            {
                _log.OrphanSurvived();
                return ExitCodes.InternalError;
            }

            using var runStatus = new RunStatusWriter(layout, loggers.CreateLogger<RunStatusWriter>());
            return await Supervise(options, layout, nodeArguments, signals, switcher, records, scheduleStore, [runStatus, .. observers], cancellationToken);
        }
    }

    private async Task<int> Supervise(
        WemixvisorOptions options,
        HomeLayout layout,
        IReadOnlyList<string> nodeArguments,
        PosixSignalSource signals,
        AtomicUpgradeSwitcher switcher,
        NodeRecordStore records,
        ScheduleStore scheduleStore,
        IReadOnlyList<IObserver<Transition>> observers,
        CancellationToken cancellationToken)
    {
        var probe = new LinuxFileProbe();
        var trigger = new TriggerReader(probe, layout.TriggerFile);
        var applied = new TriggerReader(probe, layout.CurrentMarker).ReadApplied();
        var backups = new BackupEngine(layout, new StatvfsFreeSpaceSource(), TaskPoolScheduler.Default, loggers.CreateLogger<BackupEngine>());
        var hooks = new HookRunner(TimeProvider.System, loggers.CreateLogger<HookRunner>());
        var ports = new SupervisorPorts(
            new LinuxNodeLauncher(layout, nodeArguments, records, loggers.CreateLogger<LinuxNodeLauncher>()),
            trigger,
            new LinuxUpgradePreflight(options, layout, backups, TaskPoolScheduler.Default),
            new LinuxUpgradeSteps(options, layout, backups, hooks, loggers.CreateLogger<LinuxUpgradeSteps>()),
            switcher,
            new ScheduleResults(scheduleStore));
        var rpc = new JsonRpcNodeClient(NodeRpcEndpoint.Resolve(options.NodeRpc, options.DataDir, options.Name).Endpoint!, options.RpcTimeout);
        var schedule = scheduleStore.Read() is ScheduleFile.Valid valid ? valid.Schedule : UpgradeSchedule.Empty;
        var hints = new InotifyFileChangeHints(loggers.CreateLogger<InotifyFileChangeHints>());

        using var loop = new EventLoopScheduler(start => new Thread(start) { Name = "wemixvisor-supervisor", IsBackground = true });
        var supervisor = new Supervisor(ports, SupervisorPolicy.From(options), new SupervisorSchedulers(loop, TaskPoolScheduler.Default), loggers.CreateLogger<Supervisor>());
        var stopRequests = Observable.Create<NodeSignal>(o => cancellationToken.Register(() => o.OnNext(NodeSignal.Terminate)));
        IEventSource[] sources =
        [
            new TriggerWatcher(trigger, hints, options.PollInterval, loop),
            new SignalEvents(signals.Signals.Merge(stopRequests)),
            new ScheduleWatcher(scheduleStore.Path, probe, scheduleStore.Read, hints, options.PollInterval, loop),
            new ChainWatcher(rpc, options.HeightPoll, loop),
        ];
        return await supervisor.Run(applied, sources, observers, schedule).ExitCode().ToTask(CancellationToken.None);
    }
}

internal static partial class SupervisorHostLog
{
    [LoggerMessage(3200, LogLevel.Error, "{Message}; this one starts nothing")]
    public static partial void AlreadyRunning(this ILogger log, string message);

    [LoggerMessage(3201, LogLevel.Error, "Cannot complete the upgrade switch a previous wemixvisor left unfinished: {Reason}")]
    public static partial void RecoveryFailed(this ILogger log, string reason);

    [LoggerMessage(3203, LogLevel.Error, "{Problem}")]
    public static partial void ScheduleUnusable(this ILogger log, string problem);

    [LoggerMessage(3202, LogLevel.Error, "A node left running by a previous wemixvisor survived SIGKILL; refusing to start a second node on the same data")]
    public static partial void OrphanSurvived(this ILogger log);
}
