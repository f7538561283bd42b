using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.Hooks;

namespace Wemixvisor.Tests.Hooks;

public sealed class PreUpgradeProtocolTests
{
    [Theory]
    [InlineData(0, typeof(JobOutcome.Succeeded))]
    [InlineData(1, typeof(JobOutcome.Skipped))]
    [InlineData(30, typeof(JobOutcome.Failed))]
    [InlineData(31, typeof(JobOutcome.RetryRequested))]
    [InlineData(2, typeof(JobOutcome.Failed))]
    [InlineData(32, typeof(JobOutcome.Failed))]
    [InlineData(137, typeof(JobOutcome.Failed))]
    public void FromBinary_FollowsCosmovisorsProtocol_OtherCodesFail(int exitCode, Type expected)
    {
        var outcome = PreUpgradeProtocol.FromBinary("gstable pre-upgrade", new HookResult.Exited(exitCode));

        Assert.IsType(expected, outcome);
    }

    [Theory]
    [InlineData(0, typeof(JobOutcome.Succeeded))]
    [InlineData(1, typeof(JobOutcome.Failed))]
    [InlineData(30, typeof(JobOutcome.Failed))]
    [InlineData(31, typeof(JobOutcome.Failed))]
    public void FromScript_OnlyZeroSucceeds(int exitCode, Type expected)
    {
        var outcome = PreUpgradeProtocol.FromScript("script", new HookResult.Exited(exitCode));

        Assert.IsType(expected, outcome);
    }

    [Fact]
    public void TimedOut_FailsNamingTheTimeoutVariable()
    {
        var timedOut = new HookResult.TimedOut(TimeSpan.FromMinutes(5));

        var binary = Assert.IsType<JobOutcome.Failed>(PreUpgradeProtocol.FromBinary("gstable pre-upgrade", timedOut));
        var script = Assert.IsType<JobOutcome.Failed>(PreUpgradeProtocol.FromScript("script", timedOut));

        Assert.Contains("DAEMON_PREUPGRADE_TIMEOUT", binary.Reason, StringComparison.Ordinal);
        Assert.Contains("DAEMON_PREUPGRADE_TIMEOUT", script.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_OtherCode_SaysWhichCodeAndTheProtocol()
    {
        var failed = Assert.IsType<JobOutcome.Failed>(PreUpgradeProtocol.FromBinary("gstable pre-upgrade", new HookResult.Exited(2)));

        Assert.Contains("code 2", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("31 retry", failed.Reason, StringComparison.Ordinal);
    }
}
