using Wemixvisor.Platform.Backup;

namespace Wemixvisor.IntegrationTests.Backup;

internal sealed class FakeFreeSpace(long availableBytes) : IFreeSpaceSource
{
    public long Available { get; set; } = availableBytes;

    public List<string> AskedFor { get; } = [];

    public long AvailableBytes(string path)
    {
        AskedFor.Add(path);
        return Available;
    }
}
