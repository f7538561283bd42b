using Wemixvisor.Platform.Interop;

namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>A fact that needs root (to give files to another user, or to mount a file system); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Libc.GetEffectiveUid() != 0)
        {
            Skip = "needs root: gives files to another user or mounts a file system";
        }
    }
}
