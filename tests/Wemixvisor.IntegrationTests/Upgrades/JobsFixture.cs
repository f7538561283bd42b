using System.Reactive.Threading.Tasks;
using Microsoft.Reactive.Testing;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.IntegrationTests.Backup;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Hooks;
using Wemixvisor.Platform.Upgrades;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.IntegrationTests.Upgrades;

/// <summary>A <see cref="TempHome"/> with data, an upgrade directory for v2.0.0, and the Linux steps and preflight wired to it.</summary>
internal sealed class JobsFixture : IDisposable
{
    public static readonly UpgradeInfo Upgrade = new(UpgradeName.Parse("v2.0.0"), 1234, null, """{"binaries":{"linux/amd64":"https://example.org/gstable"}}""");

    private readonly TempHome _temp = TempHome.Empty("gstable");

    public JobsFixture(Func<WemixvisorOptions, WemixvisorOptions>? configure = null, long freeBytes = long.MaxValue / 2)
    {
        Clock.AdvanceTo(BackupFixture.Start.Ticks);
        Directory.CreateDirectory(_temp.Home);
        var options = new WemixvisorOptions
        {
            Home = _temp.Home,
            Name = "gstable",
            DataDir = _temp.Layout.DataDir,
            BackupDir = _temp.Layout.BackupDir,
            PreUpgradeTimeout = TimeSpan.FromSeconds(30),
        };
        Options = configure is null ? options : configure(options);
        Layout = HomeLayout.From(Options);
        FreeSpace = new FakeFreeSpace(freeBytes);
        Backups = new BackupEngine(Layout, FreeSpace, Clock, new CapturedLog<BackupEngine>());
        Jobs = new LinuxUpgradeJobs(Options, Layout, Backups, new HookRunner(TimeProvider.System, HookLog, TimeSpan.FromMilliseconds(300)), JobLog);
        Preflight = new LinuxUpgradePreflight(Options, Layout, Backups, Clock);
    }

    public TestScheduler Clock { get; } = new();
    public WemixvisorOptions Options { get; }
    public HomeLayout Layout { get; }
    public FakeFreeSpace FreeSpace { get; }
    public BackupEngine Backups { get; }
    public LinuxUpgradeJobs Jobs { get; }
    public LinuxUpgradePreflight Preflight { get; }
    public CapturedLog<HookRunner> HookLog { get; } = new();
    public CapturedLog<LinuxUpgradeJobs> JobLog { get; } = new();
    public string Home => _temp.Home;

    public string UpgradeBinary => Layout.UpgradeBinary(Upgrade.Name);

    public string InstallBinary(string body = "exit 0", UnixFileMode mode = NodeDataTree.Mode755) =>
        TempHome.WriteScript(Layout.UpgradeBinary(Upgrade.Name), body, mode);

    /// <summary>A path beside the home.</summary>
    public string Combine(params string[] parts) => _temp.Combine(parts);

    public static Task<JobOutcome> Await(IObservable<JobOutcome> outcome) =>
        outcome.ToTask().WaitAsync(TimeSpan.FromSeconds(60));

    public Task<JobOutcome> Run(UpgradeJob job) => Await(Jobs.Run(job, Upgrade));

    public void Dispose() => _temp.Dispose();
}
