using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Switching;

namespace Wemixvisor.Platform.Installation;

public enum LinkOutcome
{
    Created,
    AlreadyThere,

    /// <summary><c>current</c> already points to another version (an upgrade was applied); it is left alone.</summary>
    KeptOther,
}

/// <summary>Creates the relative <c>current -&gt; genesis</c> link atomically (a temp link renamed over it).</summary>
public static class CurrentLink
{
    /// <returns>The outcome and the target <c>current</c> points to afterwards.</returns>
    /// <exception cref="InstallRefusedException"><c>current</c> exists and is not a symlink.</exception>
    public static (LinkOutcome Outcome, string Target) EnsureGenesis(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var existing = new FileInfo(layout.Current).LinkTarget;
        if (existing is not null)
        {
            return Path.GetFullPath(existing, layout.Root).TrimEnd('/') == layout.Genesis
                ? (LinkOutcome.AlreadyThere, existing)
                : (LinkOutcome.KeptOther, existing);
        }
        if (File.Exists(layout.Current) || Directory.Exists(layout.Current))
        {
            throw new InstallRefusedException($"{layout.Current} exists and is not a symlink; move it away so that it can point to genesis");
        }
        CurrentLinkWriter.PointTo(layout, HomeLayout.GenesisRelativeTarget);
        return (LinkOutcome.Created, HomeLayout.GenesisRelativeTarget);
    }
}
