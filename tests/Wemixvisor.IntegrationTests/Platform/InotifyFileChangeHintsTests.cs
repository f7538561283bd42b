using Microsoft.Extensions.Logging;
using Wemixvisor.IntegrationTests.Harness;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;
using Wemixvisor.Tests.Fakes;

namespace Wemixvisor.IntegrationTests.Platform;

public sealed class InotifyFileChangeHintsTests : IDisposable
{
    private readonly TempHome _home = TempHome.Create();
    private readonly CapturedLog<InotifyFileChangeHints> _log = new();
    private int _ticks;

    public void Dispose() => _home.Dispose();

    private IDisposable Watch(string path) =>
        new InotifyFileChangeHints(_log).Changes(path).Subscribe(_ => Interlocked.Increment(ref _ticks));

    private Task Ticked(string what) => Eventually.Holds(() => Volatile.Read(ref _ticks) > 0, what, TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Changes_FileWritten_Ticks()
    {
        using var watching = Watch(_home.Layout.TriggerFile);

        File.WriteAllText(_home.Layout.TriggerFile, "{}");

        await Ticked("a hint after the trigger was written");
    }

    [Fact]
    public async Task Changes_FileRenamedOver_Ticks()
    {
        // Arrange
        File.WriteAllText(_home.Layout.TriggerFile, "{}");
        var temp = Path.Combine(_home.Layout.DataDir, "upgrade-info.json.tmp");
        File.WriteAllText(temp, "{\"name\":\"v2\"}");
        using var watching = Watch(_home.Layout.TriggerFile);

        // Act
        Libc.RenameOrThrow(temp, _home.Layout.TriggerFile);

        // Assert
        await Ticked("a hint after a rename over the trigger");
    }

    [Fact]
    public async Task Changes_FileDeleted_Ticks()
    {
        File.WriteAllText(_home.Layout.TriggerFile, "{}");
        using var watching = Watch(_home.Layout.TriggerFile);

        File.Delete(_home.Layout.TriggerFile);

        await Ticked("a hint after the trigger was removed");
    }

    [Fact]
    public void Changes_DirectoryMissing_NoErrorAndOneWarning()
    {
        var missing = Path.Combine(_home.Home, "no-such-dir", "upgrade-info.json");
        Exception? error = null;
        var hints = new InotifyFileChangeHints(_log);

        using (hints.Changes(missing).Subscribe(_ => { }, e => error = e))
        using (hints.Changes(missing).Subscribe(_ => { }, e => error = e))
        {
        }

        Assert.Null(error);
        var warning = Assert.Single(_log.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("polling alone", warning.Message);
        Assert.Contains(missing, warning.Message);
    }
}
