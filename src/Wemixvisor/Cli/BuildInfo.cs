using System.Reflection;
using System.Runtime.InteropServices;

namespace Wemixvisor.Cli;

/// <summary>What <c>wemixvisor version</c> reports: the build's version and commit, and the runtime it runs on.</summary>
public sealed record BuildInfo(string Version, string? Commit, string Runtime, string Platform)
{
    public static BuildInfo Current { get; } = FromAssembly(typeof(BuildInfo).Assembly);

    public static BuildInfo FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        // The SDK appends "+<SourceRevisionId>" to the informational version when a commit was given to the build.
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 || plus == informational.Length - 1 ? null : informational[(plus + 1)..];
        return new BuildInfo(version, commit, RuntimeInformation.FrameworkDescription, RuntimeInformation.RuntimeIdentifier);
    }
}
