using Cocona.Application;

namespace Wemixvisor.Cli;

/// <summary>The name, version and description in help and <c>--version</c>, the same however wemixvisor was launched.</summary>
public sealed class WemixvisorMetadata : ICoconaApplicationMetadataProvider
{
    public const string ExecutableName = "wemixvisor";

    public string GetExecutableName() => ExecutableName;

    public string GetProductName() => ExecutableName;

    public string GetVersion() => BuildInfo.Current.Commit is { } commit ? $"{BuildInfo.Current.Version} ({commit})" : BuildInfo.Current.Version;

    public string GetDescription() =>
        "Supervises one blockchain node process and performs its binary upgrades (Cosmovisor-compatible layout, upgrade-info.json and DAEMON_* variables).";
}
