using System.Reactive.Linq;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using static Wemixvisor.Core.Supervision.SupervisorCommand;
using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// Runs commands through the ports and turns every outcome into an event for the pipeline.
/// Effects never fail the stream: failures become events (<see cref="NodeStartFailed"/>, <see cref="JobOutcome.Failed"/>…).
/// A command it has no effect for is a bug and throws.
/// </summary>
public sealed class CommandInterpreter(SupervisorPorts ports, SupervisorSchedulers schedulers, ILogger log)
{
    /// <summary>The node launched last; commands signal it. Touched only on the loop.</summary>
    private INodeProcess? _node;

    public IObservable<SupervisorEvent> Execute(SupervisorCommand command) => command switch
    {
        CheckTrigger => Observable.Defer(() => Observable.Return<SupervisorEvent>(new TriggerChecked(ports.Trigger.Read()))),
        StartNode => LaunchNode(),
        SignalNode s => Effect(() => Signal(s.Signal)),
        StartTimer t => Observable.Timer(t.Due, schedulers.Loop).Select(_ => (SupervisorEvent)new TimerElapsed(t.Id)),
        RunPreflight p => Observable.Start(() => Preflight(p), schedulers.Work),
        RunJob j => Outcome(ports.Jobs.Run(j.Job, j.Upgrade), o => new JobFinished(j.Job, o)),
        SwitchTo s => ports.Switcher.Switch(s.Upgrade)
            .Select(_ => (SupervisorEvent)new Switched(s.Upgrade))
            .Catch((Exception e) => Observable.Return<SupervisorEvent>(new SwitchFailed(s.Upgrade, e.Message))),
        RestoreBackup r => Outcome(ports.Jobs.RestoreBackup(r.Upgrade), o => new RestoreFinished(o)),
        PruneBackups => Outcome(ports.Jobs.PruneBackups(), o => new BackupsPruned(o)),
        ReportBlocked r => Effect(() => log.UpgradeBlocked(r.Upgrade.Name.Value, r.Upgrade.Height, r.Problem)),
        SwitchBack b => ports.Switcher.SwitchBack(b.To)
            .Select(_ => (SupervisorEvent)new SwitchedBack(b.To))
            .Catch((Exception e) => Observable.Return<SupervisorEvent>(new SwitchBackFailed(b.To, e.Message))),
        RecordResult r => Effect(() => Record(r)),
        ReportSwitchPlan r => Effect(() => log.SwitchPlanned(r.Upgrade.Name.Value, r.Upgrade.Height, r.Plan.Slot.Slot, r.Plan.Slot.Description, r.Plan.SwitchPoint, r.Head, r.Plan.BlocksLeft(r.Head))),
        ReportSwitchDue { Reason: SwitchReason.SwitchPoint } r => Effect(() => log.SwitchDue(r.Upgrade.Name.Value, r.Upgrade.Height, r.Head, r.SwitchPoint, r.Slot)),
        ReportSwitchDue { Reason: SwitchReason.Stalled } r => Effect(() => log.SwitchStalled(r.Upgrade.Name.Value, r.Upgrade.Height, r.Head, r.SwitchPoint, r.Slot)),
        ReportSwitchDue r => Effect(() => log.SwitchLate(r.Upgrade.Name.Value, r.Upgrade.Height, r.Head, r.SwitchPoint, r.Slot)),
        KeepProbation k => Effect(() => Journal(
            $"keep the probation of upgrade {k.Probation.Upgrade.Name} on disk (a wemixvisor restarted before the binary is ready would take it as proven)",
            () => ports.Probations.Keep(k.Probation))),
        ClearProbation => Effect(() => Journal("remove the finished probation from disk (the next start judges the binary again)", ports.Probations.Clear)),
        ReportUnscheduled r => Effect(() => log.UpgradeUnscheduled(r.Upgrade.Name.Value, r.Upgrade.Height)),
        ReportReady r => Effect(() => log.UpgradeReady(r.Upgrade.Name.Value, r.Upgrade.Height, r.How)),
        ReportUpgradeProblem r => Effect(() => log.UpgradeProblem(r.Upgrade.Name.Value, r.Upgrade.Height, r.Problem)),
        _ => throw new InvalidOperationException($"{nameof(CommandInterpreter)} has no effect for the command {command.GetType().Name}"),
    };

    private IObservable<SupervisorEvent> LaunchNode() => Observable.Defer(() =>
    {
        INodeProcess node;
        try
        {
            node = ports.Launcher.Launch();
        }
        catch (NodeLaunchException e)
        {
            _node = null;
            return Observable.Return<SupervisorEvent>(new NodeStartFailed(e.Message, schedulers.Loop.Now));
        }
        _node = node;
        log.NodeLaunched(node.Pid);
        return Observable.Return<SupervisorEvent>(new NodeStarted(node.Pid, schedulers.Loop.Now))
            .Concat(node.Exited.Take(1).Select(exit => (SupervisorEvent)new NodeExited(node.Pid, exit, schedulers.Loop.Now)));
    });

    private void Signal(NodeSignal signal)
    {
        if (_node is { } node)
        {
            log.SignallingNode(signal.ToString(), (int)signal, node.Pid);
            node.Signal(signal);
        }
    }

    private void Record(RecordResult r)
    {
        try
        {
            ports.Results.Record(r.Upgrade, r.Status, r.Reason, schedulers.Loop.Now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UpgradeResultException)
        {
            log.ResultNotRecorded(r.Upgrade.Name.Value, ScheduleStatuses.Text(r.Status), e.Message);
        }
    }

    /// <summary>
    /// A probation that cannot be kept on disk only matters if wemixvisor dies during it (the preflight already
    /// checked that wemixvisor's directory is writable), so supervision goes on with an error logged.
    /// </summary>
    private void Journal(string action, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.ProbationNotKept(action, e.Message);
        }
    }

    private SupervisorEvent Preflight(RunPreflight p) => ports.Preflight.Check(p.Upgrade) is { } problem
        ? new PreflightFailed(p.Upgrade, problem)
        : new PreflightPassed(p.Upgrade);

    private static IObservable<SupervisorEvent> Outcome(IObservable<JobOutcome> run, Func<JobOutcome, SupervisorEvent> toEvent) =>
        run.Take(1)
            .Catch((Exception e) => Observable.Return<JobOutcome>(new JobOutcome.Failed(e.Message)))
            .DefaultIfEmpty(new JobOutcome.Failed("the job ended without an outcome"))
            .Select(toEvent);

    private static IObservable<SupervisorEvent> Effect(Action action) => Observable.Defer(() =>
    {
        action();
        return Observable.Empty<SupervisorEvent>();
    });
}
