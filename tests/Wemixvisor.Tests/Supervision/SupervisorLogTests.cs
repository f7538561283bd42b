using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.Tests.Supervision;

/// <summary>What the supervisor writes at info level and above: what an operator reads in the journal.</summary>
public sealed class SupervisorLogTests
{
    [Fact]
    public void BlockedUpgrade_RecheckedEveryPollForTenMinutes_ProblemAppearsInTheInfoLogOnlyWhenFirstFound()
    {
        // Arrange
        var log = new CapturedLog<Supervisor>();
        using var h = new SupervisorHarness(logger: log);
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));

        // Act
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromMinutes(10));

        // Assert: about 2000 rechecks happened, each logged at debug level only.
        var rechecks = log.Entries.Count(entry => entry.Level == LogLevel.Debug && entry.Message.StartsWith("Blocked -> Preparing", StringComparison.Ordinal));
        Assert.InRange(rechecks, 1900, 2100);
        var loud = log.Entries.Where(entry => entry.Level >= LogLevel.Information && entry.Message.Contains("upgrades/v2/bin/node", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, loud.Count);
        Assert.Equal(LogLevel.Information, loud[0].Level);
        Assert.StartsWith("Preparing -> Blocked", loud[0].Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Error, loud[1].Level);
        Assert.Contains("cannot proceed yet", loud[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockedUpgrade_ProblemChanges_NewProblemLoggedAndTheUpgradeProceedsLoudly()
    {
        // Arrange
        var log = new CapturedLog<Supervisor>();
        using var h = new SupervisorHarness(logger: log);
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));
        h.WriteTrigger("v2", 10);
        h.Advance(TimeSpan.FromSeconds(5));

        // Act
        h.Upgrades.Binaries.Add("v2");
        h.AdvanceUntil(() => h.Upgrades.Current == "v2", TimeSpan.FromSeconds(5), "upgrade");

        // Assert: the passing recheck is an info line.
        Assert.Contains(log.Entries, entry => entry.Level == LogLevel.Information && entry.Message.StartsWith("Preparing -> Stopping", StringComparison.Ordinal));
    }

    [Fact]
    public void Shutdown_NodeIgnoresTermAndQuit_EachEscalationAndTheStopAreLoggedWithTheirTimes()
    {
        // Arrange
        var log = new CapturedLog<Supervisor>();
        using var h = new SupervisorHarness(new SupervisorPolicy { ShutdownGrace = TimeSpan.FromSeconds(30) }, logger: log);
        h.Launcher.Behaviour = NodeBehaviour.IgnoresTermAndQuit;
        h.Start();
        h.Advance(TimeSpan.FromSeconds(1));

        // Act
        h.Signal(Core.Ports.NodeSignal.Terminate);
        h.Advance(TimeSpan.FromSeconds(40));

        // Assert
        var stops = log.Entries.Where(e => e.Message.Contains("after the first signal", StringComparison.Ordinal)).Select(e => (e.Level, e.Message)).ToList();
        Assert.Equal(3, stops.Count);
        Assert.Equal((LogLevel.Warning, "The node is still running 00:00:30.0000001 after the first signal; escalating to Quit"), stops[0]);
        Assert.Equal(LogLevel.Warning, stops[1].Level);
        Assert.StartsWith("The node is still running 00:00:35", stops[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("escalating to Kill", stops[1].Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Information, stops[2].Level);
        Assert.StartsWith("The node stopped 00:00:35", stops[2].Message, StringComparison.Ordinal);
        Assert.EndsWith("(killed by signal 9)", stops[2].Message, StringComparison.Ordinal);
    }
}
