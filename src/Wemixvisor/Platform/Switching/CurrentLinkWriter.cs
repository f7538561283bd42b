using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Switching;

/// <summary>The one way <c>current</c> changes: a relative temp link renamed over it, then a directory fsync.</summary>
internal static class CurrentLinkWriter
{
    /// <summary>Temp links are named with this prefix; start-up recovery removes strays.</summary>
    public const string TempLinkPrefix = "current.tmp-";

    /// <summary>Points <c>current</c> at <paramref name="relativeTarget"/> with one rename(2), so it is never missing nor half made.</summary>
    public static void PointTo(HomeLayout layout, string relativeTarget)
    {
        var temp = Path.Combine(layout.Root, TempLinkPrefix + Environment.ProcessId);
        File.Delete(temp);
        File.CreateSymbolicLink(temp, relativeTarget);
        try
        {
            Libc.RenameOrThrow(temp, layout.Current);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        Libc.FsyncDirectory(layout.Root);
    }
}
