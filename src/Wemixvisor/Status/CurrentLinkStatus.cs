using Wemixvisor.Core.Layout;

namespace Wemixvisor.Status;

/// <summary>Where <c>current</c> points: the link's text and the directory it resolves to, or why it does not.</summary>
internal sealed record CurrentLinkStatus(string Path, string? Target, string? Resolved, string? Problem)
{
    public static CurrentLinkStatus Read(HomeLayout layout)
    {
        var link = new FileInfo(layout.Current);
        if (link.LinkTarget is { } target)
        {
            var resolved = System.IO.Path.GetFullPath(target, layout.Root);
            return Directory.Exists(resolved)
                ? new CurrentLinkStatus(layout.Current, target, resolved, null)
                : new CurrentLinkStatus(layout.Current, target, null, $"points to {resolved}, which does not exist");
        }
        return Directory.Exists(layout.Current)
            ? new CurrentLinkStatus(layout.Current, null, layout.Current, "is a directory, not a symlink")
            : new CurrentLinkStatus(layout.Current, null, null, "does not exist: run `wemixvisor init <path-to-binary>` first");
    }
}
