using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorCommand;
using static Wemixvisor.Core.Supervision.SupervisorEvent;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Core.Supervision;

/// <summary>The rules of height-scheduled upgrades: when to switch, when a new binary is ready, and the rollback.</summary>
public sealed partial class Decider
{
    /// <summary>A new head or schedule: a running node may now be due for its scheduled upgrade, or its new binary ready.</summary>
    private Decision OnChainNews(SupervisorState state) => state.Phase switch
    {
        Running when state.Probation is { } probation => ProbationHead(state, probation),
        Running p => ConsiderSchedule(state, p.Node, []),
        _ => Then(state, state.Phase),
    };

    /// <summary>
    /// A new schedule. An upgrade that waits for its preflight (being checked, or blocked) and was pending in the old
    /// schedule but is not in the new one (cancelled, or added again at another height) is given up: the node goes
    /// on as before, and the trigger is looked at again, since an upgrade it asks for stands on its own.
    /// </summary>
    private Decision OnScheduleChanged(SupervisorState state, UpgradeSchedule schedule)
    {
        var next = state with { Schedule = schedule };
        var (waiting, node) = state.Phase switch
        {
            Preparing p => (p.Upgrade, p.Node),
            Blocked b => (b.Upgrade, b.Node),
            _ => (null, null),
        };
        if (waiting is null || !IsScheduled(state.Schedule, waiting) || IsScheduled(schedule, waiting))
        {
            return OnChainNews(next);
        }
        var unscheduled = new ReportUnscheduled(waiting);
        return node is { } running
            ? Then(next, new Running(running), unscheduled, new CheckTrigger())
            : Then(next, new Running(NodeRun.Launched), unscheduled, new StartNode(), new CheckTrigger());
    }

    private static bool IsScheduled(UpgradeSchedule schedule, UpgradeInfo upgrade) =>
        schedule.Find(upgrade.Name) is { Status: ScheduleStatus.Pending } entry && entry.Height == upgrade.Height;

    private Decision OnSlotRead(SupervisorState state, ValidatorSlotRead read)
    {
        if (state.Phase is not Running p || state.Probation is not null || state.NextScheduled is not { } next || next.Name != read.Upgrade)
        {
            return Then(state, state.Phase);
        }
        SupervisorCommand[] report = state.Chain.Head is { } head
            ? [new ReportSwitchPlan(next, SwitchPlan.For(next.Height, read.Slot, policy.Chain), head.Height)]
            : [];
        return ConsiderSchedule(state, p.Node, report);
    }

    /// <summary>Prepares the next scheduled upgrade when the head says it is due; otherwise keeps running.</summary>
    private Decision ConsiderSchedule(SupervisorState state, NodeRun node, SupervisorCommand[] before)
    {
        if (state.NextScheduled is not { } next || state.Chain.Head is not { } head)
        {
            return Then(state, state.Phase, before);
        }
        var slot = state.Chain.SlotFor(next.Name);
        var plan = slot is null ? null : SwitchPlan.For(next.Height, slot, policy.Chain);
        var due = plan?.Due(head, policy.Chain) ?? (head.Height >= next.Height ? SwitchReason.Late : null);
        if (due is not { } reason)
        {
            return Then(state, state.Phase, before);
        }
        var prepared = Prepare(state, next, node);
        return prepared with { Commands = [.. before, new ReportSwitchDue(next, reason, head.Height, plan?.SwitchPoint, slot?.Slot), .. prepared.Commands] };
    }

    // ---- readiness ----

    /// <summary>
    /// The probation's deadline: without an RPC, a binary still running is ready; with one, the head did not move in time.
    /// (An exit during the probation is first looked at like any other — it may be a halt for the next upgrade —
    /// then judged by <see cref="AfterProbationExit"/>.)
    /// </summary>
    private Decision ProbationOver(SupervisorState state, Running p, Probation probation) => probation.ByRpc
        ? NotReady(state, probation, p.Node, $"not ready within {policy.Chain.ReadyTimeout}: {WhyNotReady(state, probation)}")
        : Ready(state, probation, $"still running after {policy.Chain.ReadyTimeout}");

    /// <summary>After the trigger was looked at: a failed exit with no upgrade pending fails the probation.</summary>
    private Decision AfterProbationExit(SupervisorState state, Probation probation, NodeExit exit) =>
        NotReady(state, probation, node: null, $"the node exited ({exit}) before it was ready", RestartOrExit(state, exit));

    private Decision ProbationHead(SupervisorState state, Probation probation)
    {
        if (!probation.ByRpc || state.Chain.Head is not { } head)
        {
            return Then(state, state.Phase);
        }
        if (probation.Baseline is not { } baseline)
        {
            var known = probation with { Baseline = head.Height };
            return Then(state with { Probation = known }, state.Phase, new KeepProbation(known.ToRecord()));
        }
        return head.Height > baseline
            ? Ready(state, probation, $"the chain head moved from {baseline} to {head.Height}")
            : Then(state, state.Phase);
    }

