using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Downloads;

namespace Wemixvisor.Cli;

/// <summary>Downloads, verifies and installs an upgrade's binary in the foreground, for <c>prepare-upgrade</c> and <c>add-upgrade &lt;name&gt; &lt;URL&gt;</c>.</summary>
internal static class StageNow
{
    /// <returns>0 when the binary is staged; 3 with the reason on stderr otherwise.</returns>
    public static async Task<int> RunAsync(
        WemixvisorOptions options, HomeLayout layout, UpgradeName name, BinaryLocation location, ICoconaConsoleProvider console, ILogger logger)
    {
        var limits = DownloadLimits.From(options);
        using var fetcher = new HttpFetcher();
        var stager = new BinaryStager(layout, limits, fetcher, TimeProvider.System, logger);
        try
        {
            var source = await stager.ResolveAsync(name, location, CancellationToken.None).ConfigureAwait(false);
            var binary = await stager.StageAsync(name, source, progress: null, CancellationToken.None).ConfigureAwait(false);
            await console.Output.WriteLineAsync($"upgrade {name}: binary staged at {binary} (from {source.Shown})").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is DownloadException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"{CliErrors.Prefix}upgrade {name}: the binary could not be staged: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UpgradeFailed;
        }
    }
}
