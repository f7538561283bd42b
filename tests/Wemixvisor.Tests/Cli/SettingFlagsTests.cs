using System.Reflection;
using Cocona;
using Wemixvisor.Cli;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Cli;

public sealed class SettingFlagsTests
{
    [Fact]
    public void EverySetting_HasExactlyOneFlag()
    {
        var flags = typeof(SettingFlags).GetConstructors().Single().GetParameters()
            .Select(p => p.GetCustomAttribute<OptionAttribute>()!.Name);

        Assert.Equal(Settings.All.Select(s => s.Flag), flags);
    }

    [Fact]
    public void Given_ReturnsOnlyTheFlagsThatWereSet()
    {
        var flags = new SettingFlags(Home: "/h", PollInterval: "2s", DisableLogs: "true");

        Assert.Equal(
            new Dictionary<string, string> { ["home"] = "/h", ["poll-interval"] = "2s", ["disable-logs"] = "true" },
            flags.Given());
    }

    [Fact]
    public void Given_NothingSet_IsEmpty()
    {
        Assert.Empty(new SettingFlags().Given());
    }
}
