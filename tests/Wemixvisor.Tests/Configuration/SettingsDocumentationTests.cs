using System.Text.RegularExpressions;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Tests.Configuration;

/// <summary>The settings tables of the documentation list exactly the settings of the catalogue.</summary>
public sealed class SettingsDocumentationTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/configuration.md")]
    public void SettingsTable_ListsEverySettingWithItsFlagAndDefault(string document)
    {
        var rows = SettingsTable(File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), document)));

        Assert.Equal(Settings.All.Select(setting => (setting.Variable, setting.FlagText, setting.DefaultText)), rows);
    }

    /// <summary>The first three cells (variable, flag, default) of each row of the table under "## Settings", without backticks.</summary>
    private static List<(string Variable, string Flag, string Default)> SettingsTable(string[] lines)
    {
        var section = lines.SkipWhile(line => line != "## Settings").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));
        return section
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2) // the header and its separator
            .Select(line => Regex.Split(line.Trim('|'), @"(?<!\\)\|").Select(cell => cell.Trim().Replace("`", "", StringComparison.Ordinal)).ToArray())
            .Select(cells => (cells[0], cells[1], cells[2]))
            .ToList();
    }
}
