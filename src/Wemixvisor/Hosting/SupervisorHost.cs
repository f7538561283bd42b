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
using Wemixvisor.Operations;
using Wemixvisor.Operations.Alerts;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Downloads;
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
            // Before anything else: a hook left running by a killed wemixvisor may still be changing the data.
            var hookReaper = new OrphanNodeReaper(NodeRecordStore.ForHooks(layout), HookRunner.DefaultKillGrace, loggers.CreateLogger<OrphanNodeReaper>(), "pre-upgrade hook");
            if (!await hookReaper.ReapAsync(cancellationToken))
            {
                _log.OrphanSurvived();
                return ExitCodes.InternalError;
            }
            using var operations = OperationsServices.Start(options, loggers, AlertDelivery.Default, out var operationsProblem);
            if (operations is null)
            {
                _log.OperationsUnusable(operationsProblem!);
                return ExitCodes.InvalidConfiguration;
            }
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
            try
            {
                new BackupEngine(layout, new StatvfsFreeSpaceSource(), TaskPoolScheduler.Default, loggers.CreateLogger<BackupEngine>()).RecoverInterruptedRestore();
            }
            catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
            {
                _log.RestoreRecoveryFailed(e.Message);
                return ExitCodes.UpgradeFailed;
            }

            var scheduleStore = ScheduleStore.For(layout);
            if (scheduleStore.Read() is ScheduleFile.Invalid invalid)
            {
                _log.CannotStart(scheduleStore.Problem(invalid.Reason));
                return ExitCodes.InvalidConfiguration;
            }

            var rpcEndpoint = NodeRpcEndpoint.Resolve(options.NodeRpc, options.DataDir, options.Name);
            if (!rpcEndpoint.IsValid)
            {
                _log.CannotStart(rpcEndpoint.Problem);
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
            var rpc = new JsonRpcNodeClient(rpcEndpoint.Endpoint, options.RpcTimeout);
            var code = await Supervise(options, layout, nodeArguments, signals, switcher, records, scheduleStore, rpc, operations, [runStatus, operations.Monitor, .. observers], cancellationToken);
            await operations.FlushAsync();
            return code;
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
        JsonRpcNodeClient rpc,
        OperationsServices operations,
        IReadOnlyList<IObserver<Transition>> observers,
        CancellationToken cancellationToken)
    {
        var probe = new LinuxFileProbe();
        var trigger = new TriggerReader(probe, layout.TriggerFile);
        var applied = new TriggerReader(probe, layout.CurrentMarker).ReadApplied();
        var results = new ScheduleResults(scheduleStore);
        var probations = new ProbationJournal(layout, loggers.CreateLogger<ProbationJournal>());
        var resumed = probations.Recover(applied, results, DateTimeOffset.UtcNow);
        var backups = new BackupEngine(layout, new StatvfsFreeSpaceSource(), TaskPoolScheduler.Default, loggers.CreateLogger<BackupEngine>());
        var hooks = new HookRunner(TimeProvider.System, loggers.CreateLogger<HookRunner>(), records: NodeRecordStore.ForHooks(layout));
        using var fetcher = new HttpFetcher();
        using var downloads = options.AllowDownloadBinaries ? BinaryDownloads.Create(options, layout, fetcher, loggers.CreateLogger<BinaryDownloads>()) : null;
        var ports = new SupervisorPorts(
            new LinuxNodeLauncher(layout, nodeArguments, records, loggers.CreateLogger<LinuxNodeLauncher>()),
            trigger,
            new LinuxUpgradePreflight(options, layout, backups, TaskPoolScheduler.Default, downloads),
            new LinuxUpgradeJobs(options, layout, backups, hooks, loggers.CreateLogger<LinuxUpgradeJobs>()),
            switcher,
            results,
            probations);
        var schedule = scheduleStore.Read() is ScheduleFile.Valid valid ? valid.Schedule : UpgradeSchedule.Empty;
        var hints = new InotifyFileChangeHints(loggers.CreateLogger<InotifyFileChangeHints>());

        using var loop = new LoopScheduler("wemixvisor-supervisor");
        using var watchdog = operations.StartWatchdog(loop);
        var supervisor = new Supervisor(ports, SupervisorPolicy.From(options), new SupervisorSchedulers(loop, TaskPoolScheduler.Default), loggers.CreateLogger<Supervisor>());
        var stopRequests = Observable.Create<NodeSignal>(o => cancellationToken.Register(() => o.OnNext(NodeSignal.Terminate)));
        IEventSource[] sources =
        [
            new TriggerWatcher(trigger, hints, options.PollInterval, loop),
            new SignalEvents(signals.Signals.Merge(stopRequests)),
            new ScheduleWatcher(scheduleStore.Path, probe, scheduleStore.Read, hints, options.PollInterval, loop),
            new ChainWatcher(rpc, options.HeightPoll, loop),
        ];
        IReadOnlyList<IObserver<Transition>> watching = downloads is null ? observers : [.. observers, new ScheduledDownloads(downloads, layout)];
        if (resumed is not null)
        {
            _log.ResumingProbation(resumed.Upgrade.Name.Value, options.ReadyTimeout, resumed.Previous.ToString());
        }
        return await supervisor.Run(applied, sources, watching, schedule, resumed).ExitCode().ToTask(CancellationToken.None);
    }
}

internal static partial class SupervisorHostLog
{
    [LoggerMessage(3200, LogLevel.Error, "{Message}; this one starts nothing")]
    public static partial void AlreadyRunning(this ILogger log, string message);

    [LoggerMessage(3201, LogLevel.Error, "Cannot complete the upgrade switch a previous wemixvisor left unfinished: {Reason}")]
    public static partial void RecoveryFailed(this ILogger log, string reason);

    [LoggerMessage(3204, LogLevel.Error, "Cannot complete the restore a previous wemixvisor or backup restore left unfinished: {Reason}")]
    public static partial void RestoreRecoveryFailed(this ILogger log, string reason);

    [LoggerMessage(3203, LogLevel.Error, "{Problem}")]
    public static partial void CannotStart(this ILogger log, string problem);

    [LoggerMessage(3202, LogLevel.Error, "A node or hook left running by a previous wemixvisor survived SIGKILL; refusing to start anything on the same data")]
    public static partial void OrphanSurvived(this ILogger log);
}
