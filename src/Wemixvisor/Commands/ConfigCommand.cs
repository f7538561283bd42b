using System.Text.Json.Nodes;
using Cocona;
using Cocona.Application;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Commands;

public sealed class ConfigCommand(OptionsResolver resolver, ICoconaConsoleProvider console)
{
    [Command("config", Description = "Show every setting with its resolved value and source (flag, env, file or default), and the paths derived from them. Exits 2 listing every problem when the configuration is invalid.")]
    public int Config(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var loaded = resolver.Resolve(settings);
        var paths = DerivedPaths(HomeLayout.From(loaded.Options));
        if (format == OutputFormat.Json)
        {
            WriteJson(loaded, paths);
        }
        else
        {
            WriteText(loaded, paths);
        }
        return ExitCodes.Success;
    }

    private static IReadOnlyList<(string Name, string Path)> DerivedPaths(HomeLayout layout) =>
    [
        ("root", layout.Root),
        ("current", layout.Current),
        ("current_binary", layout.CurrentBinary),
        ("genesis_binary", layout.GenesisBinary),
        ("upgrades", layout.UpgradesDir),
        ("trigger_file", layout.TriggerFile),
        ("default_config_file", layout.DefaultConfigFile),
        ("logs", layout.LogsDir),
        ("lock_file", layout.LockFile),
    ];

    private void WriteText(LoadedConfiguration loaded, IReadOnlyList<(string Name, string Path)> paths)
    {
        var width = Settings.All.Max(s => s.Variable.Length) + 2;
        var valueWidth = Math.Max(8, loaded.Settings.Max(s => s.Value.Length)) + 2;
        console.Output.WriteLine($"{"SETTING".PadRight(width)}{"VALUE".PadRight(valueWidth)}SOURCE");
        foreach (var setting in loaded.Settings)
        {
            var value = setting.Value.Length == 0 ? "-" : setting.Value;
            console.Output.WriteLine($"{setting.Setting.Variable.PadRight(width)}{value.PadRight(valueWidth)}{SourceText(setting)}");
        }
        console.Output.WriteLine();
        console.Output.WriteLine("PATHS");
        var pathWidth = paths.Max(p => p.Name.Length) + 2;
        foreach (var (name, path) in paths)
        {
            console.Output.WriteLine($"  {name.PadRight(pathWidth)}{path}");
        }
        if (loaded.Notices.Count > 0)
        {
            console.Output.WriteLine();
            console.Output.WriteLine("IGNORED");
            foreach (var notice in loaded.Notices)
            {
                console.Output.WriteLine($"  {notice}");
            }
        }
    }

    private static string SourceText(ResolvedSetting setting) =>
        setting.Source == SettingSource.Default ? "default" : $"{setting.Source.ToText()} ({setting.Origin})";

    private void WriteJson(LoadedConfiguration loaded, IReadOnlyList<(string Name, string Path)> paths)
    {
        var settings = new JsonObject();
        foreach (var setting in loaded.Settings)
        {
            settings[setting.Setting.Variable] = new JsonObject
            {
                ["value"] = setting.Value,
                ["source"] = setting.Source.ToText(),
                ["origin"] = setting.Origin,
                ["flag"] = setting.Setting.FlagText,
                ["file_key"] = setting.Setting.AllowedInFile ? setting.Setting.FileKey : null,
            };
        }
        var pathObject = new JsonObject();
        foreach (var (name, path) in paths)
        {
            pathObject[name] = path;
        }
        var json = new JsonObject
        {
            ["settings"] = settings,
            ["paths"] = pathObject,
            ["ignored"] = new JsonArray(loaded.Notices.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
        OutputFormats.WriteJson(console.Output, json);
    }
}
