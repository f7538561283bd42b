using System.Reactive.Concurrency;
using Cocona;
using Cocona.Application;
using Wemixvisor.Core;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Demo;
using Wemixvisor.Hosting;
using Wemixvisor.Logging;
using Wemixvisor.Platform.Installation;

namespace Wemixvisor.Commands;

/// <summary>A complete upgrade on a throwaway home, through the real <c>run</c> pipeline.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DemoCommand(SupervisorHost supervisor, ICoconaConsoleProvider console)
{
    private const string NodeName = "demo-node";
    private static readonly TimeSpan NewVersionShowTime = TimeSpan.FromSeconds(2);

    [Command("demo", Description = "Show a complete upgrade in a few seconds: on a throwaway home (printed) it installs two sample node versions, runs the real supervisor through detection, graceful stop, backup, switch and restart, stops cleanly and prints the timeline. Needs bash.")]
    public async Task<int> Demo([Option("keep", Description = "leave the demo home in place for inspection")] bool keep = false)
    {
        var home = Directory.CreateTempSubdirectory("wemixvisor-demo-").FullName;
        var output = console.Output;
        try
        {
            var options = Install(home);
            output.WriteLine($"Demo home: {home}");
            output.WriteLine($"genesis halts at height {SampleNodes.UpgradeHeight} and asks for upgrade {SampleNodes.UpgradeName}; wemixvisor applies it.");
            output.WriteLine();

            using var stop = new CancellationTokenSource();
            var timeline = new TimelinePrinter(output, DateTimeOffset.Now);
            var stopper = new StopWhenNewVersionRuns(stop, NewVersionShowTime);
            var code = await supervisor.RunAsync(options, ["start", "--data", options.DataDir], [timeline, stopper], stop.Token);

            output.WriteLine();
            var layout = HomeLayout.From(options);
            output.WriteLine($"current -> {new FileInfo(layout.Current).LinkTarget}; backups: {string.Join(", ", Directory.GetDirectories(options.BackupDir).Select(Path.GetFileName))}");
            output.WriteLine(code == ExitCodes.Success ? "Demo finished: the upgrade was applied and the node stopped cleanly." : $"Demo ended with exit code {code}.");
            return code;
        }
        finally
        {
            if (keep)
            {
                output.WriteLine($"Kept {home}");
            }
            else
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    private static WemixvisorOptions Install(string home)
    {
        var options = new WemixvisorOptions
        {
            Home = home,
            Name = NodeName,
            DataDir = Path.Combine(home, "data"),
            BackupDir = Path.Combine(home, "backups"),
            PollInterval = TimeSpan.FromMilliseconds(100),
            ShutdownGrace = TimeSpan.FromSeconds(10),
            LogLevel = LogLevelSetting.Warn,
        };
        LoggingSetup.Apply(options);
        var layout = HomeLayout.From(options);
        Directory.CreateDirectory(options.DataDir);
        Directory.CreateDirectory(layout.UpgradesDir);
        var samples = Directory.CreateDirectory(Path.Combine(home, "sample-nodes")).FullName;
        BinaryInstaller.Install(WriteScript(samples, "genesis", SampleNodes.Genesis), layout.GenesisBinary, force: false);
        CurrentLink.EnsureGenesis(layout);
        var upgradeBinary = Path.Combine(layout.UpgradesDir, SampleNodes.UpgradeName, "bin", NodeName);
        BinaryInstaller.Install(WriteScript(samples, SampleNodes.UpgradeName, SampleNodes.V2), upgradeBinary, force: false);
        return options;
    }

    private static string WriteScript(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Requests the stop once the upgraded node has been running for a moment.</summary>
    private sealed class StopWhenNewVersionRuns(CancellationTokenSource stop, TimeSpan after) : IObserver<Transition>
    {
        public void OnNext(Transition transition)
        {
            if (transition.Event is SupervisorEvent.NodeStarted && transition.To.Applied.Name is not null)
            {
                Scheduler.Default.Schedule(after, () => stop.Cancel());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
