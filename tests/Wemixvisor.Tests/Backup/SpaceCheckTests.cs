using Wemixvisor.Platform.Backup;

namespace Wemixvisor.Tests.Backup;

public sealed class SpaceCheckTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void RequiredFor_IsDataPlusTenPercentPlus64MiB()
    {
        Assert.Equal(64 * MiB, SpaceCheck.RequiredFor(0));
        Assert.Equal(1000 * MiB + 100 * MiB + 64 * MiB, SpaceCheck.RequiredFor(1000 * MiB));
    }
}
