using Wemixvisor.Core.Ports;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.IntegrationTests.Hooks;

namespace Wemixvisor.IntegrationTests.Upgrades;

[Collection("Processes")]
public sealed class LinuxUpgradeJobsHookTests
{
    [Fact]
    public async Task Hooks_NotConfiguredOrAbsent_AreSkipped()
    {
        using var home = new JobsFixture();
        home.InstallBinary($"touch '{home.Combine("binary-ran")}'");

        Assert.IsType<JobOutcome.Skipped>(await home.Run(UpgradeJob.CustomPreUpgrade));
        Assert.IsType<JobOutcome.Skipped>(await home.Run(UpgradeJob.UpgradePreUpgrade));
        Assert.IsType<JobOutcome.Skipped>(await home.Run(UpgradeJob.BinaryPreUpgrade));
        Assert.False(File.Exists(home.Combine("binary-ran")), "pre-upgrade of the binary runs only when WEMIXVISOR_PREUPGRADE_BINARY=true");
    }

    [Fact]
    public async Task CustomPreUpgrade_ReceivesNameHeightHomeAndTheUpgradeVariables()
    {
        using var temp = TempHome.Empty();
        var output = temp.Combine("received");
        var script = TempHome.WriteScript(temp.Combine("custom.sh"), Scripts.RecordInvocation(output));
        using var home = new JobsFixture(options => options with { CustomPreUpgrade = script });

        var outcome = await home.Run(UpgradeJob.CustomPreUpgrade);

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        Assert.Equal(
            [
                $"cwd={home.Home}",
                "argc=2",
                "arg=v2.0.0",
                "arg=1234",
                "UPGRADE_NAME=v2.0.0",
                "UPGRADE_HEIGHT=1234",
                """UPGRADE_INFO={"binaries":{"linux/amd64":"https://example.org/gstable"}}""",
                $"DAEMON_HOME={home.Home}",
                "DAEMON_NAME=gstable",
                $"DAEMON_DATA_DIR={home.Options.DataDir}",
            ],
            File.ReadAllLines(output));
    }

    [Fact]
    public async Task UpgradePreUpgrade_RunsTheUpgradesScriptWithNameAndHeight()
    {
        using var home = new JobsFixture();
        var output = home.Combine("received");
        TempHome.WriteScript(home.Layout.UpgradeHookScript(JobsFixture.Upgrade.Name), Scripts.RecordInvocation(output) + "\necho migrating");

        var outcome = await home.Run(UpgradeJob.UpgradePreUpgrade);

        Assert.IsType<JobOutcome.Succeeded>(outcome);
        var lines = File.ReadAllLines(output);
        Assert.Contains("arg=v2.0.0", lines);
        Assert.Contains("arg=1234", lines);
        Assert.Contains(home.HookLog.Entries, entry => (string?)entry.Values.GetValueOrDefault("Line") == "migrating"
            && (string?)entry.Values["Hook"] == "upgrade-pre-upgrade");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(31)]
    public async Task Scripts_AnyNonZeroExit_FailsWithTheCode(int code)
    {
        using var home = new JobsFixture();
        TempHome.WriteScript(home.Layout.UpgradeHookScript(JobsFixture.Upgrade.Name), $"exit {code}");

        var outcome = await home.Run(UpgradeJob.UpgradePreUpgrade);

        Assert.Contains($"code {code}", Assert.IsType<JobOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, typeof(JobOutcome.Succeeded))]
    [InlineData(1, typeof(JobOutcome.Skipped))]
    [InlineData(30, typeof(JobOutcome.Failed))]
    [InlineData(31, typeof(JobOutcome.RetryRequested))]
    [InlineData(2, typeof(JobOutcome.Failed))]
    public async Task BinaryPreUpgrade_MapsExitCodesByTheProtocol(int code, Type expected)
    {
        using var home = new JobsFixture(options => options with { PreUpgradeBinary = true });
        var output = home.Combine("received");
        home.InstallBinary(Scripts.RecordInvocation(output) + $"\nexit {code}");

        var outcome = await home.Run(UpgradeJob.BinaryPreUpgrade);

        Assert.IsType(expected, outcome);
        Assert.Equal(["argc=1", "arg=pre-upgrade"], File.ReadAllLines(output).Where(line => line.StartsWith("arg", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CustomPreUpgrade_HangingPastTheTimeout_Fails()
    {
        using var temp = TempHome.Empty();
        var script = TempHome.WriteScript(temp.Combine("custom.sh"), "exec sleep 300");
        using var home = new JobsFixture(options => options with { CustomPreUpgrade = script, PreUpgradeTimeout = TimeSpan.FromSeconds(1) });

        var outcome = await home.Run(UpgradeJob.CustomPreUpgrade);

        Assert.Contains("DAEMON_PREUPGRADE_TIMEOUT", Assert.IsType<JobOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }
}
