using Wemixvisor.Core.Layout;
using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary>
/// A gstable-shaped data dir (<c>gstable/nodekey</c>, chaindata, <c>keystore/</c>) through the published <c>run</c>:
/// the node's identity — every byte, mode, time and (as root) owner under <c>&lt;datadir&gt;/gstable/</c> and
/// <c>keystore/</c> — is the same after an upgrade, after a migration that failed and was restored, and after a
/// rollback of a new binary that never came up, even when the failed step overwrote the nodekey.
/// </summary>
[Collection("Processes")]
public sealed class NodeIdentityTests : IDisposable
{
    private const string Daemon = "gstable";
    private readonly TempHome _home = TempHome.Create(Daemon);
    private readonly byte[] _nodekey;
    private readonly IReadOnlyList<string> _identity;

    public NodeIdentityTests()
    {
        _nodekey = NodeDataTree.Create(_home.Layout.DataDir);
        if (Libc.GetEffectiveUid() == 0)
        {
            // The node runs as another user than wemixvisor.
            foreach (var path in Directory.EnumerateFileSystemEntries(Path.Combine(_home.Layout.DataDir, "keystore")).Append(Path.Combine(_home.Layout.DataDir, "keystore")))
            {
                Assert.Equal(0, Libc.ChangeOwner(path, OwnershipSnapshot.OtherUid, OwnershipSnapshot.OtherGid));
            }
        }
        _identity = Identity();
    }

    public void Dispose() => _home.Dispose();

    private string NodekeyPath => Path.Combine(_home.Layout.DataDir, Daemon, "nodekey");

    private IReadOnlyList<string> Identity() =>
    [
        .. TreeSnapshot.Of(Path.Combine(_home.Layout.DataDir, Daemon)),
        .. TreeSnapshot.Of(Path.Combine(_home.Layout.DataDir, "keystore")),
        .. OwnershipSnapshot.Of(Path.Combine(_home.Layout.DataDir, Daemon)),
        .. OwnershipSnapshot.Of(Path.Combine(_home.Layout.DataDir, "keystore")),
    ];

    /// <summary>Bash that overwrites the identity, as a bad migration would.</summary>
    private string Clobber() =>
        $"printf 'clobbered' > {FakeNode.Quote(NodekeyPath)}; rm -f {FakeNode.Quote(Path.Combine(_home.Layout.DataDir, "keystore", "UTC--key"))}; " +
        $"printf 'migrated' > {FakeNode.Quote(Path.Combine(_home.Layout.DataDir, Daemon, "chaindata", "000002.ldb"))}";

    private FakeNode GenesisAskingForV2() => new("genesis") { TriggerJson = Trigger.Json("v2", 5), TriggerPath = _home.Layout.TriggerFile };

    private void AssertIdentityKept(RunningWemixvisor run)
    {
        Assert.True(_nodekey.SequenceEqual(File.ReadAllBytes(NodekeyPath)), run.Describe());
        Assert.Equal(_identity, Identity());
    }

    [Fact]
    public async Task Upgrade_KeepsTheNodesIdentity()
    {
        _home.WriteGenesis(GenesisAskingForV2());
        _home.WriteUpgrade("v2", new FakeNode("v2"));

        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.StartedPids("v2").Count == 1, "v2 started", TimeSpan.FromSeconds(20), run.Describe);

        AssertIdentityKept(run);
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }

    [Fact]
    public async Task MigrationOverwritingTheNodekeyFails_DataRestored_IdentityByteIdentical()
    {
        _home.WriteGenesis(GenesisAskingForV2());
        _home.WriteUpgrade("v2", new FakeNode("v2"));
        TempHome.WriteExecutable(_home.Layout.UpgradeHookScript(UpgradeName.Parse("v2")), $"#!/usr/bin/env bash\n{Clobber()}\necho 'migration failed' >&2\nexit 1\n");

        var (code, run) = await RunningWemixvisor.RunToEndAsync(_home, ["run"], RunEnvironment.Fast(), TimeSpan.FromSeconds(60));
        await using var _ = run;

        Assert.True(code == 3, run.Describe());
        Assert.Contains("the data was restored from the backup", run.Process.Output(), StringComparison.Ordinal);
        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        AssertIdentityKept(run);
    }

    [Fact]
    public async Task NewBinaryClobbersTheNodekeyAndCrashes_RolledBack_IdentityByteIdentical()
    {
        _home.WriteGenesis(GenesisAskingForV2());
        _home.WriteUpgrade("v2", new FakeNode("v2") { ExtraScript = Clobber(), ExitCodeAtStart = 1 });

        await using var run = await RunningWemixvisor.StartAsync(_home, ["run"], RunEnvironment.Fast());
        await Eventually.Holds(() => _home.Timeline.StartedPids("genesis").Count == 2, "the previous binary started again", TimeSpan.FromSeconds(30), run.Describe);

        Assert.Equal(HomeLayout.GenesisRelativeTarget, _home.CurrentTarget);
        Assert.Single(_home.Timeline.StartedPids("v2"));
        AssertIdentityKept(run);
        run.Signal(Signals.Terminate);
        Assert.Equal(0, await run.WaitForExit());
    }
}
