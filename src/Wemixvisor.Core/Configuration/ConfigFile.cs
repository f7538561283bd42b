using System.Globalization;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Wemixvisor.Core.Configuration;

/// <summary>
/// Reads the TOML config file into flat <c>key = value</c> pairs. Only top-level keys with a string,
/// integer, float or boolean value make sense; tables, arrays, dotted keys and dates are reported.
/// </summary>
public static class ConfigFile
{
    public sealed record Contents(IReadOnlyList<SettingValue> Values, IReadOnlyList<ConfigurationProblem> Problems);

    public static Contents Parse(string text, string path)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, path);
        }
        catch (ArgumentException e)
        {
            // Tomlyn throws, instead of reporting, on some malformed escapes (a "\ud" cut short by the end of the file).
            return new Contents([], [new ConfigurationProblem(path, $"config file {path}: invalid TOML: {e.Message}")]);
        }
        var problems = new List<ConfigurationProblem>();
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
            {
                problems.Add(new ConfigurationProblem(
                    path,
                    $"config file {path}, line {diagnostic.Span.Start.Line + 1}, column {diagnostic.Span.Start.Column + 1}: invalid TOML: {diagnostic.Message}"));
            }
        }
        if (problems.Count > 0)
        {
            return new Contents([], problems);
        }

        var values = new List<SettingValue>();
        foreach (var keyValue in document.KeyValues)
        {
            var line = keyValue.Span.Start.Line + 1;
            var key = KeyText(keyValue.Key);
            if (keyValue.Key?.DotKeys.ChildrenCount > 0)
            {
                problems.Add(new ConfigurationProblem(key, $"config file {path}, line {line}: dotted key \"{key}\" is not allowed; every setting is a top-level key"));
                continue;
            }
            var scalar = ScalarText(keyValue.Value);
            if (scalar is null)
            {
                problems.Add(new ConfigurationProblem(key, $"config file {path}, line {line}: \"{key}\" must be a string, number or boolean"));
                continue;
            }
            values.Add(new SettingValue(scalar, SettingSource.File, key, path, line));
        }
        foreach (var table in document.Tables)
        {
            var name = KeyText(table.Name);
            problems.Add(new ConfigurationProblem(
                name,
                $"config file {path}, line {table.Span.Start.Line + 1}: table [{name}] is not allowed; every setting is a top-level key"));
        }
        return new Contents(values, problems);
    }

    private static string KeyText(KeySyntax? key) => key?.ToString()?.Trim() switch
    {
        null or "" => "?",
        var text when key.DotKeys.ChildrenCount == 0 => key.Key switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? text,
            StringValueSyntax quoted => quoted.Value ?? text,
            _ => text,
        },
        var text => text,
    };

    private static string? ScalarText(ValueSyntax? value) => value switch
    {
        StringValueSyntax s => s.Value,
        IntegerValueSyntax i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValueSyntax f => f.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValueSyntax b => BooleanText.Format(b.Value),
        _ => null,
    };
}