    private static string WhyNotReady(SupervisorState state, Probation probation) =>
        state.Chain.Unavailable is { } reason ? $"the node RPC does not answer ({reason})"
        : $"the chain head did not move past {probation.Baseline?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the height before the switch"}";

    private Decision Ready(SupervisorState state, Probation probation, string how)
    {
        var ready = state with
        {
            Probation = null,
            Schedule = probation.Scheduled ? WithResult(state.Schedule, probation.Upgrade, ScheduleStatus.Applied, null) : state.Schedule,
        };
        SupervisorCommand[] commands = probation.Scheduled
            ? [new ReportReady(probation.Upgrade, how), new ClearProbation(), new RecordResult(probation.Upgrade, ScheduleStatus.Applied, null)]
            : [new ReportReady(probation.Upgrade, how), new ClearProbation()];
        return ready.Phase is Running p ? ConsiderSchedule(ready, p.Node, commands) : Then(ready, ready.Phase, commands);
    }

    /// <summary>
    /// The new binary failed its probation. Before the upgrade height it is rolled back. At or past it an old binary
    /// could not follow the chain, so it stays, with the ordinary restarts (<paramref name="restart"/> after an exit),
    /// on probation still, so that every failure is reported until it is ready.
    /// </summary>
    private Decision NotReady(SupervisorState state, Probation probation, NodeRun? node, string reason, Decision? restart = null)
    {
        var upgrade = probation.Upgrade;
        if (probation.Scheduled && state.Chain.Head is { } head && head.Height >= upgrade.Height)
        {
            var problem = $"{reason}; the chain is at {head.Height}, at or past the upgrade height {upgrade.Height}, so it is not rolled back";
            var failed = WithResult(state.Schedule, upgrade, ScheduleStatus.Failed, problem);
            SupervisorCommand[] report = [new ReportUpgradeProblem(upgrade, problem), new RecordResult(upgrade, ScheduleStatus.Failed, problem)];
            var kept = restart ?? Then(state, state.Phase);
            return kept with { State = kept.State with { Schedule = failed }, Commands = [.. report, .. kept.Commands] };
        }
        var rollback = new Rollback(probation, reason);
        var rollingBack = node is { } running
            ? StopNode(state, upgrade: null, running, NodeSignal.Terminate, shutdownRequested: false, rollback)
            : BeginRollback(state, rollback, stopRequested: false);
        return rollingBack with { Commands = [new ReportUpgradeProblem(upgrade, $"{reason}; rolling back to {probation.Previous}"), .. rollingBack.Commands] };
    }

    // ---- rollback ----

    private static Decision BeginRollback(SupervisorState state, Rollback rollback, bool stopRequested) => rollback.Probation.BackupTaken
        ? Then(state, new RollingBack(rollback, RollbackStage.RestoringData, stopRequested), new RestoreBackup(rollback.Probation.Upgrade))
        : SwitchBackNow(state, new RollingBack(rollback, RollbackStage.SwitchingBack, stopRequested));

    private static Decision SwitchBackNow(SupervisorState state, RollingBack p) =>
        Then(state, p with { Stage = RollbackStage.SwitchingBack }, new SwitchBack(p.Rollback.Probation.Previous, p.Rollback.Probation.Upgrade));

    private static Decision OnRollingBack(SupervisorState state, RollingBack p, SupervisorEvent e)
    {
        var upgrade = p.Rollback.Probation.Upgrade;
        return e switch
        {
            RestoreFinished { Outcome: JobOutcome.Failed f } when p.Stage == RollbackStage.RestoringData =>
                Exit(state, ExitCodes.UpgradeFailed, $"rolling back upgrade {upgrade.Name} ({p.Rollback.Reason}) failed: restoring the data from the backup failed: {f.Reason}; current still points to {upgrade.Name} and no node was started"),
            RestoreFinished when p.Stage == RollbackStage.RestoringData => SwitchBackNow(state, p),
            SwitchedBack when p.Stage == RollbackStage.SwitchingBack => AfterRollback(state, p),
            SwitchBackFailed f when p.Stage == RollbackStage.SwitchingBack =>
                Exit(state, ExitCodes.UpgradeFailed, $"rolling back upgrade {upgrade.Name} ({p.Rollback.Reason}) failed: switching back to {f.To} failed: {f.Reason}"),
            SignalReceived => Then(state, p with { StopRequested = true }),
            _ => Decision.Ignore(state, $"rolling back upgrade {upgrade.Name} ({p.Stage})"),
        };
    }

    private static Decision AfterRollback(SupervisorState state, RollingBack p)
    {
        var probation = p.Rollback.Probation;
        var reason = p.Rollback.Reason;
        var back = state with
        {
            Applied = probation.Previous,
            Probation = null,
            Failures = 0,
            Schedule = WithResult(state.Schedule, probation.Upgrade, ScheduleStatus.RolledBack, reason),
        };
        var record = new RecordResult(probation.Upgrade, ScheduleStatus.RolledBack, reason);
        var report = new ReportUpgradeProblem(probation.Upgrade,
            $"rolled back to {probation.Previous}: {reason}; it is not tried again until it is scheduled again (wemixvisor add-upgrade {probation.Upgrade.Name} --height H)");
        return p.StopRequested
            ? Then(back, new Exited(ExitCodes.Success), new ClearProbation(), record, report, new SupervisorCommand.Exit(ExitCodes.Success, $"stop requested while rolling back upgrade {probation.Upgrade.Name}; {probation.Previous} is in place"))
            : Then(back, new Running(NodeRun.Launched), new ClearProbation(), record, report, new StartNode(), new CheckTrigger());
    }

    /// <summary>The schedule with <paramref name="upgrade"/>'s result, as the file will have it (its time aside).</summary>
    private static UpgradeSchedule WithResult(UpgradeSchedule schedule, UpgradeInfo upgrade, ScheduleStatus status, string? reason) =>
        schedule.Recording(upgrade.Name, upgrade.Height, status, reason, schedule.Find(upgrade.Name)?.UpdatedAt ?? DateTimeOffset.UnixEpoch) is ScheduleEdit.Done done
            ? done.Schedule
            : schedule;
}
