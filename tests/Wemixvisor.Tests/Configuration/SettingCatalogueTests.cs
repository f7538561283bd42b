using System.Reflection;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Supervision;

namespace Wemixvisor.Tests.Configuration;

public sealed class SettingCatalogueTests
{
    [Fact]
    public void All_HoldsEverySettingFieldOnceInDeclarationOrder()
    {
        var fields = typeof(Settings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => typeof(Setting).IsAssignableFrom(field.FieldType))
            .OrderBy(field => field.MetadataToken)
            .Select(field => (Setting)field.GetValue(null)!);

        Assert.Equal(fields, Settings.All);
    }

    [Fact]
    public void All_VariablesAliasesAndFlagsAreUnique()
    {
        var names = Settings.All.Select(s => s.Variable).Concat(Settings.All.Select(s => s.Alias).OfType<string>()).ToList();
        var flags = Settings.All.Select(s => s.Flag).ToList();

        Assert.Equal(names.Distinct(), names);
        Assert.Equal(flags.Distinct(), flags);
    }

    [Fact]
    public void Defaults_EveryFixedDefaultIsAValidValue()
    {
        var defaults = Settings.Defaults;

        Assert.All(Settings.All.Where(s => s.DefaultKind is SettingDefaultKind.Fixed or SettingDefaultKind.None), s => Assert.True(defaults.Contains(s), s.Variable));
    }

    [Fact]
    public void Default_FixedTextItsTypeRefuses_IsAnErrorNamingTheSetting()
    {
        var setting = new Setting<TimeSpan>("DAEMON_X", "x", SettingTypes.PositiveDuration, "0s", "a duration");

        var error = Assert.Throws<InvalidOperationException>(() => setting.Default);

        Assert.Equal("the default of DAEMON_X, \"0s\", is invalid: must be greater than 0s", error.Message);
    }

    [Fact]
    public void Default_IsTheFixedDefaultParsed()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(300), Settings.PollInterval.Default);
        Assert.Equal(10, Settings.MaxRestarts.Default);
        Assert.Null(Settings.CustomPreUpgrade.Default);
    }

    [Fact]
    public void Default_OfARequiredOrDerivedSetting_IsNotAvailableWithoutALoad()
    {
        Assert.Throws<InvalidOperationException>(() => Settings.Home.Default);
        Assert.Throws<InvalidOperationException>(() => Settings.DataDir.Default);
    }

    [Fact]
    public void Help_NamesTheVariableAndTheDefaultWhenThereIsOne()
    {
        Assert.Equal("how often the upgrade trigger is checked, > 0 (DAEMON_POLL_INTERVAL, default 300ms)", Settings.PollInterval.Help);
        Assert.Equal("where data backups are written, absolute (DAEMON_DATA_BACKUP_DIR, default $DAEMON_HOME/backups)", Settings.BackupDir.Help);
        Assert.Equal("node binary name, a plain file name (DAEMON_NAME)", Settings.Name.Help);
        Assert.Equal("custom pre-upgrade script, relative to <home>/wemixvisor or absolute (WEMIXVISOR_CUSTOM_PREUPGRADE)", Settings.CustomPreUpgrade.Help);
    }

    [Fact]
    public void Options_BuiltInCode_HaveTheDefaultsTheLoaderGives()
    {
        var loaded = LoaderInput.Minimal().LoadValid().Options;

        var built = new WemixvisorOptions { Home = "/srv/node", Name = "gstable", DataDir = "/srv/node/data", BackupDir = "/srv/node/backups" };

        Assert.Equal(loaded, built);
    }

    [Fact]
    public void Options_With_ChangesTheCopyOnly()
    {
        var original = LoaderInput.Minimal().LoadValid().Options;

        var copy = original with { MaxRestarts = 1, CustomPreUpgrade = "/hook" };

        Assert.Equal((10, null), (original.MaxRestarts, original.CustomPreUpgrade));
        Assert.Equal((1, "/hook"), (copy.MaxRestarts, copy.CustomPreUpgrade));
        Assert.NotEqual(original, copy);
    }

    [Fact]
    public void Policy_WithoutInitializer_IsThePolicyOfTheDefaultOptions()
    {
        var options = LoaderInput.Minimal().LoadValid().Options;

        Assert.Equal(SupervisorPolicy.From(options), new SupervisorPolicy());
    }

    [Fact]
    public void Where_AddsARuleToAType()
    {
        var even = SettingTypes.Count(minimum: 0).Where(value => value % 2 == 0, "must be even");

        Assert.Equal(Parsed<int>.Valid(4), even.Parse("4", SettingContext.Empty));
        Assert.Equal("must be even", even.Parse("3", SettingContext.Empty).Error);
        Assert.Equal("must be a whole number >= 0", even.Parse("x", SettingContext.Empty).Error);
    }
}
