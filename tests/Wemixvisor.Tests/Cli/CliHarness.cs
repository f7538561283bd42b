using Microsoft.Extensions.DependencyInjection.Extensions;
using Cocona.Application;
using Microsoft.Extensions.DependencyInjection;
using Wemixvisor.Cli;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Logging;

namespace Wemixvisor.Tests.Cli;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    // Cocona reports the exit code through the process-wide Environment.ExitCode: one command at a time.
    public const string Name = "Cli";
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the real wemixvisor application in-process with a given environment, capturing stdout and stderr.</summary>
public sealed class CliHarness
{
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public string WorkingDirectory { get; set; } = "/";
    public RecordingSupervisor? Supervisor { get; set; } = new();

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await WemixvisorApp.RunAsync(args, services =>
        {
            services.AddSingleton<ICoconaConsoleProvider>(new CapturingConsole(output, error));
            services.AddSingleton<IProcessEnvironment>(new FakeEnvironment(Environment, WorkingDirectory));
            services.RemoveAll<ISupervisorHost>();
            if (Supervisor is not null)
            {
                services.AddSingleton<ISupervisorHost>(Supervisor);
            }
        });
        // Leave no log file pointing into a test's temporary home once it is deleted.
        NLog.LogManager.Flush();
        LoggingSetup.Apply(NLog.LogLevel.Info, "text", "");
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private sealed class CapturingConsole(TextWriter output, TextWriter error) : ICoconaConsoleProvider
    {
        public TextWriter Output => output;
        public TextWriter Error => error;
    }

    private sealed class FakeEnvironment(IReadOnlyDictionary<string, string> variables, string workingDirectory) : IProcessEnvironment
    {
        public IReadOnlyDictionary<string, string> Variables => variables;
        public string WorkingDirectory => workingDirectory;
    }
}

/// <summary>Stands in for the supervisor: records what <c>run</c> handed over and returns a chosen exit code.</summary>
public sealed class RecordingSupervisor : ISupervisorHost
{
    public List<(WemixvisorOptions Options, IReadOnlyList<string> NodeArgs)> Calls { get; } = [];
    public int ExitCode { get; set; }

    public Task<int> RunAsync(WemixvisorOptions options, IReadOnlyList<string> nodeArgs, CancellationToken ct)
    {
        Calls.Add((options, nodeArgs));
        return Task.FromResult(ExitCode);
    }
}
