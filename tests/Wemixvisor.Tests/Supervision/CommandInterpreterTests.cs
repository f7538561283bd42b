using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Tests.Fakes;
using static Wemixvisor.Core.Supervision.SupervisorCommand;

namespace Wemixvisor.Tests.Supervision;

public sealed class CommandInterpreterTests
{
    private static readonly UpgradeInfo V2 = new(UpgradeName.Parse("v2"), 10, null, "");

    private static CommandInterpreter Interpreter()
    {
        var scheduler = new TestScheduler();
        var upgrades = new FakeUpgradeHost(scheduler);
        var ports = new SupervisorPorts(
            new FakeLauncher(scheduler, () => upgrades.Current),
            new TriggerReader(new FakeFiles(), SupervisorHarness.TriggerPath),
            upgrades,
            upgrades,
            upgrades,
            upgrades,
            upgrades);
        return new CommandInterpreter(ports, new SupervisorSchedulers(scheduler, scheduler), NullLogger.Instance);
    }

    /// <summary>One command of each type; a new command type fails here until it has a sample (and an effect).</summary>
    private static SupervisorCommand Sample(Type type) => type.Name switch
    {
        nameof(CheckTrigger) => new CheckTrigger(),
        nameof(StartNode) => new StartNode(),
        nameof(SignalNode) => new SignalNode(NodeSignal.Terminate),
        nameof(StartTimer) => new StartTimer(new TimerId(1), TimeSpan.FromSeconds(1), "test"),
        nameof(RunPreflight) => new RunPreflight(V2),
        nameof(RunJob) => new RunJob(UpgradeJob.Backup, V2),
        nameof(SwitchTo) => new SwitchTo(V2),
        nameof(RestoreBackup) => new RestoreBackup(V2),
        nameof(PruneBackups) => new PruneBackups(),
        nameof(ReportBlocked) => new ReportBlocked(V2, "missing binary"),
        nameof(Exit) => new Exit(0, "done"),
        nameof(SwitchBack) => new SwitchBack(AppliedUpgrade.Genesis, V2),
        nameof(RecordResult) => new RecordResult(V2, Core.Schedule.ScheduleStatus.Applied, null),
        nameof(ReportSwitchPlan) => new ReportSwitchPlan(V2, Core.Chain.SwitchPlan.For(10, Core.Chain.ValidatorSlot.From(null, null), new SupervisorPolicy().Chain), 5),
        nameof(ReportSwitchDue) => new ReportSwitchDue(V2, Core.Chain.SwitchReason.Late, 12, 8, 0),
        nameof(KeepProbation) => new KeepProbation(new ProbationRecord(V2, AppliedUpgrade.Genesis, BackupTaken: true, Scheduled: true, ByRpc: true, Baseline: 7)),
        nameof(ClearProbation) => new ClearProbation(),
        nameof(ReportUnscheduled) => new ReportUnscheduled(V2),
        nameof(ReportReady) => new ReportReady(V2, "head moved"),
        nameof(ReportUpgradeProblem) => new ReportUpgradeProblem(V2, "not ready"),
        _ => throw new InvalidOperationException($"no sample for the command {type.Name}: add one"),
    };

    public static TheoryData<string> EffectfulCommands() =>
        [.. typeof(SupervisorCommand).GetNestedTypes()
            .Where(type => type.IsSubclassOf(typeof(SupervisorCommand)) && type != typeof(Exit))
            .Select(type => type.Name)];

    [Theory]
    [MemberData(nameof(EffectfulCommands))]
    public void Execute_EveryCommandButExit_HasAnEffect(string command)
    {
        var type = typeof(SupervisorCommand).GetNestedType(command)!;

        var effect = Interpreter().Execute(Sample(type));

        Assert.NotNull(effect);
    }

    [Fact]
    public void Execute_ExitIsThePipelinesOwn_ThrowsNamingTheCommand()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Interpreter().Execute(new Exit(0, "done")));

        Assert.Equal("CommandInterpreter has no effect for the command Exit", e.Message);
    }
}
